#!/usr/bin/env bash
# Checks ops/monitoring (run by ops/test): the rules' YAML and the dashboard's JSON, that every
# expression reads only metrics listed in metrics.tsv, that each contract metric has a panel and
# each alert a `for:` and a runbook section — and, given a bollard binary, that a running
# `bollard serve` exposes every metric on /metrics (check_metrics.py says how).
#
# Usage: ops/monitoring/check.sh [BOLLARD]
set -euo pipefail
cd "$(dirname "$0")/../.."
# PyYAML: Debian's python3-yaml belongs to /usr/bin/python3, which a pyenv python3 may shadow.
PYTHON=""
for p in python3 /usr/bin/python3; do
  if "$p" -c 'import yaml' 2>/dev/null; then PYTHON="$p"; break; fi
done
[ -n "$PYTHON" ] || { echo "check.sh: no python3 with PyYAML (apt-get install python3-yaml)" >&2; exit 1; }
"$PYTHON" ops/monitoring/check_metrics.py static
[ "$#" -ge 1 ] || exit 0
BOLLARD="$1"
# (`bollard serve --help` exits 0 even without the subcommand: the root's help answers.)
if ! "$BOLLARD" --help 2>/dev/null | grep -qE '^  serve( |$)'; then
  # Until the server (Sources/BollardServer, branch service) is in this tree there is nothing to
  # scrape; once it is, a bollard without `serve` is a failure.
  if [ -d Sources/BollardServer ]; then
    echo "check.sh: $BOLLARD has no working 'serve' command" >&2
    exit 1
  fi
  echo "monitoring: live /metrics check NOT RUN — this tree has no server yet (Sources/BollardServer)"
  exit 0
fi
"$PYTHON" ops/monitoring/check_metrics.py live "$BOLLARD"
