#!/usr/bin/env python3
"""Builds the ~50 MB EDI benchmark inputs from corpus samples (standard library only).

  edi_input.py edifact OUT [--mb 50] [--source php-edifact/D95BCOARRI.edi]
  edi_input.py x12     OUT [--mb 50] [--source bots/.../856_1.x12]

EDIFACT: UNA + the sample's UNB + its first message repeated with renumbered UNH/UNT
references and correct UNT counts, then a UNZ with the right message count (LF after each
terminator). X12: the sample's ISA/GS + its first transaction set repeated with renumbered
ST02/SE02 and correct SE01, then GE/IEA with the right counts. Both read back as clean.
"""
import argparse
import os
import sys

DEFAULT = {
    "edifact": "php-edifact/D95BCOARRI.edi",
    "x12": "bots/x12/to_xml_retailer_version_850-856-810-997/botssys/infile/x12_demo/inbound/856_1.x12",
}


def corpus_root():
    shared = os.environ.get("BOLLARD_SHARED") or os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared")
    return os.path.join(shared, "conformance", "edi")


def edifact_segments(data):
    """Splits at unreleased apostrophes (default service characters)."""
    out, cur, i = [], bytearray(), 0
    while i < len(data):
        b = data[i:i + 1]
        if b == b"?" and i + 1 < len(data):
            cur += data[i:i + 2]
            i += 2
            continue
        if b == b"'":
            out.append(bytes(cur).strip())
            cur = bytearray()
        else:
            cur += b
        i += 1
    return [s for s in out if s]


def build_edifact(data, target):
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith(b"UNA"):
        data = data[9:]
    segs = edifact_segments(data)
    unb = next(s for s in segs if s.startswith(b"UNB"))
    start = next(i for i, s in enumerate(segs) if s.startswith(b"UNH"))
    end = next(i for i, s in enumerate(segs) if s.startswith(b"UNT") and i > start)
    body = segs[start + 1:end]
    s009 = segs[start].split(b"+")[2]
    ref = unb.split(b"+")[5]
    out = bytearray(b"UNA:+.? '\n" + unb + b"'\n")
    n = 0
    while len(out) < target:
        n += 1
        r = str(n).encode()
        out += b"UNH+" + r + b"+" + s009 + b"'\n"
        for s in body:
            out += s + b"'\n"
        out += b"UNT+" + str(len(body) + 2).encode() + b"+" + r + b"'\n"
    out += b"UNZ+" + str(n).encode() + b"+" + ref + b"'\n"
    return bytes(out), n


def build_x12(data, target):
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    el, comp, term = data[3:4], data[104:105], data[105:106]
    segs = [s.strip() for s in data.split(term)]
    segs = [s for s in segs if s]
    isa, gs = segs[0], segs[1]
    start = next(i for i, s in enumerate(segs) if s.startswith(b"ST" + el))
    end = next(i for i, s in enumerate(segs) if s.startswith(b"SE" + el) and i > start)
    st = segs[start].split(el)
    body = segs[start + 1:end]
    out = bytearray(isa + term + b"\n" + gs + term + b"\n")
    n = 0
    while len(out) < target:
        n += 1
        r = str(n).zfill(9).encode()
        out += el.join([b"ST", st[1], r] + st[3:]) + term + b"\n"
        for s in body:
            out += s + term + b"\n"
        out += el.join([b"SE", str(len(body) + 2).encode(), r]) + term + b"\n"
    gs06 = gs.split(el)[6]
    isa13 = isa.split(el)[13]
    out += el.join([b"GE", str(n).encode(), gs06]) + term + b"\n"
    out += el.join([b"IEA", b"1", isa13]) + term + b"\n"
    return bytes(out), n


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("standard", choices=["edifact", "x12"])
    p.add_argument("out")
    p.add_argument("--mb", type=float, default=50)
    p.add_argument("--source")
    a = p.parse_args()
    src = os.path.join(corpus_root(), a.source or DEFAULT[a.standard])
    with open(src, "rb") as f:
        data = f.read()
    build = build_edifact if a.standard == "edifact" else build_x12
    out, n = build(data, int(a.mb * 1024 * 1024))
    with open(a.out, "wb") as f:
        f.write(out)
    print(f"{a.out}: {len(out)} bytes, {n} messages from {os.path.relpath(src, corpus_root())}", file=sys.stderr)


if __name__ == "__main__":
    main()
