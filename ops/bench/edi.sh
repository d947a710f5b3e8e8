#!/usr/bin/env bash
# Bollard's EDIFACT and X12 readers against pydifact and pyx12 (PyPI, in a throwaway venv).
# Usage: ops/bench/edi.sh [MB] [SLICE_MB]   (defaults 50 and 5)
#
# Builds bollard in release mode, generates a ~MB interchange of each syntax from corpus samples
# (ops/bench/edi_input.py) and a SLICE_MB one built the same way, runs `bollard bench` on both
# (tokenize only, with envelope checks, streamed from the file), runs the Python peers on the
# slice, and prints the ratios on the same slice. Peak RSS of a streaming-only run on the big
# and the small input shows whether memory stays flat in the input size.
set -euo pipefail
cd "$(dirname "$0")/../.."
MB="${1:-50}"
SLICE="${2:-5}"
PYDIFACT_VERSION="0.2.3"
PYX12_VERSION="4.0.0"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "== load average at start: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet "pydifact==$PYDIFACT_VERSION" "pyx12==$PYX12_VERSION"

swift build -c release --product bollard >/dev/null
BOLLARD="$(swift build -c release --show-bin-path)/bollard"

python3 ops/bench/edi_input.py edifact "$WORK/big.edi" --mb "$MB"
python3 ops/bench/edi_input.py edifact "$WORK/slice.edi" --mb "$SLICE"
python3 ops/bench/edi_input.py x12 "$WORK/big.x12" --mb "$MB"
python3 ops/bench/edi_input.py x12 "$WORK/slice.x12" --mb "$SLICE"
# pyx12 refuses ISA12 00403 (it knows 00401 and 00501); ISA11 before 00402 is the standards id U.
python3 - "$WORK/slice.x12" "$WORK/slice-pyx12.x12" <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
assert data[82:83] == b"^" and data[84:89] == b"00403", data[:106]
data[82:83] = b"U"
data[84:89] = b"00401"
open(sys.argv[2], "wb").write(data)
PY

for syntax in edifact x12; do
    ext=$([ "$syntax" = edifact ] && echo edi || echo x12)
    peer=$([ "$syntax" = edifact ] && echo pydifact || echo pyx12)
    peer_input=$([ "$syntax" = edifact ] && echo "$WORK/slice.edi" || echo "$WORK/slice-pyx12.x12")
    echo "== bollard bench $syntax, ${MB} MB"
    big="$("$BOLLARD" bench "$syntax" "$WORK/big.$ext" --json)"
    echo "$big"
    echo "== bollard bench $syntax, ${SLICE} MB slice"
    small="$("$BOLLARD" bench "$syntax" "$WORK/slice.$ext" --json)"
    echo "$small"
    echo "== peak RSS, streaming only (${MB} MB vs ${SLICE} MB)"
    rss_big="$("$BOLLARD" bench "$syntax" "$WORK/big.$ext" --stream-only --rounds 1 --json)"
    rss_small="$("$BOLLARD" bench "$syntax" "$WORK/slice.$ext" --stream-only --rounds 1 --json)"
    echo "== $peer, ${SLICE} MB slice"
    theirs="$("$WORK/venv/bin/python" ops/bench/edi_peers.py "$peer" "$peer_input")"
    echo "$theirs"
    python3 - "$syntax" "$big" "$small" "$rss_big" "$rss_small" "$theirs" <<'PY'
import json, sys
syntax = sys.argv[1]
big, small, rss_big, rss_small, peer = (json.loads(a) for a in sys.argv[2:])
goal_mbs, goal_ratio = (300, 1000) if syntax == "edifact" else (400, 500)
print(f"== {syntax}: bollard vs {peer['tool']} (same machine, same run)")
for name in ("tokenize", "envelopes", "stream"):
    print(f"{name:10} {big[name + '_mb_per_second']:8.1f} MB/s {big[name + '_segments_per_second']:12.0f} seg/s {big[name + '_mb_per_cpu_second']:8.1f} MB/CPU-s"
          f"  ({big['bytes'] / 1e6:.1f} MB; {small[name + '_mb_per_second']:.1f} MB/s on the slice)")
print(f"{peer['tool']:10} {peer['mb_per_second']:8.3f} MB/s {peer['segments_per_second']:12.0f} seg/s  ({peer['bytes'] / 1e6:.1f} MB slice)")
ratio = small["envelopes_mb_per_second"] / peer["mb_per_second"]
ratio_tok = small["tokenize_mb_per_second"] / peer["mb_per_second"]
print(f"ratio on the slice: {ratio:.0f}x with envelope checks, {ratio_tok:.0f}x tokenize only (goal {goal_ratio}x)")
peer_cpu = peer["bytes"] / 1e6 / peer["cpu_seconds"]
print(f"by CPU time (fairer on a loaded machine): bollard {small['envelopes_mb_per_cpu_second']:.1f} MB per CPU s with envelopes, "
      f"{small['tokenize_mb_per_cpu_second']:.1f} tokenize only; {peer['tool']} {peer_cpu:.3f}; "
      f"ratio {small['envelopes_mb_per_cpu_second'] / peer_cpu:.0f}x / {small['tokenize_mb_per_cpu_second'] / peer_cpu:.0f}x")
print(f"goal {goal_mbs} MB/s: tokenize {'met' if big['tokenize_mb_per_second'] >= goal_mbs else 'NOT met'}, "
      f"envelopes {'met' if big['envelopes_mb_per_second'] >= goal_mbs else 'NOT met'}")
print(f"peak RSS streaming: {rss_big['max_rss_bytes'] / 2**20:.1f} MiB for {rss_big['bytes'] / 1e6:.0f} MB, "
      f"{rss_small['max_rss_bytes'] / 2**20:.1f} MiB for {rss_small['bytes'] / 1e6:.0f} MB")
print(f"outcome: {big['outcome']}, {big['messages']} messages, {big['rejected_messages']} rejected")
PY
done
echo "== load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
