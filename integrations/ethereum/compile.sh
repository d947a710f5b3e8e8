#!/usr/bin/env bash
# Recompiles Anchor.vy with the pinned Vyper and checks that the committed ABI and bytecode are
# exactly what it produces (Vyper output is deterministic for a given version and EVM target).
#   integrations/ethereum/compile.sh            check (exit 1 on any difference)
#   integrations/ethereum/compile.sh --update   rewrite Anchor.abi.json and Anchor.bin
# A throwaway venv is made unless BOLLARD_VYPER names a vyper binary already installed.
set -euo pipefail
cd "$(dirname "$0")"
VYPER_VERSION=0.4.3
# Cancun: the newest target most EVM-compatible chains run; the code needs MCOPY (EIP-5656).
EVM_VERSION=cancun
vyper="${BOLLARD_VYPER:-}"
if [ -z "$vyper" ]; then
  venv="$(mktemp -d)/venv"
  trap 'rm -rf "$(dirname "$venv")"' EXIT
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "vyper==$VYPER_VERSION"
  vyper="$venv/bin/vyper"
fi
actual="$("$vyper" --version)"
case "$actual" in
  "$VYPER_VERSION"*) ;;
  *) echo "vyper $VYPER_VERSION is required, found $actual" >&2; exit 1 ;;
esac
out="$(mktemp -d)"
"$vyper" --evm-version "$EVM_VERSION" -f bytecode Anchor.vy > "$out/Anchor.bin"
"$vyper" --evm-version "$EVM_VERSION" -f abi Anchor.vy | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin), indent=1, sort_keys=True))' > "$out/Anchor.abi.json"
if [ "${1:-}" = "--update" ]; then
  cp "$out/Anchor.bin" "$out/Anchor.abi.json" .
  echo "updated Anchor.bin and Anchor.abi.json (vyper $actual, $EVM_VERSION)"
else
  status=0
  for f in Anchor.bin Anchor.abi.json; do
    if ! cmp -s "$f" "$out/$f"; then
      echo "$f differs from what vyper $actual compiles; run integrations/ethereum/compile.sh --update" >&2
      status=1
    fi
  done
  [ "$status" -eq 0 ] && echo "Anchor.bin and Anchor.abi.json match vyper $actual ($EVM_VERSION)"
  rm -rf "$out"
  exit "$status"
fi
rm -rf "$out"
