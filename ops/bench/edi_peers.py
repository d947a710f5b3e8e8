#!/usr/bin/env python3
"""Times the Python peers on one input (run inside the venv ops/bench/edi.sh builds).

  edi_peers.py pydifact FILE   -> pydifact Parser().parse(), every segment materialised
  edi_peers.py pyx12 FILE      -> pyx12 x12file.X12Reader, every segment read (envelope checks on)

Prints one JSON object: bytes, segments, seconds, MB/s, segments/s, CPU seconds.
"""
import json
import sys
import time
import warnings


def run_pydifact(path):
    from pydifact.parser import Parser
    with open(path, "r", encoding="latin-1") as f:
        text = f.read()
    warnings.simplefilter("ignore")
    return sum(1 for _ in Parser().parse(text))


def run_pyx12(path):
    import pyx12.x12file
    with open(path, "r", encoding="latin-1") as f:
        reader = pyx12.x12file.X12Reader(f)
        return sum(1 for _ in reader)


def main():
    tool, path = sys.argv[1], sys.argv[2]
    size = len(open(path, "rb").read())
    start, cpu = time.perf_counter(), time.process_time()
    segments = {"pydifact": run_pydifact, "pyx12": run_pyx12}[tool](path)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(json.dumps({"tool": tool, "bytes": size, "segments": segments, "seconds": seconds,
                      "mb_per_second": size / 1e6 / seconds, "segments_per_second": segments / seconds,
                      "cpu_seconds": cpu}))


if __name__ == "__main__":
    main()
