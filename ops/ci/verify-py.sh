#!/usr/bin/env bash
# Runs integrations/clients/verify.py — the verifier that needs no Bollard code — on the demo's
# proof bundles and on every entry of the demo's log (each must pass, with verify.py and with
# `bollard verify`) and on tampered copies (each must fail, naming exactly the checks the
# tampering breaks); then checks its proof and note code against RFC 9162 / C2SP vectors
# (test_verify_proofs.py) and its GS1 event hasher against GS1's vectors, `bollard hash` and
# random records (test_verify_hash.py).
#
# usage: ops/ci/verify-py.sh [BOLLARD_BINARY]   (default: $BOLLARD_BIN, else .build/debug/bollard)
# Exit status non-zero on any unexpected result.
set -euo pipefail
export PYTHONDONTWRITEBYTECODE=1
cd "$(dirname "$0")/../.."
repo=$PWD
bin=${1:-${BOLLARD_BIN:-.build/debug/bollard}}
case $bin in /*) ;; *) bin=$repo/$bin ;; esac
[ -x "$bin" ] || { echo "verify-py: no bollard binary at $bin (build first, or pass its path)" >&2; exit 1; }
shared=${BOLLARD_SHARED:-$repo/../shared}
verify=$repo/integrations/clients/verify.py
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The demo writes its data into a fresh directory; run it from the checkout (it reads fixtures/).
"$bin" demo --data "$work/demo" >"$work/demo.log" 2>&1 || { cat "$work/demo.log" >&2; exit 1; }
data=$work/demo
keys=(--log-key "$data/log.pub" --ledger-key "$data/ledger.pub")
failures=0

bundles=("$data"/bundles/*.json)
[ -e "${bundles[0]}" ] || { echo "verify-py: the demo wrote no bundles" >&2; exit 1; }
for b in "${bundles[@]}"; do
  if python3 "$verify" "$b" "${keys[@]}" >"$work/out" 2>&1; then
    echo "ok    $(basename "$b") verifies ($(tail -1 "$work/out"))"
  else
    echo "FAIL  $(basename "$b") does not verify:" >&2
    cat "$work/out" >&2
    failures=$((failures + 1))
  fi
done

# Two more copies of the demo's bundle: all-entries.json has an item for every entry of the
# demo's log (leaf and inclusion proof re-derived from the C2SP tlog-tiles entry bundles the
# store publishes, eventHash computed by verify.py); consistency.json adds a consistency proof from an
# earlier checkpoint, signed with the demo's own log key (and wrong-consistency-proof.json the
# same with one proof hash zeroed, for the tampering below).
python3 - "${bundles[0]}" "$data" "$work/all-entries.json" <<'PY'
import base64, hashlib, json, os, sqlite3, sys
sys.path.insert(0, "integrations/clients")
import verify

source, data, out = sys.argv[1:4]
bundle = json.load(open(source, encoding="utf-8"))
_, size_text, root_text = bundle["log"]["checkpoint"].split("\n")[:3]
size = int(size_text)


def tile(n):  # C2SP tlog-tiles path of entry bundle n
    digits = "%d" % n
    digits = "0" * (-len(digits) % 3) + digits
    groups = [digits[i:i + 3] for i in range(0, len(digits), 3)]
    return "/".join(["tile/entries"] + ["x" + g for g in groups[:-1]] + [groups[-1]])


# The demo's store keeps the published tiles under their C2SP paths (table log_bundles).
db = sqlite3.connect("file:" + os.path.join(data, "bollard.sqlite") + "?mode=ro", uri=True)
def read_bundle(path):
    row = db.execute("SELECT bytes FROM log_bundles WHERE path = ?", (path,)).fetchone()
    assert row is not None, f"no entry bundle {path} in the demo's store"
    return bytes(row[0])


paths = [tile(n) for n in range(size // 256)]
if size % 256:
    paths.append(tile(size // 256) + ".p/%d" % (size % 256))
leaves = []
for p in paths:
    raw = read_bundle(p)
    i = 0
    while i < len(raw):
        n = int.from_bytes(raw[i:i + 2], "big")
        leaves.append(raw[i + 2:i + 2 + n])
        i += 2 + n
assert len(leaves) == size, f"{len(leaves)} entries in the tiles, checkpoint size {size}"


def h(b):
    return hashlib.sha256(b).digest()


def split(n):
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def mth(hs):  # RFC 9162 §2.1.1
    return hs[0] if len(hs) == 1 else h(b"\x01" + mth(hs[:split(len(hs))]) + mth(hs[split(len(hs)):]))


def path(m, hs):  # RFC 9162 §2.1.3.1
    if len(hs) == 1:
        return []
    k = split(len(hs))
    return path(m, hs[:k]) + [mth(hs[k:])] if m < k else path(m - k, hs[k:]) + [mth(hs[:k])]


hashes = [h(b"\x00" + leaf) for leaf in leaves]
assert base64.b64encode(mth(hashes)).decode() == root_text, "the tiles do not give the checkpoint's root"
copy = json.loads(json.dumps(bundle))
copy["items"] = []
for i, leaf in enumerate(leaves):
    record = json.loads(leaf)
    copy["items"].append({"kind": "event", "index": i, "leaf": base64.b64encode(leaf).decode(),
                          "summary": {k: record[k] for k in ("type", "eventTime", "bizStep") if k in record},
                          "inclusionProof": [base64.b64encode(x).decode() for x in path(i, hashes)],
                          "eventHash": verify.event_hash(record)})
with open(out, "w", encoding="utf-8") as f:
    json.dump(copy, f)


# A consistency proof (RFC 9162 §2.1.4.1) from an earlier checkpoint of size m, which the demo's
# own log key (log.key, a C2SP skey: 0x01 || Ed25519 seed) signs as the log would have then.
def subproof(m, hs, complete):
    n = len(hs)
    if m == n:
        return [] if complete else [mth(hs)]
    k = split(n)
    if m <= k:
        return subproof(m, hs[:k], complete) + [mth(hs[k:])]
    return subproof(m - k, hs[k:], False) + [mth(hs[:k])]


from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
skey = open(os.path.join(data, "log.key"), encoding="utf-8").read().strip().split("+", 4)
name, key_id, seed = skey[2], bytes.fromhex(skey[3]), base64.b64decode(skey[4])[1:]
origin = bundle["log"]["origin"]
m = size * 2 // 3
text = f"{origin}\n{m}\n{base64.b64encode(mth(hashes[:m])).decode()}\n"
signature = Ed25519PrivateKey.from_private_bytes(seed).sign(text.encode())
earlier = text + "\n\u2014 " + name + " " + base64.b64encode(key_id + signature).decode() + "\n"
proof = [base64.b64encode(x).decode() for x in subproof(m, hashes, True)]
variants = {"consistency": proof, "wrong-consistency-proof": proof[:-1] + [base64.b64encode(bytes(32)).decode()]}
for label, path in variants.items():
    copy = json.loads(json.dumps(bundle))
    copy["consistencyProofs"] = [{"fromCheckpoint": earlier, "proof": path}]
    with open(os.path.join(os.path.dirname(out), label + ".json"), "w", encoding="utf-8") as f:
        json.dump(copy, f)
PY
# Both bundles must pass both verifiers. `bollard verify` recomputes every event hash with
# Bollard's own GS1EventHashRecomputer, so the first cross-checks the two hashers.
for b in all-entries consistency; do
  if ! python3 "$verify" "$work/$b.json" "${keys[@]}" >"$work/out" 2>&1; then
    echo "FAIL  verify.py rejects $b.json:" >&2
    grep '^✗' "$work/out" >&2
    failures=$((failures + 1))
  elif ! "$bin" verify "$work/$b.json" "${keys[@]}" >"$work/out2" 2>&1; then
    echo "FAIL  bollard verify rejects $b.json (for all-entries: do the two hashers disagree?):" >&2
    grep -v '^PASSED' "$work/out2" >&2
    failures=$((failures + 1))
  else
    echo "ok    $b.json passes verify.py ($(tail -1 "$work/out")) and bollard verify" \
      "($(grep -c '^PASSED item\[[0-9]*\]\.eventHash' "$work/out2") event hashes recomputed)"
  fi
done

# Tampered copies of the first bundle: name, then the exact set of checks that must fail.
python3 - "${bundles[0]}" "$work" <<'EOF'
import base64, json, sys
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
import hashlib

source, work = sys.argv[1], sys.argv[2]
original = json.load(open(source, encoding="utf-8"))


def copy():
    return json.loads(json.dumps(original))


def write(name, bundle):
    with open(f"{work}/{name}.json", "w", encoding="utf-8") as f:
        json.dump(bundle, f)


def leaf_of(b):
    return base64.b64decode(b["items"][0]["leaf"])


def flip_b64(text, at=0):
    raw = bytearray(base64.b64decode(text))
    raw[at] ^= 0x01
    return base64.b64encode(bytes(raw)).decode()


# A flipped leaf byte: the last character of the bizLocation id, so the JSON stays canonical.
# (Not a byte of the host name: the GS1 hash rewrites any Digital Link host to id.gs1.org.)
b = copy()
leaf = leaf_of(b)
start = leaf.index(b'"bizLocation":{"extensions":[],"id":"') + len(b'"bizLocation":{"extensions":[],"id":"')
at = leaf.index(b'"', start) - 1
b["items"][0]["leaf"] = base64.b64encode(leaf[:at] + bytes([leaf[at] ^ 0x01]) + leaf[at + 1:]).decode()
write("flipped-leaf-byte", b)

# A changed eventHash (one hex digit).
b = copy()
h = b["items"][0]["eventHash"]
at = len("ni:///sha-256;")
b["items"][0]["eventHash"] = h[:at] + ("0" if h[at] != "0" else "1") + h[at + 1:]
write("changed-event-hash", b)

# A wrong inclusion proof element.
b = copy()
b["items"][0]["inclusionProof"][0] = flip_b64(b["items"][0]["inclusionProof"][0], 5)
write("wrong-proof-element", b)

# A forged checkpoint signature: same key name and key ID, signed by another Ed25519 key.
b = copy()
note = b["log"]["checkpoint"]
text, sigs = note[: note.rfind("\n\n") + 1], note[note.rfind("\n\n") + 2:]
name, _, sig = sigs[len("\u2014 "):-1].partition(" ")
key_id = base64.b64decode(sig)[:4]
forged = Ed25519PrivateKey.generate().sign(text.encode())
b["log"]["checkpoint"] = text + "\n\u2014 " + name + " " + base64.b64encode(key_id + forged).decode() + "\n"
write("forged-checkpoint-signature", b)

# A non-canonical leaf: the same record with its members out of order and spaces added.
b = copy()
record = json.loads(leaf_of(b))
b["items"][0]["leaf"] = base64.b64encode(json.dumps(dict(reversed(list(record.items()))), indent=1).encode()).decode()
write("non-canonical-leaf", b)

# A summary that disagrees with the record.
b = copy()
b["items"][0]["summary"]["eventTime"] = "2026-03-02T09:25:00.000+09:00"
write("summary-mismatch", b)

# Leaf base64 that is not canonical (a line break inside).
b = copy()
b["items"][0]["leaf"] = b["items"][0]["leaf"][:8] + "\n" + b["items"][0]["leaf"][8:]
write("non-strict-base64-leaf", b)

# An anchor record of another checkpoint size (the text changes, so its signature breaks too).
b = copy()
lines = b["anchors"][0]["record"].split("\n")
lines[5] = str(int(lines[5]) + 1)
b["anchors"][0]["record"] = "\n".join(lines)
write("anchor-other-size", b)

# The wrong ledger key (a fresh key under the ledger key's name) is given on the command line.
name = original["anchors"][0]["ledgerKey"].split("+")[0]
public = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
kid = hashlib.sha256(name.encode() + b"\n\x01" + public).digest()[:4].hex()
material = base64.b64encode(b"\x01" + public).decode()
with open(f"{work}/wrong-ledger.pub", "w") as f:
    f.write(f"{name}+{kid}+{material}\n")
write("wrong-ledger-key", copy())
EOF

expect_fail() {  # NAME LEDGER_KEY_FILE CHECK...
  local name=$1 ledger=$2
  shift 2
  local want
  want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
  local rc=0
  python3 "$verify" "$work/$name.json" --log-key "$data/log.pub" --ledger-key "$ledger" >"$work/out" 2>&1 || rc=$?
  local got
  got=$(grep '^✗ ' "$work/out" | sed 's/^✗ \([^:]*\):.*/\1/' | sort | tr '\n' ' ' || true)
  if [ "$rc" = 1 ] && [ "$got" = "$want" ]; then
    echo "ok    $name rejected: $(grep '^✗ ' "$work/out" | head -1)"
  else
    echo "FAIL  $name: exit $rc, failed checks [$got], expected exactly [$want]" >&2
    cat "$work/out" >&2
    failures=$((failures + 1))
  fi
}

ledger=$data/ledger.pub
expect_fail flipped-leaf-byte "$ledger" 'item[0].inclusion' 'item[0].eventHash'
expect_fail changed-event-hash "$ledger" 'item[0].eventHash'
expect_fail wrong-proof-element "$ledger" 'item[0].inclusion'
# With the checkpoint unverified, no item's inclusion can be checked: every item fails.
items=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["items"]))' "${bundles[0]}")
inclusions=()
for ((i = 0; i < items; i++)); do inclusions+=("item[$i].inclusion"); done
expect_fail forged-checkpoint-signature "$ledger" checkpoint.signature "${inclusions[@]}" 'anchor[0].commitment'
expect_fail wrong-ledger-key "$work/wrong-ledger.pub" 'anchor[0].key' 'anchor[0].signature'
expect_fail non-canonical-leaf "$ledger" 'item[0].canonical' 'item[0].inclusion'
expect_fail summary-mismatch "$ledger" 'item[0].summary'
expect_fail non-strict-base64-leaf "$ledger" 'item[0].leaf'
expect_fail anchor-other-size "$ledger" 'anchor[0].signature'
expect_fail wrong-consistency-proof "$ledger" 'consistency[0]'

# Proofs and notes against RFC 9162 / C2SP vectors; the hasher against GS1's own vectors,
# `bollard hash` on the Busan fixtures, and Bollard's recomputer on random records.
if ! python3 integrations/clients/test_verify_proofs.py --shared "$shared"; then
  failures=$((failures + 1))
fi
if ! python3 integrations/clients/test_verify_hash.py --shared "$shared" --bollard "$bin"; then
  failures=$((failures + 1))
fi

if [ "$failures" -ne 0 ]; then
  echo "verify-py: $failures unexpected result(s)" >&2
  exit 1
fi
echo "verify-py: all expected results"
