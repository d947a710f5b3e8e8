#!/usr/bin/env bash
# The EDI scanners and envelope readers alone, in CPU seconds, without a package build: compiles
# Sources/BollardEDI/*.swift (the syntax layer; the mappers live in Mapping/ and are not needed)
# with ops/bench/edi_scan.swift into one optimised binary, builds the same inputs as
# ops/bench/edi.sh (edi_input.py), and prints MB and segments per CPU second. CPU time, not wall
# time, so the figures hold on a loaded machine. For the peers and the ratios, ops/bench/edi.sh.
# Usage: ops/bench/edi_scan.sh [MB] [ROUNDS]   (defaults 50 and 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
MB="${1:-50}"
ROUNDS="${2:-3}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

swiftc -O -wmo -parse-as-library -package-name bollard -module-name EDIScanBench \
    Sources/BollardEDI/*.swift ops/bench/edi_scan.swift -o "$WORK/edi_scan"
python3 ops/bench/edi_input.py edifact "$WORK/in.edi" --mb "$MB"
python3 ops/bench/edi_input.py x12 "$WORK/in.x12" --mb "$MB"
for mode in edifact-tokenize edifact-envelopes; do "$WORK/edi_scan" "$mode" "$WORK/in.edi" "$ROUNDS"; done
for mode in x12-tokenize x12-envelopes; do "$WORK/edi_scan" "$mode" "$WORK/in.x12" "$ROUNDS"; done
