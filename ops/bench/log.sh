#!/usr/bin/env bash
# Bollard's Merkle log against pymerkle (PyPI) on the same N entries, in one run.
# Usage: ops/bench/log.sh [N]   (default 1000000). Prints both sets of figures and the ratios.
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-1000000}"
VENV="$(mktemp -d)/venv"
trap 'rm -rf "$(dirname "$VENV")"' EXIT
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet "pymerkle==7.0.0"

swift build -c release --product bollard >/dev/null
BOLLARD="$(swift build -c release --show-bin-path)/bollard"

echo "== bollard bench log --leaves $N"
ours="$("$BOLLARD" bench log --leaves "$N" --json)"
echo "$ours"
echo "== pymerkle $("$VENV/bin/pip" show pymerkle | awk '/^Version/{print $2}') InmemoryTree, same entries"
peer="$("$VENV/bin/python" ops/bench/pymerkle_log.py "$N")"
echo "$peer"

python3 - "$ours" "$peer" <<'PY'
import json, sys
ours, peer = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print("== ratios (bollard / pymerkle, same machine, same run)")
print(f"roots equal:              {ours['root'] == peer['root']}  ({ours['root']})")
print(f"append+root:              {ours['leaves_per_second'] / peer['leaves_per_second']:.1f}x")
print(f"proofs generated:         {ours['proofs_generated_per_second'] / peer['proofs_generated_per_second']:.1f}x")
print(f"proofs verified:          {ours['proofs_verified_per_second'] / peer['proofs_verified_per_second']:.1f}x")
print(f"append+root vs SHA-256 bound (3 compressions a leaf): {100 * ours['fraction_of_sha256_bound']:.0f}%")
if ours["root"] != peer["root"]:
    sys.exit("roots differ")
PY
