#!/usr/bin/env python3
"""The peer for `bollard bench log`: pymerkle's InmemoryTree on the same entries.

Entries are b"bollard-bench-%012d" % i, the same bytes `bollard bench log` appends, so the two
roots must be equal; the script prints JSON for ops/bench/log.sh to compare.
"""
import json
import random
import sys
import time

from pymerkle import InmemoryTree, verify_inclusion


def main() -> None:
    n = int(sys.argv[1])
    samples = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    entries = [b"bollard-bench-%012d" % i for i in range(n)]
    tree = InmemoryTree(algorithm="sha256")
    t0 = time.perf_counter()
    for e in entries:
        tree.append_entry(e)
    root = tree.get_root()
    t1 = time.perf_counter()

    rng = random.Random(42)
    indices = [rng.randrange(n) for _ in range(samples)]
    t2 = time.perf_counter()
    proofs = [tree.prove_inclusion(i + 1, n) for i in indices]  # pymerkle is 1-based
    t3 = time.perf_counter()
    for i, p in zip(indices, proofs):
        verify_inclusion(tree.get_leaf(i + 1), root, p)
    t4 = time.perf_counter()

    print(json.dumps({
        "leaves": n,
        "root": root.hex(),
        "append_and_root_seconds": t1 - t0,
        "leaves_per_second": n / (t1 - t0),
        "proofs_generated_per_second": samples / (t3 - t2),
        "proofs_verified_per_second": samples / (t4 - t3),
    }))


if __name__ == "__main__":
    main()
