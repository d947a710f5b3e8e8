#!/usr/bin/env python3
"""Checks verify.py's proof and note code against public vectors (no Bollard code involved).

usage: test_verify_proofs.py [--shared DIR]

- conformance/merkle/rfc6962/transparency-dev-merkle/testdata/{inclusion,consistency}: RFC 9162
  inclusion and consistency probes, good ones and mutated ones (`wantErr`);
- conformance/merkle/rfc6962/reference-tree-8.json: the classic 8-leaf tree's proofs;
- conformance/merkle/c2sp/signed-note-vectors.json: C2SP signed notes that must verify, must
  not verify, and vkeys that must be refused.
Exit status 0 only when every vector gives the expected outcome.
"""
import argparse
import base64
import glob
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import verify  # noqa: E402


# Vectors where verify.py is deliberately stricter than the Go library the probes come from.
STRICTER = {
    "consistency/additional/sizes-are-equal-one-and-proof-is-empty.json":
        "its roots are 15-byte placeholders; verify.py refuses any hash that is not 32 bytes",
}


def b64list(items):
    return [base64.b64decode(x) for x in items or []]


def outcome(fn):
    try:
        fn()
        return True
    except (verify.CheckFailed, ValueError):
        return False


def main():
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", default=os.environ.get("BOLLARD_SHARED", os.path.join(repo, "..", "shared")))
    args = parser.parse_args()
    merkle = os.path.join(args.shared, "conformance/merkle")
    failures = []
    counts = {}
    stricter_seen = []

    def expect(section, label, ok, want):
        counts[section] = counts.get(section, 0) + 1
        stricter = next((why for name, why in STRICTER.items() if label.startswith(name)), None)
        if stricter:
            if ok == want or ok:
                failures.append(f"{section}: {label}: listed as stricter ({stricter}) but {'verified' if ok else 'refused'}")
            else:
                stricter_seen.append(f"{section}: {label}: {stricter}")
            return
        if ok != want:
            failures.append(f"{section}: {label}: {'verified' if ok else 'refused'}, expected {'verified' if want else 'refused'}")

    probes = os.path.join(merkle, "rfc6962/transparency-dev-merkle/testdata")
    for path in sorted(glob.glob(os.path.join(probes, "inclusion", "**", "*.json"), recursive=True)):
        p = json.load(open(path))
        ok = outcome(lambda: verify.verify_inclusion(p["leafIdx"], p["treeSize"], base64.b64decode(p.get("leafHash") or ""),
                                                     b64list(p.get("proof")), base64.b64decode(p.get("root") or "")))
        expect("inclusion probes", os.path.relpath(path, probes) + " " + p.get("desc", ""), ok, not p.get("wantErr"))
    for path in sorted(glob.glob(os.path.join(probes, "consistency", "**", "*.json"), recursive=True)):
        p = json.load(open(path))
        ok = outcome(lambda: verify.verify_consistency(p["size1"], p["size2"], base64.b64decode(p.get("root1") or ""),
                                                       base64.b64decode(p.get("root2") or ""), b64list(p.get("proof"))))
        expect("consistency probes", os.path.relpath(path, probes) + " " + p.get("desc", ""), ok, not p.get("wantErr"))

    tree = json.load(open(os.path.join(merkle, "rfc6962/reference-tree-8.json")))
    for key, value in tree.items():
        if not isinstance(value, list) or not value or not isinstance(value[0], dict):
            continue
        for v in value:
            if {"leafIndex", "treeSize", "proof"} <= set(v) and "root" in v and "leafHash" in v:
                ok = outcome(lambda: verify.verify_inclusion(v["leafIndex"], v["treeSize"], bytes.fromhex(v["leafHash"]),
                                                             [bytes.fromhex(x) for x in v["proof"]], bytes.fromhex(v["root"])))
                expect("reference tree", f"{key} {v['leafIndex']}/{v['treeSize']}", ok, True)

    notes = json.load(open(os.path.join(merkle, "c2sp/signed-note-vectors.json")))
    for case in notes["verifyGood"]:
        for vkey in case["vkeys"]:
            key = verify.VerifierKey(vkey)
            ok = outcome(lambda: verify.open_note(case["note"], key))
            expect("signed notes", f"{case['desc']} ({key.name})", ok, key.name in case["wantVerifiedNames"])
    for case in notes["verifyBad"]:
        try:
            note = case["note"] if "note" in case else bytes.fromhex(case["noteHex"]).decode("utf-8")
        except UnicodeDecodeError:
            expect("signed notes", case["desc"], False, False)  # a bundle is JSON: its notes are UTF-8
            continue
        for vkey in case["vkeys"]:
            ok = outcome(lambda: verify.open_note(note, verify.VerifierKey(vkey)))
            expect("signed notes", f"{case['desc']} ({vkey.split('+')[0]})", ok, False)
    good = notes["keys"]["PeterNeumann"]["vkey"]
    bad_keys = [c["vkey"] for c in notes["badVkeys"] if c.get("vkey")]
    bad_keys += [good[:n] for n in range(len(good))]  # every proper prefix
    for vkey in bad_keys:
        expect("vkeys", repr(vkey), outcome(lambda: verify.VerifierKey(vkey)), False)
    expect("vkeys", "PeterNeumann", outcome(lambda: verify.VerifierKey(good)), True)

    for section, n in counts.items():
        bad = sum(1 for f in failures if f.startswith(section + ":"))
        strict = sum(1 for f in stricter_seen if f.startswith(section + ":"))
        print(f"{section}: {n - bad}/{n} as expected" + (f" ({strict} refused on purpose, see below)" if strict else ""))
    for f in stricter_seen:
        print("  stricter: " + f)
    for f in failures:
        print("  FAIL: " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
