#!/usr/bin/env python3
"""Times GS1's reference generator (epcis-event-hash-generator) on one EPCIS document.

Usage: python ops/bench/epcis_reference.py FILE [ROUNDS]   (run with the venv's python)
Prints one JSON object: events, best seconds, events per second, and the SHA-256 digest of the
hashes joined by newlines (the same digest `bollard bench epcis-hash --json` prints). Timing is
in-process (interpreter start-up excluded) at the library's default log level. `seconds` is
wall-clock; `cpu_seconds` is this process's CPU time, the steadier figure on a shared machine.
"""
import hashlib
import json
import sys
import time

from epcis_event_hash_generator import events_from_file_reader, hash_generator


def once(path):
    events = events_from_file_reader.event_list_from_file(path, "")
    prehashes = hash_generator.derive_prehashes_from_events(events, "")
    return hash_generator.calculate_hashes_from_pre_hashes(prehashes, "sha256")


def main():
    path = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    best, best_cpu, hashes = float("inf"), float("inf"), []
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        hashes = once(path)
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    print(json.dumps({
        "file": path,
        "events": len(hashes),
        "seconds": best,
        "events_per_second": len(hashes) / best,
        "cpu_seconds": best_cpu,
        "events_per_cpu_second": len(hashes) / best_cpu,
        "digest": hashlib.sha256("\n".join(hashes).encode()).hexdigest(),
    }))


if __name__ == "__main__":
    main()
