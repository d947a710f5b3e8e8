#!/usr/bin/env python3
"""Verify a Bollard proof bundle with no Bollard code, from integrations/bundle-format.md alone.

usage: verify_bundle.py BUNDLE.json LOG_VKEY LEDGER_VKEY
Needs Python 3.9+ and the `cryptography` package (Ed25519). Exit status 0 only if every check
passes. GS1 event hashes are reported as skipped (no CBV 2.0 hasher here).
"""
import base64
import binascii
import hashlib
import json
import math
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

EM_DASH = "\u2014 "


def b64(text):
    """Strict RFC 4648 §4 base64: only the canonical encoding is accepted."""
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError, TypeError):
        return None
    return raw if base64.b64encode(raw).decode() == text else None


def sha256(data):
    return hashlib.sha256(data).digest()


def parse_vkey(vkey):
    name, key_id, material = vkey.split("+", 2)
    raw = b64(material)
    if raw is None or len(raw) != 33 or raw[0] != 1:
        raise ValueError("not an Ed25519 vkey")
    if sha256(name.encode() + b"\n" + raw)[:4] != bytes.fromhex(key_id):
        raise ValueError("vkey key ID does not match")
    return name, bytes.fromhex(key_id), Ed25519PublicKey.from_public_bytes(raw[1:])


def open_note(note, vkey):
    """bundle-format.md §2: returns the verified note text or raises."""
    name, key_id, public_key = vkey
    split = note.rfind("\n\n")
    if split < 0:
        raise ValueError("no signature block")
    text, sigs = note[: split + 1], note[split + 2 :]
    if not sigs.endswith("\n"):
        raise ValueError("signature block does not end in a newline")
    for line in sigs[:-1].split("\n"):
        if not line.startswith(EM_DASH):
            raise ValueError("malformed signature line")
        sig_name, _, sig_b64 = line[len(EM_DASH) :].partition(" ")
        raw = b64(sig_b64)
        if sig_name == name and raw is not None and raw[:4] == key_id:
            public_key.verify(raw[4:], text.encode())  # raises InvalidSignature
            return text
    raise ValueError("no signature by the trusted key")


def parse_checkpoint(text):
    lines = text.split("\n")
    root = b64(lines[2])
    if root is None or len(root) != 32:
        raise ValueError("bad root")
    return lines[0], int(lines[1]), root


def node(left, right):
    return sha256(b"\x01" + left + right)


def verify_inclusion(index, size, leaf_hash, proof, root):
    """RFC 9162 §2.1.3.2, as bundle-format.md §3 spells it."""
    if index >= size or len(proof) > 64:
        return False
    fn, sn, r = index, size - 1, leaf_hash
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(n1, n2, r1, r2, proof):
    """RFC 9162 §2.1.4.2."""
    if n1 > n2 or len(proof) > 64:
        return False
    if n1 == n2:
        return not proof and r1 == r2
    if n1 == 0:
        return not proof
    if not proof:
        return False
    if n1 & (n1 - 1) == 0:  # exact power of two: prepend first_hash
        proof = [r1] + proof
    fn, sn = n1 - 1, n2 - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = proof[0]
    for c in proof[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node(c, fr), node(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == r1 and sr == r2 and sn == 0


def jcs_number(x):
    """ECMAScript Number::toString, as RFC 8785 §3.2.2.3 requires."""
    if isinstance(x, bool) or not math.isfinite(x):
        raise ValueError("not a finite number")
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    mantissa, _, exp = repr(abs(float(x))).partition("e")
    intpart, _, frac = mantissa.partition(".")
    digits = (intpart + frac).lstrip("0")
    n = len(intpart) + int(exp or 0) - (len(intpart + frac) - len((intpart + frac).lstrip("0")))
    digits = digits.rstrip("0") or "0"
    k = len(digits)
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * -n + digits
    e = n - 1
    return sign + digits[0] + ("." + digits[1:] if k > 1 else "") + "e" + ("+" if e >= 0 else "-") + str(abs(e))


def jcs(value):
    """RFC 8785 canonical serialization of a parsed JSON value."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return jcs_number(value)
    if isinstance(value, str):
        out = ['"']
        for ch in value:
            if ch in '"\\':
                out.append("\\" + ch)
            elif ch in "\b\t\n\f\r":
                out.append({"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}[ch])
            elif ord(ch) < 0x20:
                out.append("\\u%04x" % ord(ch))
            else:
                out.append(ch)
        return "".join(out) + '"'
    if isinstance(value, list):
        return "[" + ",".join(jcs(v) for v in value) + "]"
    keys = sorted(value, key=lambda k: k.encode("utf-16-be"))
    return "{" + ",".join(jcs(k) + ":" + jcs(value[k]) for k in keys) + "}"


def no_duplicates(pairs):
    d = {}
    for k, v in pairs:
        if k in d:
            raise ValueError("duplicate member " + k)
        d[k] = v
    return d


def verify(bundle, log_vkey, ledger_vkey_text):
    checks = []

    def check(name, ok, reason=""):
        checks.append((name, "passed" if ok else "failed", reason))

    check("bundle.format", bundle.get("format") == "bollard.proof-bundle" and bundle.get("version") == 1)
    note = bundle["log"]["checkpoint"]
    try:
        origin, size, root = parse_checkpoint(open_note(note, parse_vkey(log_vkey)))
        ok = origin == bundle["log"]["origin"]
        check("checkpoint.signature", ok, "" if ok else "origin differs")
    except (ValueError, InvalidSignature, IndexError) as e:
        check("checkpoint.signature", False, repr(e))
        origin, size, root = None, 0, b""
    items = bundle.get("items", [])
    check("items", 0 < len(items) <= 1_000_000)
    for i, item in enumerate(items):
        leaf = b64(item["leaf"])
        if leaf is None or len(leaf) > 65535:
            check(f"item[{i}].leaf", False, "bad base64")
            continue
        check(f"item[{i}].leaf", True)
        try:
            record = json.loads(leaf, object_pairs_hook=no_duplicates)
            check(f"item[{i}].canonical", jcs(record).encode() == leaf)
            summary = item["summary"]
            check(f"item[{i}].summary", isinstance(summary, dict)
                  and all(k in record and jcs(record[k]) == jcs(v) for k, v in summary.items()))
        except ValueError as e:
            check(f"item[{i}].canonical", False, repr(e))
        proof = [b64(h) for h in item["inclusionProof"]]
        ok = all(p is not None and len(p) == 32 for p in proof) and verify_inclusion(
            item["index"], size, sha256(b"\x00" + leaf), proof, root)
        check(f"item[{i}].inclusion", ok)
        if item["kind"] == "event":
            checks.append((f"item[{i}].eventHash", "skipped", "no GS1 CBV 2.0 hasher in this client"))
    anchors = bundle.get("anchors", [])
    check("anchors", 0 < len(anchors) <= 64)
    for j, anchor in enumerate(anchors):
        check(f"anchor[{j}].key", anchor["ledgerKey"] == ledger_vkey_text)
        try:
            text = open_note(anchor["record"], parse_vkey(ledger_vkey_text))
            lines = text.split("\n")
            check(f"anchor[{j}].signature", len(lines) == 9 and lines[0] == "bollard.ledger.record/v1")
            committed = (lines[4] == origin and int(lines[5]) == size and b64(lines[6]) == root
                         and b64(lines[7]) == sha256(note.encode()))
            check(f"anchor[{j}].commitment", committed)
        except (ValueError, InvalidSignature, IndexError) as e:
            check(f"anchor[{j}].signature", False, repr(e))
    for k, c in enumerate(bundle.get("consistencyProofs", [])):
        try:
            o1, n1, r1 = parse_checkpoint(open_note(c["fromCheckpoint"], parse_vkey(log_vkey)))
            proof = [b64(h) for h in c["proof"]]
            check(f"consistency[{k}]", o1 == origin and None not in proof and verify_consistency(n1, size, r1, root, proof))
        except (ValueError, InvalidSignature, IndexError) as e:
            check(f"consistency[{k}]", False, repr(e))
    return checks


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], "rb") as f:
        bundle = json.loads(f.read())
    checks = verify(bundle, sys.argv[2], sys.argv[3])
    for name, outcome, reason in checks:
        print(f"{outcome.upper():7} {name} {reason}")
    return 0 if all(outcome != "failed" for _, outcome, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
