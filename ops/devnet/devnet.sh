#!/usr/bin/env bash
# A throwaway local EVM devnet for tests (devnet.py: py-evm behind eth-tester, 127.0.0.1, a free
# port). The venv is made in a temp dir from requirements.txt (pinned) unless
# BOLLARD_DEVNET_VENV names one to create or reuse.
#
# Sourced:   . ops/devnet/devnet.sh; bollard_devnet_start; ...; bollard_devnet_stop
#            (bollard_devnet_start exports BOLLARD_TEST_DEVNET_URL, BOLLARD_DEVNET_DIR, and
#            BOLLARD_DEVNET_PYTHON, the venv's python, for tests that start their own devnet:
#            mempool mode, restarts from --state)
# Executed:  ops/devnet/devnet.sh start   → prints BOLLARD_TEST_DEVNET_URL=... and BOLLARD_DEVNET_DIR=...
#            ops/devnet/devnet.sh stop DIR

BOLLARD_DEVNET_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

bollard_devnet_start() {
  local dir venv
  dir="$(mktemp -d "${TMPDIR:-/tmp}/bollard-devnet.XXXXXX")"
  venv="${BOLLARD_DEVNET_VENV:-$dir/venv}"
  if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import eth_tester, web3, rlp' 2>/dev/null; then
    python3 -m venv "$venv" || { rm -rf "$dir"; return 1; }
    "$venv/bin/pip" install -q --disable-pip-version-check -r "$BOLLARD_DEVNET_HOME/requirements.txt" \
      >"$dir/pip.log" 2>&1 || { cat "$dir/pip.log" >&2; rm -rf "$dir"; return 1; }
  fi
  "$venv/bin/python" "$BOLLARD_DEVNET_HOME/devnet.py" --port 0 --ready-file "$dir/url" >"$dir/devnet.log" 2>&1 &
  echo $! >"$dir/pid"
  local waited=0
  while [ ! -s "$dir/url" ]; do
    if ! kill -0 "$(cat "$dir/pid")" 2>/dev/null || [ "$waited" -ge 600 ]; then
      echo "devnet.sh: the devnet did not start:" >&2
      cat "$dir/devnet.log" >&2
      bollard_devnet_stop "$dir"
      return 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  export BOLLARD_DEVNET_DIR="$dir"
  export BOLLARD_DEVNET_PYTHON="$venv/bin/python"
  BOLLARD_TEST_DEVNET_URL="$(cat "$dir/url")"
  export BOLLARD_TEST_DEVNET_URL
}

bollard_devnet_stop() {
  local dir="${1:-${BOLLARD_DEVNET_DIR:-}}"
  [ -n "$dir" ] && [ -d "$dir" ] || return 0
  if [ -s "$dir/pid" ]; then
    kill "$(cat "$dir/pid")" 2>/dev/null || true
    wait "$(cat "$dir/pid")" 2>/dev/null || true
  fi
  rm -rf "$dir"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-}" in
    start)
      bollard_devnet_start
      # Executed, the devnet must outlive this script.
      disown -a
      echo "BOLLARD_TEST_DEVNET_URL=$BOLLARD_TEST_DEVNET_URL"
      echo "BOLLARD_DEVNET_DIR=$BOLLARD_DEVNET_DIR"
      echo "BOLLARD_DEVNET_PYTHON=$BOLLARD_DEVNET_PYTHON"
      ;;
    stop)
      bollard_devnet_stop "${2:?usage: devnet.sh stop DIR}"
      ;;
    *)
      echo "usage: $0 start | stop DIR" >&2
      exit 2
      ;;
  esac
fi
