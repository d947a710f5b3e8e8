#!/usr/bin/env bash
# The EDI scanners and envelope readers alone, in CPU seconds, without a package build: compiles
# Sources/BollardEDI/*.swift (the syntax layer; the mappers live in Mapping/ and are not needed)
# with ops/bench/edi_scan.swift into one optimised binary, builds the same inputs as
# ops/bench/edi.sh (edi_input.py), and prints MB and segments per CPU second: tokenize only and
# with envelope checks (file in memory), then a streamed pass (1 MiB chunks, messages with
# findings kept) over MB and over SLICE_MB, each in its own process, whose peak RSS shows whether
# memory stays flat in the input size. CPU time, not wall time, so the figures hold on a loaded
# machine. For the Python peers and the ratios, ops/bench/edi.sh.
# Usage: ops/bench/edi_scan.sh [MB] [SLICE_MB] [ROUNDS]   (defaults 50, 5 and 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
MB="${1:-50}"
SLICE="${2:-5}"
ROUNDS="${3:-3}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

swiftc -O -wmo -parse-as-library -package-name bollard -module-name EDIScanBench \
    Sources/BollardEDI/*.swift ops/bench/edi_scan.swift -o "$WORK/edi_scan"
for syntax in edifact x12; do
    python3 ops/bench/edi_input.py "$syntax" "$WORK/big.$syntax" --mb "$MB"
    python3 ops/bench/edi_input.py "$syntax" "$WORK/slice.$syntax" --mb "$SLICE"
    "$WORK/edi_scan" "$syntax-tokenize" "$WORK/big.$syntax" "$ROUNDS"
    "$WORK/edi_scan" "$syntax-envelopes" "$WORK/big.$syntax" "$ROUNDS"
    "$WORK/edi_scan" "$syntax-stream" "$WORK/big.$syntax" 1
    "$WORK/edi_scan" "$syntax-stream" "$WORK/slice.$syntax" 1
done
