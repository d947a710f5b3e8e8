#!/usr/bin/env bash
# The provenance viewer in headless Chromium (issue #6): runs the demo, loads every viewer page
# (lot timeline, tampered lot, receipt, cancelled receipt, backed and under-collateralised
# tokens, login, error), checks the rendered text and saves screenshots. The driver,
# ops/ci/viewer_check.py, uses only Python's standard library and Debian's chromium (ops/setup).
#
# usage: ops/ci/viewer-check.sh [BOLLARD_BINARY]   (default: $BOLLARD_BIN, else .build/debug/bollard)
#   BOLLARD_TEST_OUTPUT   screenshots go to $BOLLARD_TEST_OUTPUT/viewer (default .build/test-output/viewer)
#   BOLLARD_VIEWER_CHECK  server (default: `bollard serve` on the demo data, signed in through
#                         /view/login) or files (pages from `bollard view render`, served locally)
set -euo pipefail
export PYTHONDONTWRITEBYTECODE=1
cd "$(dirname "$0")/../.."
bin=${1:-${BOLLARD_BIN:-.build/debug/bollard}}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
[ -x "$bin" ] || { echo "viewer-check: no bollard binary at $bin (build first, or pass its path)" >&2; exit 1; }
output=${BOLLARD_TEST_OUTPUT:-$PWD/.build/test-output}/viewer
exec python3 ops/ci/viewer_check.py --bollard "$bin" --output "$output" --mode "${BOLLARD_VIEWER_CHECK:-server}"
