#!/usr/bin/env python3
"""Verify a Bollard proof bundle with no Bollard code.

usage: verify.py BUNDLE.json --log-key LOG.pub [--ledger-key LEDGER.pub]

LOG.pub / LEDGER.pub are files holding the C2SP vkey on one line (or the vkey text itself).
Written from integrations/bundle-format.md alone: Python 3.9+ standard library and the
`cryptography` package (Ed25519). Every check of bundle-format.md §6 is run, including the
GS1 CBV 2.0 event hash recomputed from each event record (§7). One line per check, then a
verdict; exit status 0 only when every check passes (1 when one fails, 2 on bad usage).
Without --ledger-key the anchor checks fail: the bundle's own ledger key is never trusted.
"""
import argparse
import base64
import binascii
import datetime
import hashlib
import json
import math
import re
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

MAX_ITEMS = 1_000_000
MAX_PROOF = 64
MAX_ANCHORS = 64
MAX_CONSISTENCY = 64
MAX_LEAF = 65_535
MAX_SIGNATURES = 100  # C2SP signed-note: verifiers may bound the signature lines they read
SIG_PREFIX = "\u2014 "


class CheckFailed(Exception):
    """A check's reason for failing."""


# ---------------------------------------------------------------------------------------------
# Encodings (bundle-format.md, Notation)

def b64(text):
    """Strict RFC 4648 §4 base64: only the canonical encoding of some bytes is accepted."""
    if not isinstance(text, str):
        return None
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw if base64.b64encode(raw).decode("ascii") == text else None


def hash32(text, what):
    raw = b64(text)
    if raw is None or len(raw) != 32:
        raise CheckFailed(f"{what} is not the base64 of 32 bytes")
    return raw


def sha256(data):
    return hashlib.sha256(data).digest()


def decimal_u64(text, what):
    """ASCII decimal, no leading zeros, fits in 64 bits."""
    if not re.fullmatch(r"0|[1-9][0-9]{0,19}", text) or int(text) >= 1 << 64:
        raise CheckFailed(f"{what} {text[:30]!r} is not a decimal number without leading zeros")
    return int(text)


# ---------------------------------------------------------------------------------------------
# C2SP signed notes (bundle-format.md §2)

class VerifierKey:
    def __init__(self, vkey):
        self.text = vkey
        parts = vkey.split("+", 2)
        if len(parts) != 3 or not parts[0] or not re.fullmatch(r"[0-9a-f]{8}", parts[1]):
            raise ValueError("a vkey is <name>+<8 hex key ID>+<base64 key>")
        name, key_id, material = parts
        raw = b64(material)
        if raw is None or len(raw) != 33 or raw[0] != 0x01:
            raise ValueError("not an Ed25519 vkey (type byte 0x01 and 32 key bytes)")
        if sha256(name.encode() + b"\n" + raw)[:4] != bytes.fromhex(key_id):
            raise ValueError("the vkey's key ID does not match its name and key")
        self.name = name
        self.key_id = bytes.fromhex(key_id)
        self.public_key = Ed25519PublicKey.from_public_bytes(raw[1:])


def open_note(note, key):
    """Returns the note text (signed bytes) after checking `key`'s signature on it."""
    if not isinstance(note, str):
        raise CheckFailed("the note is not a string")
    split = note.rfind("\n\n")
    if split < 0:
        raise CheckFailed("no blank line before the signatures")
    text, signatures = note[: split + 1], note[split + 2:]
    if any(ord(c) < 0x20 and c != "\n" or ord(c) == 0x7F for c in note):
        raise CheckFailed("the note holds a control character other than newline")
    if not signatures.endswith("\n"):
        raise CheckFailed("the signature block does not end with a newline")
    lines = signatures[:-1].split("\n")
    if len(lines) > MAX_SIGNATURES:
        raise CheckFailed(f"{len(lines)} signature lines; at most {MAX_SIGNATURES}")
    parsed = []
    for line in lines:
        if not line.startswith(SIG_PREFIX):
            raise CheckFailed("a signature line does not start with an em dash and a space")
        name, _, sig = line[len(SIG_PREFIX):].partition(" ")
        if not name or "+" in name or " " in sig:
            raise CheckFailed("a signature line is not '— <name> <base64>'")
        raw = b64(sig)
        if raw is None or len(raw) < 5:
            raise CheckFailed(f"signature by {name[:64]!r} is not valid base64")
        parsed.append((name, raw))
    for name, raw in parsed:
        if name == key.name and raw[:4] == key.key_id:
            if len(raw) != 68:
                raise CheckFailed("the Ed25519 signature is not 64 bytes")
            try:
                key.public_key.verify(raw[4:], text.encode("utf-8"))
            except InvalidSignature:
                raise CheckFailed(f"the signature by {key.name} does not verify") from None
            return text
    raise CheckFailed(f"no signature by the trusted key {key.name}+{key.key_id.hex()}")


def parse_checkpoint(text):
    lines = text.split("\n")[:-1]
    if len(lines) < 3:
        raise CheckFailed("a checkpoint has at least three lines")
    return lines[0], decimal_u64(lines[1], "tree size"), hash32(lines[2], "root hash")


# ---------------------------------------------------------------------------------------------
# RFC 9162 Merkle proofs (bundle-format.md §3, §5)

def node(left, right):
    return sha256(b"\x01" + left + right)


def require_hashes(*hashes):
    if any(len(h) != 32 for h in hashes):
        raise CheckFailed("a hash is not 32 bytes")


def verify_inclusion(index, size, leaf_hash, proof, root):
    require_hashes(leaf_hash, root, *proof)
    if index >= size:
        raise CheckFailed(f"index {index} is not below the tree size {size}")
    fn, sn, r = index, size - 1, leaf_hash
    for p in proof:
        if sn == 0:
            raise CheckFailed("the proof is longer than the path to the root")
        if fn & 1 or fn == sn:
            r = node(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise CheckFailed("the proof is shorter than the path to the root")
    if r != root:
        raise CheckFailed("the computed root differs from the checkpoint's root")


def verify_consistency(n1, n2, r1, r2, proof):
    require_hashes(r1, r2, *proof)
    if n1 > n2:
        raise CheckFailed(f"earlier size {n1} exceeds {n2}")
    if n1 == 0 and r1 != sha256(b""):
        raise CheckFailed("a tree of size 0 has the root SHA-256('') (RFC 9162 §2.1.1)")
    if n1 == n2 or n1 == 0:
        if proof:
            raise CheckFailed("the proof must be empty")
        if n1 == n2 and r1 != r2:
            raise CheckFailed("same size, different roots")
        return
    if not proof:
        raise CheckFailed("the proof is empty")
    if n1 & (n1 - 1) == 0:
        proof = [r1] + proof
    fn, sn = n1 - 1, n2 - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = proof[0]
    for c in proof[1:]:
        if sn == 0:
            raise CheckFailed("the proof is too long")
        if fn & 1 or fn == sn:
            fr, sr = node(c, fr), node(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node(sr, c)
        fn >>= 1
        sn >>= 1
    if sn != 0 or fr != r1 or sr != r2:
        raise CheckFailed("the proof does not connect the two roots")


# ---------------------------------------------------------------------------------------------
# RFC 8785 JSON canonicalization (bundle-format.md §3)

def jcs_number(x):
    """ECMAScript Number::toString (RFC 8785 §3.2.2.3)."""
    if isinstance(x, int):
        if abs(x) > 2 ** 53:
            raise ValueError("integer outside the I-JSON range")
        x = float(x)
    if not math.isfinite(x):
        raise ValueError("not a finite number")
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    digits, exponent = repr(abs(x)).lower().partition("e")[::2]
    whole, _, fraction = digits.partition(".")
    significand = (whole + fraction).lstrip("0")
    n = len(whole) + int(exponent or 0) - (len(whole + fraction) - len(significand))
    significand = significand.rstrip("0") or "0"
    k = len(significand)
    if k <= n <= 21:
        return sign + significand + "0" * (n - k)
    if 0 < n <= 21:
        return sign + significand[:n] + "." + significand[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * -n + significand
    e = n - 1
    mantissa = significand[0] + ("." + significand[1:] if k > 1 else "")
    return sign + mantissa + "e" + ("+" if e >= 0 else "-") + str(abs(e))


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def jcs(value):
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return jcs_number(value)
    if isinstance(value, str):
        return '"' + "".join(_ESCAPES.get(c) or ("\\u%04x" % ord(c) if c < " " else c) for c in value) + '"'
    if isinstance(value, list):
        return "[" + ",".join(jcs(v) for v in value) + "]"
    keys = sorted(value, key=lambda k: k.encode("utf-16-be", "surrogatepass"))
    return "{" + ",".join(jcs(k) + ":" + jcs(value[k]) for k in keys) + "}"


def _no_duplicates(pairs):
    out = {}
    for k, v in pairs:
        if k in out:
            raise ValueError(f"duplicate member {k[:64]!r}")
        out[k] = v
    return out


def _no_constants(name):
    raise ValueError(f"{name} is not JSON")


def parse_json(data):
    return json.loads(data, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)


# ---------------------------------------------------------------------------------------------
# GS1 CBV 2.0 event hash from the record (bundle-format.md §7)

class Unhashable(Exception):
    """The GS1 reference generator would fail on (and drop) this event."""


PAIR_NAMES = ("bizTransaction", "source", "destination")

# §7.4: fixed order; a name with a sub-order has its children walked with it.
EPC = [("epc", None)]
QUANTITY = [("quantityElement", [("epcClass", None), ("quantity", None), ("uom", None)])]
SENSOR_METADATA = [(n, None) for n in (
    "time", "startTime", "endTime", "deviceID", "deviceMetadata", "rawData", "dataProcessingMethod", "bizRules")]
SENSOR_REPORT = [(n, None) for n in (
    "type", "exception", "deviceID", "deviceMetadata", "rawData", "dataProcessingMethod", "time", "microorganism",
    "chemicalSubstance", "value", "component", "stringValue", "booleanValue", "hexBinaryValue", "uriValue",
    "minValue", "maxValue", "meanValue", "sDev", "percRank", "percValue", "uom", "coordinateReferenceSystem")]
EVENT_ORDER = [
    ("eventTime", None), ("eventTimeZoneOffset", None), ("certificationInfo", None), ("parentID", None),
    ("epcList", EPC), ("inputEPCList", EPC), ("childEPCs", EPC), ("quantityList", QUANTITY),
    ("childQuantityList", QUANTITY), ("inputQuantityList", QUANTITY), ("outputEPCList", EPC),
    ("outputQuantityList", QUANTITY), ("action", None), ("transformationID", None), ("bizStep", None),
    ("disposition", None), ("persistentDisposition", [("set", None), ("unset", None)]),
    ("readPoint", [("id", None)]), ("bizLocation", [("id", None)]),
    ("sensorElementList", [("sensorElement", [("sensorMetadata", SENSOR_METADATA), ("sensorReport", SENSOR_REPORT)])]),
]
NEVER_HASHED = ("recordTime", "eventID", "type", "errorDeclaration")

CBV_URNS = [("urn:epcglobal:cbv:bizstep:", "https://ref.gs1.org/cbv/BizStep-"),
            ("urn:epcglobal:cbv:disp:", "https://ref.gs1.org/cbv/Disp-"),
            ("urn:epcglobal:cbv:btt:", "https://ref.gs1.org/cbv/BTT-"),
            ("urn:epcglobal:cbv:sdt:", "https://ref.gs1.org/cbv/SDT-"),
            ("urn:epcglobal:cbv:er:", "https://ref.gs1.org/cbv/ER-")]

# §7.6 Digital Link normalisation ----------------------------------------------------------------

# One character of an EPC URI component (TDS §5: GS1 AI encodable character set 82, escaped).
_X = r"(?:%2[125-9A-Fa-f]|%3[0-9A-Fa-f]|%4[1-9A-Fa-f]|%5[0-9AaFf]|%6[1-9A-Fa-f]|%7[0-9Aa]|[!')(*+,.0-9:;=A-Za-z_-])"
# One character of a CPI component.
_CPI = r"(?:%2[3dfDF]|%3[0-9]|%4[1-9A-Fa-f]|%5[0-9Aa]|[0-9A-Z-])"
# One character a canonical Digital Link value may hold.
_DL = r"[\"'\-.0-9;-?A-Z_a-z]"


def gs1_check_digit(digits):
    """GS1 General Specifications §7.9.1: weights 3,1,3,… from the rightmost digit."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return str(-total % 10)


def dl_escape(text):
    """Characters GS1 Digital Link §7 wants percent-encoded that EPC URIs leave bare."""
    for c, e in (("!", "%21"), ("(", "%28"), (")", "%29"), ("*", "%2A"), ("+", "%2B"), (",", "%2C"), (":", "%3A")):
        text = text.replace(c, e)
    return text


def _split_cp(value, total):
    """`CP.REF` with CP 6–12 digits and len(CP)+len(REF) == total digits."""
    m = re.fullmatch(r"(\d{6,12})\.(\d*)", value)
    if m is None or len(m.group(1)) + len(m.group(2)) != total:
        return None
    return m.group(1), m.group(2)


def _gtin(cp, ref):
    """GTIN-14 from an SGTIN company prefix and item reference (indicator digit first)."""
    body = ref[:1] + cp + ref[1:]
    return body + gs1_check_digit(body)


def _epc_to_dl(uri):
    """EPC pure identity, class and pattern URIs (GS1 TDS 2.0 §6–§7) → canonical Digital Link."""
    m = re.fullmatch(r"urn:epc:(id|class|idpat):([a-z]+):(.*)", uri, re.S)
    if m is None:
        return None
    kind, scheme, body = m.groups()
    base = "https://id.gs1.org/"

    def parts(n):
        p = body.split(".")
        return p if len(p) == n else None

    if kind == "id":
        if scheme in ("sgtin", "upui"):
            limit = 20 if scheme == "sgtin" else 28
            mm = re.fullmatch(r"(\d+\.\d+)\.(" + _X + "{1,%d})" % limit, body)
            if mm is None or _split_cp(mm.group(1), 13) is None:
                return None
            cp, ref = _split_cp(mm.group(1), 13)
            return base + "01/" + _gtin(cp, ref) + ("/21/" if scheme == "sgtin" else "/235/") + dl_escape(mm.group(2))
        if scheme == "sscc":
            p = _split_cp(body, 17)
            if p is None:
                return None
            raw = p[1][:1] + p[0] + p[1][1:]
            return base + "00/" + raw + gs1_check_digit(raw)
        if scheme in ("sgln", "grai", "gdti", "sgcn"):
            serial = {"sgln": _X + "{1,20}", "grai": _X + "{1,16}", "gdti": _X + "{0,19}", "sgcn": r"\d{1,12}"}[scheme]
            mm = re.fullmatch(r"(\d{6,12}\.\d*)\.(" + serial + ")", body)
            if mm is None or _split_cp(mm.group(1), 12) is None:
                return None
            cp, ref = _split_cp(mm.group(1), 12)
            if scheme == "sgln":
                gln = cp + ref + gs1_check_digit(cp + ref)
                ext = mm.group(2)
                return base + "414/" + gln + ("" if ext == "0" else "/254/" + dl_escape(ext))
            if scheme == "grai":
                raw = "0" + cp + ref
                return base + "8003/" + raw + gs1_check_digit(raw) + dl_escape(mm.group(2))
            if scheme == "gdti":
                return base + "253/" + cp + ref + gs1_check_digit(cp + ref) + dl_escape(mm.group(2))
            return base + "255/" + cp + ref + gs1_check_digit(cp + ref) + mm.group(2)
        if scheme in ("giai", "ginc"):
            mm = re.fullmatch(r"(\d{6,12})\.(" + _X + "+)", body)
            if mm is None:
                return None
            cp, ref = mm.groups()
            if len(re.findall(_X, ref)) > 30 - len(cp):
                return None
            return base + ("8004/" if scheme == "giai" else "401/") + cp + dl_escape(ref)
        if scheme in ("gsrn", "gsrnp", "gsin", "pgln"):
            total = {"gsrn": 17, "gsrnp": 17, "gsin": 16, "pgln": 12}[scheme]
            p = _split_cp(body, total)
            if p is None:
                return None
            ai = {"gsrn": "8018/", "gsrnp": "8017/", "gsin": "402/", "pgln": "417/"}[scheme]
            return base + ai + p[0] + p[1] + gs1_check_digit(p[0] + p[1])
        if scheme == "cpi":
            mm = re.fullmatch(r"(\d{6,12})\.(" + _CPI + r"+)\.(\d{1,12})", body)
            if mm is None or len(re.findall(_CPI, mm.group(2))) > 30 - len(mm.group(1)):
                return None
            return base + "8010/" + dl_escape(mm.group(1) + mm.group(2)) + "/8011/" + mm.group(3)
        if scheme == "itip":
            mm = re.fullmatch(r"(\d+\.\d+)\.(\d{2})\.(\d{2})\.(" + _X + "{1,20})", body)
            if mm is None or _split_cp(mm.group(1), 13) is None:
                return None
            cp, ref = _split_cp(mm.group(1), 13)
            return base + "8006/" + _gtin(cp, ref) + mm.group(2) + mm.group(3) + "/21/" + dl_escape(mm.group(4))
        return None
    if kind == "class":
        if scheme != "lgtin":
            return None
        mm = re.fullmatch(r"(\d+\.\d+)\.(" + _X + "{1,20})", body)
        if mm is None or _split_cp(mm.group(1), 13) is None:
            return None
        cp, ref = _split_cp(mm.group(1), 13)
        return base + "01/" + _gtin(cp, ref) + "/10/" + dl_escape(mm.group(2))
    # idpat: the class part of a pattern, without the wildcard serial.
    if scheme in ("sgtin", "upui"):
        p = parts(3)
        if p is None or p[2] != "*" or _split_cp(p[0] + "." + p[1], 13) is None:
            return None
        return base + "01/" + _gtin(p[0], p[1])
    if scheme in ("grai", "gdti", "sgcn"):
        p = parts(3)
        if p is None or p[2] != "*" or _split_cp(p[0] + "." + p[1], 12) is None:
            return None
        raw = ("0" if scheme == "grai" else "") + p[0] + p[1]
        return base + {"grai": "8003/", "gdti": "253/", "sgcn": "255/"}[scheme] + raw + gs1_check_digit(raw)
    if scheme == "cpi":
        mm = re.fullmatch(r"(\d{6,12})\.(" + _CPI + r"+)\.\*", body)
        if mm is None or len(re.findall(_CPI, mm.group(2))) > 30 - len(mm.group(1)):
            return None
        return base + "8010/" + dl_escape(mm.group(1) + mm.group(2))
    if scheme == "itip":
        mm = re.fullmatch(r"(\d+\.\d+)\.(\d{2})\.(\d{2})\.\*", body)
        if mm is None or _split_cp(mm.group(1), 13) is None:
            return None
        cp, ref = _split_cp(mm.group(1), 13)
        return base + "8006/" + _gtin(cp, ref) + mm.group(2) + mm.group(3)
    return None


_KEYS = "00|01|253|255|401|402|414|417|8003|8004|8006|8010|8017|8018"
_KEY_NAMES = "01|gtin|8006|itip|8010|cpid|414|gln|417|party|8017|gsrnp|8018|gsrn|255|gcn|00|sscc|253|gdti|401|ginc|402|gsin|8003|grai|8004|giai"
_SHORT_NAMES = [("gtin", "01"), ("itip", "8006"), ("cpid", "8010"), ("gln", "414"), ("party", "417"), ("gsrnp", "8017"),
                ("gsrn", "8018"), ("gcn", "255"), ("sscc", "00"), ("gdti", "253"), ("ginc", "401"), ("gsin", "402"),
                ("grai", "8003"), ("giai", "8004"), ("cpv", "22"), ("lot", "10"), ("ser", "21")]
_CANONICAL_DL = [re.compile("https://id\\.gs1\\.org/" + p + "$") for p in (
    r"00/\d{18}", r"01/\d{14}/21/" + _DL + "{0,20}", r"01/\d{14}/10/" + _DL + "{0,20}", r"01/\d{14}",
    r"01/\d{14}/235/" + _DL + "{0,28}", r"253/\d{13}" + _DL + "{0,17}", r"255/\d{13}\d{0,12}", r"401/" + _DL + "{0,30}",
    r"402/\d{17}", r"414/\d{13}", r"414/\d{13}/254/" + _DL + "{0,20}", r"417/\d{13}", r"8003/\d{14}" + _DL + "{0,16}",
    r"8004/" + _DL + "{0,30}", r"8006/\d{18}/21/" + _DL + "{0,20}", r"8006/\d{18}/10/" + _DL + "{0,20}", r"8006/\d{18}",
    r"8010/[#\-/0-9A-Z]{0,30}/8011/\d{0,12}", r"8010/[#\-/0-9A-Z]{0,30}", r"8017/\d{18}", r"8018/\d{18}")]


def _constrain_dl(uri):
    """Any HTTP(S) URI shaped like a GS1 Digital Link → the constrained canonical DL, or None."""
    if not re.match(r"https?:[^?#]*/(" + _KEY_NAMES + r")/\d{4}[^/]", uri):
        return None
    uri = uri.split("?", 1)[0]
    for short, ai in _SHORT_NAMES:
        uri = uri.replace("/" + short + "/", "/" + ai + "/")
    if not re.match(r"https://id\.gs1\.org/(" + _KEYS + r")/\d{4}", uri):
        for ai in _KEYS.split("|"):
            at = uri.find("/" + ai + "/")
            if at >= 0:
                uri = "https://id.gs1.org" + uri[at:]
                break
    m = re.match(r"https://id\.gs1\.org/01/(\d+)", uri)
    if m and len(m.group(1)) < 14:
        width = len(m.group(1))
        pad = 1 if width == 13 else 2 if width == 12 else 6 if width >= 8 else 0
        uri = uri.replace("/01/", "/01/" + "0" * pad)
    # Drop a CPV (AI 22) qualifier: trailing, or followed by further qualifiers (20 characters at most).
    m = re.fullmatch(r"(https://id\.gs1\.org/(?:8006/\d{18}|01/\d{14}))/22/(" + _DL + "{0,20})", uri)
    if m:
        uri = m.group(1)
    m = re.fullmatch(r"(https://id\.gs1\.org/(?:8006/\d{18}|01/\d{14}))/22/([/" + _DL[1:-1] + "]{0,20})", uri)
    if m:
        rest = m.group(2)
        uri = m.group(1) + (rest[rest.find("/"):] if "/" in rest else rest[-1:])
    # Keep only the finest level: a serial (AI 21) drops the lot (AI 10).
    m = re.fullmatch(r"(https://id\.gs1\.org/(?:8006/\d{18}|01/\d{14}))/10/" + _DL + "{0,20}(/21/" + _DL + "{0,20})", uri)
    if m:
        uri = m.group(1) + m.group(2)
    return uri if any(p.match(uri) for p in _CANONICAL_DL) else None


def dl_normalise(text):
    """§7.6: the canonical Digital Link of an identifier, or None when it has none."""
    if "." not in text:
        return None
    if text.startswith("urn:epc:"):
        return _epc_to_dl(text)
    return _constrain_dl(text)


# §7.5 value canonicalisation ----------------------------------------------------------------------

def python_number(text):
    """Numbers as Python's float() reads them: integral values as integers, others in repr form."""
    try:
        value = float(text)
    except ValueError:
        return text
    if math.isnan(value):
        return text
    if math.isinf(value):
        raise Unhashable(f"{text[:40]!r} is an infinite number")
    return str(int(value)) if value.is_integer() else repr(value)


def canonical_value(text):
    for urn, web in CBV_URNS:
        text = text.replace(urn, web)
    text = python_number(text)
    return dl_normalise(text) or text


_TIMESTAMP = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))")


def canonical_timestamp(text):
    """§7.5: UTC, milliseconds (microseconds rounded half to even), `YYYY-MM-DDTHH:MM:SS.sssZ`."""
    m = _TIMESTAMP.fullmatch(text)
    if m is None:
        return text
    year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
    micro = int((m.group(7) or "")[:6].ljust(6, "0"))
    offset = 0 if m.group(8) or m.group(9) is None else (int(m.group(10)) * 60 + int(m.group(11))) * (-1 if m.group(9) == "-" else 1)
    try:
        zone = datetime.timezone(datetime.timedelta(minutes=offset))
        instant = datetime.datetime(year, month, day, hour, minute, second, micro, zone)
    except ValueError:
        return text
    millis = round(micro, -3)
    if millis == 1_000_000:
        raise Unhashable(f"{text!r} rounds up into the next second")
    utc = instant.astimezone(datetime.timezone.utc).replace(microsecond=millis)
    return utc.replace(tzinfo=None).isoformat(timespec="milliseconds") + "Z"


# §7.4 the pre-hash walk over (name, value, children) nodes ------------------------------------------

def is_time_name(name):
    lower = name.lower()
    return "time" in lower and "offset" not in lower


def is_slash_extension(name):
    return "{" in name and "/}" in name


def ordered(children, order):
    """Writes the children named in `order`, consuming them; returns the text. Unconsumed
    children (and unconsumed grandchildren) stay in `children`."""
    extensions = []
    if len(children) > 1 and not any("eventTime" in c[0] or "action" in c[0] for c in children):
        extensions = [c for c in children if is_slash_extension(c[0])]
        children[:] = [c for c in children if not is_slash_extension(c[0])]
    out = ""
    for name, sub in order:
        texts = []
        for child in [c for c in children if c[0] == name]:
            text = ordered_field(child, sub)
            if text:
                texts.append(text)
            if not child[2]:
                children.remove(child)
        out += "".join(sorted(texts))
    if extensions:
        out += generic(extensions)
    return out


def ordered_field(field, sub):
    grandchildren = ordered(field[2], sub) if sub else ""
    value = field[1].strip()
    if value:
        value = canonical_timestamp(value) if is_time_name(field[0]) else canonical_value(value)
    return field[0] + ("=" + value if value else "") + grandchildren if value or grandchildren else ""


def generic(nodes):
    texts = []
    for name, value, children in nodes:
        pair_type = [c for c in children if c[0] == "type"] if name in PAIR_NAMES else []
        if pair_type:
            texts.append(leaf_text("type", pair_type[0][1]) + leaf_text(name, value))
            continue
        texts.append(leaf_text(name, value) + generic(children))
    return "".join(sorted(texts))


def leaf_text(name, value):
    value = value.strip()
    return name + ("=" + canonical_value(value) if value else "")


def prehash(event_type, children):
    text = "eventType=" + event_type + ordered(children, EVENT_ORDER)
    return text + generic([c for c in children if c[0] not in NEVER_HASHED])


def ni_sha256(prehash_text):
    return "ni:///sha-256;" + hashlib.sha256(prehash_text.encode("utf-8")).hexdigest() + "?ver=CBV2.0"


# §7.2 the record's EPCIS content as nodes -----------------------------------------------------------

BOLLARD_NS = "https://ns.bollard.dev/epcis/"
VOCABULARY_IRI = ("https://ref.gs1.org/cbv", "https://gs1.org/voc")


def ilmd_elements(ilmd):
    """§7.3: Bollard's ILMD members as the extension elements they are written as."""
    out = []

    def leaf(name, value):
        return {"namespace": BOLLARD_NS, "name": name, "value": value, "children": []}

    if ilmd.get("hsCode") is not None:
        out.append(leaf("hsCode", ilmd["hsCode"]))
    commodity = ilmd.get("commodity") or {}
    if "preciousMetalBar" in commodity:
        b = commodity["preciousMetalBar"]
        kids = [leaf("metal", b["metal"]), leaf("refiner", b["refiner"])]
        if b.get("refinerID") is not None:
            kids.append(leaf("refinerID", b["refinerID"]))
        kids += [leaf("serialNumber", b["serialNumber"]), leaf("yearOfManufacture", str(b["yearOfManufacture"])),
                 leaf("grossWeight", b["grossWeight"]["value"]), leaf("grossWeightUOM", b["grossWeight"]["unit"]),
                 leaf("fineness", b["fineness"])]
        out.append({"namespace": BOLLARD_NS, "name": "preciousMetalBar", "value": None, "children": kids})
    elif "baseMetalLot" in commodity:
        b = commodity["baseMetalLot"]
        kids = [leaf("metal", b["metal"]), leaf("grade", b["grade"]), leaf("brand", b["brand"]),
                leaf("lotNumber", b["lotNumber"]), leaf("bundles", str(b["bundles"])),
                leaf("netWeight", b["netWeight"]["value"]), leaf("netWeightUOM", b["netWeight"]["unit"])]
        out.append({"namespace": BOLLARD_NS, "name": "baseMetalLot", "value": None, "children": kids})
    elif "petroleumParcel" in commodity:
        p = commodity["petroleumParcel"]
        kids = [leaf("parcelID", p["parcelID"]), leaf("grade", p["grade"]),
                leaf("standardVolume", p["standardVolume"]["value"]),
                leaf("standardVolumeUOM", p["standardVolume"]["unit"]),
                leaf("standardTemperatureFahrenheit", p["standardTemperatureFahrenheit"]),
                leaf("apiGravity", p["apiGravity"])]
        if p.get("tank") is not None:
            tank = p["tank"]
            uri = "https://id.gs1.org/414/" + tank["site"]
            if tank.get("subLocation") is not None:
                uri += "/254/" + tank["subLocation"]["kind"] + "-" + tank["subLocation"]["name"]
            kids.append(leaf("tank", uri))
        out.append({"namespace": BOLLARD_NS, "name": "petroleumParcel", "value": None, "children": kids})
    elif commodity:
        raise Unhashable("unknown commodity kind " + ", ".join(commodity)[:64])
    return out + list(ilmd.get("extensions") or [])


def extension_groups(record):
    """Every extension element list, in the order §7.2 assigns namespace prefixes."""
    groups = []
    if record.get("errorDeclaration"):
        groups.append(record["errorDeclaration"].get("extensions") or [])
    for loc in ("readPoint", "bizLocation"):
        if record.get(loc):
            groups.append(record[loc].get("extensions") or [])
    for s in record.get("sensorElementList") or []:
        if s.get("sensorMetadata") is not None:
            groups.append(s["sensorMetadata"].get("extensions") or [])
        for r in s.get("sensorReport") or []:
            groups.append(r.get("extensions") or [])
        groups.append(s.get("extensions") or [])
    if record.get("ilmd") is not None:
        groups.append(ilmd_elements(record["ilmd"]))
    groups.append(record.get("extensions") or [])
    return groups


def route_groups(record):
    """§7.4: the sibling groups whose `…List` elements decide the route. All the extensions of
    all sensor elements (their own, their metadata's, their reports') count as one group."""
    sensors = []
    for se in record.get("sensorElementList") or []:
        sensors += se.get("extensions") or []
        if se.get("sensorMetadata") is not None:
            sensors += se["sensorMetadata"].get("extensions") or []
        for r in se.get("sensorReport") or []:
            sensors += r.get("extensions") or []
    groups = [record.get("extensions") or [], sensors]
    if record.get("ilmd") is not None:
        groups.append(ilmd_elements(record["ilmd"]))
    for name in ("readPoint", "bizLocation", "errorDeclaration"):
        if record.get(name):
            groups.append(record[name].get("extensions") or [])
    return groups


def plain_lists_only(elements):
    """§7.2: whether every `…List` extension element is a plain list (else the XML route)."""
    for e in elements:
        if e["name"].endswith("List"):
            stem = e["name"][:-4]
            kids = e.get("children") or []
            same = [x for x in elements if x["name"] == e["name"] and x["namespace"] == e["namespace"]]
            if not kids or len(same) != 1 or any(k["name"] != stem or k["namespace"] != e["namespace"] for k in kids):
                return False
        if not plain_lists_only(e.get("children") or []):
            return False
    return True


class ValueForm:
    """§7.2: how string values read back from the JSON-LD form (bare-word and prefix expansion)."""

    def __init__(self, record, groups):
        self.json_ld = all(plain_lists_only(g) for g in route_groups(record))
        self.prefixes = {}
        self.suffixes = {}
        if not self.json_ld:
            return
        for group in groups:
            self._declare(group)
        iris = set()
        self._collect(record, iris)
        for iri in iris:
            for i, c in enumerate(iri):
                if c in "-/":
                    self.suffixes.setdefault(iri[i + 1:], set()).add(iri)

    def _declare(self, elements, inside_list=False):
        for e in elements:
            if not inside_list and e["namespace"] and e["namespace"] not in self.prefixes.values():
                name = "bollard" if e["namespace"] == BOLLARD_NS else "ext%d" % (len(self.prefixes) + 1)
                self.prefixes[name] = e["namespace"]
            plain_list = e["name"].endswith("List") and bool(e.get("children"))
            self._declare(e.get("children") or [], inside_list=plain_list)

    def _collect(self, value, iris, key=""):
        """The string values the JSON-LD document holds: the record's, with extension elements
        (and Bollard's ILMD members) as the element values they are written as."""
        if isinstance(value, str):
            if value.startswith(VOCABULARY_IRI):
                iris.add(value)
            elif value.startswith("cbv:"):
                iris.add("https://ref.gs1.org/cbv/" + value[4:])
            elif value.startswith("gs1:"):
                iris.add("https://gs1.org/voc/" + value[4:])
        elif isinstance(value, list):
            for v in value:
                if key == "extensions":
                    self._collect_element(v, iris)
                else:
                    self._collect(v, iris)
        elif isinstance(value, dict):
            if key == "ilmd":
                for e in ilmd_elements(value):
                    self._collect_element(e, iris)
                return
            for k, v in value.items():
                if k != "sourcePointer":
                    self._collect(v, iris, k)

    def _collect_element(self, element, iris):
        kids = element.get("children") or []
        if not (kids and element["name"].endswith("List")):
            self._collect(element.get("value"), iris)
        for k in kids:
            self._collect_element(k, iris)

    @staticmethod
    def xml_compact(text):
        """XML route: a `gs1:` or `cbv:` value is read as the IRI the JSON-LD binding expands it to."""
        if text.startswith("gs1:"):
            return text.replace("gs1:", "https://gs1.org/voc/")
        if text.startswith("cbv:"):
            return text.replace("cbv:", "https://ref.gs1.org/cbv/")
        return text

    def pair_value(self, text):
        """The identifier of a bizTransaction, source or destination entry."""
        return self.scalar(text) if self.json_ld else text

    def bare(self, text):
        if not self.json_ld:
            return self.xml_compact(text)
        if ":" not in text:
            hits = self.suffixes.get(text)
            if hits is not None and len(hits) == 1:
                return next(iter(hits))
        return text

    def scalar(self, text):
        text = self.bare(text)
        if self.json_ld and ":" in text:
            prefix, rest = text.split(":", 1)
            if prefix in self.prefixes:
                return self.prefixes[prefix] + rest
        return text


def record_nodes(record):
    """§7.2: the record's EPCIS content as (name, value, children) nodes."""
    groups = extension_groups(record)
    form = ValueForm(record, groups)
    s = form.scalar

    def ext_node(e):
        name = ("{" + e["namespace"] + "}" if e["namespace"] else "") + e["name"]
        kids = [ext_node(k) for k in e.get("children") or []]
        value = e.get("value") or ""
        if form.json_ld and kids and e["name"].endswith("List"):
            value = ""  # a plain list is written as the array of its items: its own text is lost
        return [name, (form.bare(value) if kids else s(value)), kids]

    def exts(elements):
        return [ext_node(e) for e in elements or []]

    nodes = [["eventTime", s(record["eventTime"]), []], ["eventTimeZoneOffset", s(record["eventTimeZoneOffset"]), []]]
    nodes += [["certificationInfo", s(c), []] for c in record.get("certificationInfo") or []]
    if record.get("parentID") is not None:
        nodes.append(["parentID", s(record["parentID"]), []])
    for name in ("epcList", "childEPCs", "inputEPCList", "outputEPCList"):
        if record.get(name):
            nodes.append([name, "", [["epc", s(e), []] for e in record[name]]])
    for name in ("quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList"):
        if record.get(name):
            elements = []
            for q in record[name]:
                kids = [["epcClass", s(q["epcClass"]), []]]
                if q.get("quantity") is not None:
                    kids.append(["quantity", q["quantity"], []])
                if q.get("uom") is not None:
                    kids.append(["uom", s(q["uom"]), []])
                elements.append(["quantityElement", "", kids])
            nodes.append([name, "", elements])
    for name in ("transformationID", "action", "bizStep", "disposition"):
        if record.get(name) is not None:
            nodes.append([name, s(record[name]), []])
    if record.get("persistentDisposition") is not None:
        p = record["persistentDisposition"]
        nodes.append(["persistentDisposition", "", [["set", s(d), []] for d in p.get("set") or []]
                      + [["unset", s(d), []] for d in p.get("unset") or []]])
    for name in ("readPoint", "bizLocation"):
        if record.get(name) is not None:
            nodes.append([name, "", [["id", s(record[name]["id"]), []]] + exts(record[name].get("extensions"))])
    if record.get("bizTransactionList"):
        entries = []
        for t in record["bizTransactionList"]:
            kids = [["type", s(t["type"]), []]] if t.get("type") is not None else []
            entries.append(["bizTransaction", form.pair_value(t["bizTransaction"]), kids])
        nodes.append(["bizTransactionList", "", entries])
    for name, member in (("sourceList", "source"), ("destinationList", "destination")):
        if record.get(name):
            nodes.append([name, "", [[member, form.pair_value(e["value"]), [["type", s(e["type"]), []]]]
                                     for e in record[name]]])
    if record.get("sensorElementList"):
        elements = []
        for se in record["sensorElementList"]:
            kids = []
            m = se.get("sensorMetadata")
            if m is not None:
                mk = [[n, s(m[n]), []] for n, _ in SENSOR_METADATA if m.get(n) is not None]
                kids.append(["sensorMetadata", "", mk + exts(m.get("extensions"))])
            for r in se.get("sensorReport") or []:
                rk = []
                for n, _ in SENSOR_REPORT:
                    v = r.get(n)
                    if v is None:
                        continue
                    if n == "booleanValue":
                        # Python's str() of the JSON-LD boolean; the XML route writes xsd:boolean.
                        text = "True" if v else "False"
                        rk.append([n, text if form.json_ld else text.lower(), []])
                    elif n in ("value", "minValue", "maxValue", "meanValue", "sDev", "percRank", "percValue"):
                        rk.append([n, v, []])
                    else:
                        rk.append([n, s(v), []])
                kids.append(["sensorReport", "", rk + exts(r.get("extensions"))])
            elements.append(["sensorElement", "", kids + exts(se.get("extensions"))])
        nodes.append(["sensorElementList", "", elements])
    if record.get("ilmd") is not None:
        nodes.append(["ilmd", "", exts(ilmd_elements(record["ilmd"]))])
    nodes += exts(record.get("extensions"))
    return nodes


def event_hash(record):
    """The GS1 CBV 2.0 event hash of a Bollard event record (bundle-format.md §7)."""
    if not isinstance(record, dict) or not isinstance(record.get("type"), str):
        raise Unhashable("the record has no event type")
    try:
        return ni_sha256(prehash(record["type"], record_nodes(record)))
    except (KeyError, TypeError, AttributeError) as e:
        raise Unhashable(f"the record is not an event record ({type(e).__name__}: {e})") from None


# ---------------------------------------------------------------------------------------------
# The bundle (bundle-format.md §1, §6)

class Report:
    def __init__(self):
        self.lines = []

    def add(self, name, ok, reason):
        self.lines.append((name, "passed" if ok else "failed", reason))

    def run(self, name, fn):
        """Runs one check: fn returns the reason it passed or raises with the reason it failed."""
        try:
            self.add(name, True, fn())
            return True
        except CheckFailed as e:
            self.add(name, False, str(e))
        except Exception as e:  # hostile input: a failed check, never a crash
            self.add(name, False, f"{type(e).__name__}: {e}"[:300])
        return False

    @property
    def failed(self):
        return [n for n, outcome, _ in self.lines if outcome == "failed"]


def member(obj, name, kind, where):
    if not isinstance(obj, dict) or name not in obj:
        raise CheckFailed(f"{where} has no member {name!r}")
    value = obj[name]
    if kind is int:
        ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 1 << 64
    else:
        ok = isinstance(value, kind)
    if not ok:
        raise CheckFailed(f"{where}.{name} is not a {kind.__name__}" + (" in 0..2^64-1" if kind is int else ""))
    return value


def verify(bundle, log_key, ledger_key):
    report = Report()

    def check_format():
        if member(bundle, "format", str, "bundle") != "bollard.proof-bundle":
            raise CheckFailed(f"format {bundle['format'][:64]!r} is not 'bollard.proof-bundle'")
        if member(bundle, "version", int, "bundle") != 1:
            raise CheckFailed(f"version {bundle['version']} is not 1")
        for name, kind in (("subject", dict), ("log", dict), ("items", list), ("anchors", list), ("consistencyProofs", list)):
            member(bundle, name, kind, "bundle")
        # Informative members are not verified, but a bundle without them is not version 1.
        if member(bundle["subject"], "kind", str, "subject") not in ("lot", "receipt", "collateral"):
            raise CheckFailed(f"subject.kind {bundle['subject']['kind'][:32]!r} is not lot, receipt or collateral")
        member(bundle["subject"], "id", str, "subject")
        for name in ("origin", "checkpoint", "key"):
            member(bundle["log"], name, str, "log")
        for j, anchor in enumerate(bundle["anchors"]):
            for name, kind in (("ledger", str), ("id", str), ("record", str), ("ledgerKey", str), ("confirmations", int)):
                member(anchor, name, kind, f"anchors[{j}]")
        return "bollard.proof-bundle version 1"

    report.run("bundle.format", check_format)
    if not isinstance(bundle, dict):
        return report
    log = bundle.get("log") if isinstance(bundle.get("log"), dict) else {}
    state = {"checkpoint": None}

    def check_checkpoint():
        note = member(log, "checkpoint", str, "log")
        origin, size, root = parse_checkpoint(open_note(note, log_key))
        if origin != member(log, "origin", str, "log"):
            raise CheckFailed(f"the checkpoint's origin {origin[:64]!r} is not log.origin {log['origin'][:64]!r}")
        state["checkpoint"] = (origin, size, root, note)
        return f"signed by {log_key.name}+{log_key.key_id.hex()}; size {size}"

    report.run("checkpoint.signature", check_checkpoint)
    checkpoint = state["checkpoint"]

    items = bundle.get("items")
    if not isinstance(items, list) or not items:
        report.add("items", False, "the bundle proves no entries")
    elif len(items) > MAX_ITEMS:
        report.add("items", False, f"{len(items)} items; at most {MAX_ITEMS}")
    else:
        report.add("items", True, f"{len(items)} item(s)")
        for i, item in enumerate(items):
            verify_item(report, f"item[{i}]", item, checkpoint)

    anchors = bundle.get("anchors")
    if not isinstance(anchors, list) or not anchors:
        report.add("anchors", False, "the checkpoint carries no anchor")
    elif len(anchors) > MAX_ANCHORS:
        report.add("anchors", False, f"{len(anchors)} anchors; at most {MAX_ANCHORS}")
    else:
        report.add("anchors", True, f"{len(anchors)} anchor(s)")
        for j, anchor in enumerate(anchors):
            verify_anchor(report, f"anchor[{j}]", anchor, checkpoint, ledger_key)

    proofs = bundle.get("consistencyProofs")
    if isinstance(proofs, list) and len(proofs) > MAX_CONSISTENCY:
        report.add("consistency", False, f"{len(proofs)} consistency proofs; at most {MAX_CONSISTENCY}")
    elif isinstance(proofs, list):
        for k, evidence in enumerate(proofs):
            report.run(f"consistency[{k}]", lambda e=evidence: check_consistency(e, checkpoint, log_key))
    return report


def verify_item(report, name, item, checkpoint):
    state = {}

    def check_leaf():
        leaf = b64(member(item, "leaf", str, name))
        if leaf is None:
            raise CheckFailed("leaf is not canonical base64")
        if len(leaf) > MAX_LEAF:
            raise CheckFailed(f"leaf is {len(leaf)} bytes; at most {MAX_LEAF}")
        state["leaf"] = leaf
        return f"{len(leaf)} bytes"

    if not report.run(f"{name}.leaf", check_leaf):
        return
    leaf = state["leaf"]

    def check_canonical():
        try:
            record = parse_json(leaf.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            raise CheckFailed(f"leaf is not I-JSON: {e}") from None
        try:
            again = jcs(record).encode("utf-8")
        except (ValueError, UnicodeEncodeError) as e:
            raise CheckFailed(f"leaf is not I-JSON: {e}") from None
        # The summary and event hash checks still read a non-canonical record: this check
        # alone reports the form, the others report the content.
        state["record"] = record
        if again != leaf:
            at = next((k for k in range(min(len(again), len(leaf))) if again[k] != leaf[k]), min(len(again), len(leaf)))
            raise CheckFailed(f"leaf is JSON but not RFC 8785 canonical (first difference at byte {at})")
        return "leaf is RFC 8785 canonical JSON"

    report.run(f"{name}.canonical", check_canonical)
    record = state.get("record")

    def check_summary():
        summary = member(item, "summary", dict, name)
        if not isinstance(record, dict):
            raise CheckFailed("no parsed record to compare the summary with")
        for key, value in summary.items():
            if key not in record:
                raise CheckFailed(f"summary member {key[:64]!r} is not in the record")
            if jcs(record[key]) != jcs(value):
                raise CheckFailed(f"summary member {key[:64]!r} differs from the record's")
        return f"{len(summary)} member(s) agree with the record"

    report.run(f"{name}.summary", check_summary)

    def check_inclusion():
        if checkpoint is None:
            raise CheckFailed("no verified checkpoint to check against")
        index = member(item, "index", int, name)
        path = member(item, "inclusionProof", list, name)
        if len(path) > MAX_PROOF:
            raise CheckFailed(f"{len(path)} proof hashes; at most {MAX_PROOF}")
        proof = [hash32(p, f"proof hash {k}") for k, p in enumerate(path)]
        _, size, root, _ = checkpoint
        verify_inclusion(index, size, sha256(b"\x00" + leaf), proof, root)
        return f"leaf {index} is in the tree of size {size}"

    report.run(f"{name}.inclusion", check_inclusion)

    kind = item.get("kind") if isinstance(item, dict) else None
    stated = item.get("eventHash") if isinstance(item, dict) else None
    if kind == "event":
        def check_event_hash():
            if not isinstance(stated, str):
                raise CheckFailed("an event item carries no GS1 event hash")
            if record is None:
                raise CheckFailed("no parsed record to hash")
            try:
                computed = event_hash(record)
            except Unhashable as e:
                raise CheckFailed(f"cannot recompute: {e}") from None
            if computed != stated:
                raise CheckFailed(f"stated {stated[:100]}, recomputed {computed}")
            return "recomputed " + computed

        report.run(f"{name}.eventHash", check_event_hash)
    elif kind == "record":
        if stated is not None:
            report.add(f"{name}.eventHash", False, "a record item carries an event hash")
    else:
        report.add(f"{name}.kind", False, f"unknown item kind {str(kind)[:32]!r}")


def verify_anchor(report, name, anchor, checkpoint, ledger_key):
    if not isinstance(anchor, dict) or anchor.get("ledger") != "local":
        ledger = anchor.get("ledger") if isinstance(anchor, dict) else None
        report.add(f"{name}.ledger", False, f"ledger kind {str(ledger)[:32]!r} cannot be verified (only 'local')")
        return

    def check_key():
        if ledger_key is None:
            raise CheckFailed("no trusted ledger key given (--ledger-key)")
        if member(anchor, "ledgerKey", str, name) != ledger_key.text:
            raise CheckFailed(f"the bundle names ledger key {anchor['ledgerKey'][:128]!r}, not the trusted one")
        return f"ledger key {ledger_key.name}+{ledger_key.key_id.hex()}"

    report.run(f"{name}.key", check_key)
    state = {}

    def check_signature():
        if ledger_key is None:
            raise CheckFailed("no trusted ledger key given (--ledger-key)")
        text = open_note(member(anchor, "record", str, name), ledger_key)
        lines = text.split("\n")[:-1]
        if len(lines) != 8 or lines[0] != "bollard.ledger.record/v1":
            raise CheckFailed("the record text is not the eight lines of bollard.ledger.record/v1")
        sequence = decimal_u64(lines[1], "sequence")
        hash32(lines[2], "previous record hash")
        decimal_u64(lines[3], "time")
        state["record"] = (lines[4], decimal_u64(lines[5], "checkpoint size"), hash32(lines[6], "checkpoint root"),
                           hash32(lines[7], "checkpoint note hash"))
        return f"record {sequence} signed by the ledger key"

    if not report.run(f"{name}.signature", check_signature):
        return

    def check_commitment():
        if checkpoint is None:
            raise CheckFailed("no verified checkpoint to compare with")
        origin, size, root, note = checkpoint
        r_origin, r_size, r_root, r_note_hash = state["record"]
        if r_origin != origin:
            raise CheckFailed(f"anchors origin {r_origin[:64]!r}, the checkpoint is for {origin[:64]!r}")
        if r_size != size:
            raise CheckFailed(f"anchors size {r_size}, the checkpoint has size {size}")
        if r_root != root:
            raise CheckFailed("anchors another root hash")
        if r_note_hash != sha256(note.encode("utf-8")):
            raise CheckFailed("anchors a different signed note for this checkpoint (note hash mismatch)")
        return f"commits size {size} and root {base64.b64encode(root).decode()} of {origin}"

    report.run(f"{name}.commitment", check_commitment)


def check_consistency(evidence, checkpoint, log_key):
    if checkpoint is None:
        raise CheckFailed("no verified checkpoint to prove consistency with")
    origin, size, root, _ = checkpoint
    o1, n1, r1 = parse_checkpoint(open_note(member(evidence, "fromCheckpoint", str, "consistency proof"), log_key))
    if o1 != origin:
        raise CheckFailed(f"the earlier checkpoint is for {o1[:64]!r}")
    path = member(evidence, "proof", list, "consistency proof")
    if len(path) > MAX_PROOF:
        raise CheckFailed(f"{len(path)} proof hashes; at most {MAX_PROOF}")
    verify_consistency(n1, size, r1, root, [hash32(p, f"proof hash {k}") for k, p in enumerate(path)])
    return f"tree of size {n1} is a prefix of size {size}"


# ---------------------------------------------------------------------------------------------

def read_key(arg):
    """A vkey given as a file holding it, or as the vkey text itself."""
    try:
        with open(arg, encoding="utf-8") as f:
            return f.read().strip()
    except OSError:
        if "+" in arg:
            return arg.strip()
        raise


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bundle")
    parser.add_argument("--log-key", required=True, help="file holding the log's vkey (or the vkey)")
    parser.add_argument("--ledger-key", help="file holding the ledger's vkey (or the vkey)")
    args = parser.parse_args(argv)
    try:
        log_key = VerifierKey(read_key(args.log_key))
        ledger_key = VerifierKey(read_key(args.ledger_key)) if args.ledger_key else None
    except (OSError, ValueError) as e:
        print(f"verify.py: trusted key: {e}", file=sys.stderr)
        return 2
    report = Report()
    try:
        with open(args.bundle, "rb") as f:
            data = f.read()
        report = verify(parse_json(data.decode("utf-8")), log_key, ledger_key)
    except OSError as e:
        print(f"verify.py: {e}", file=sys.stderr)
        return 2
    except (UnicodeDecodeError, ValueError, RecursionError) as e:
        report.add("bundle.decode", False, f"not a JSON document: {e}"[:300])
    for name, outcome, reason in report.lines:
        mark = "\u2713" if outcome == "passed" else "\u2717"
        print(f"{mark} {name}: {reason}")
    failed = report.failed
    passed = len(report.lines) - len(failed)
    if failed:
        print(f"INVALID: {len(failed)} check(s) failed ({', '.join(failed[:10])}), {passed} passed")
        return 1
    print(f"VALID: all {passed} checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
