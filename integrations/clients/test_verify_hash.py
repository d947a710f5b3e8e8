#!/usr/bin/env python3
"""Checks verify.py's GS1 event hasher independently of Bollard's Swift code.

usage: test_verify_hash.py [--shared DIR] [--bollard BINARY] [--fixtures DIR] [-v]

1. GS1's Digital Link normaliser vectors (conformance/epcis-hash/dl_normaliser_vectors.tsv).
2. GS1's JSON-LD example documents (conformance/epcis-hash/examples/*.jsonld with a .hashes
   file, and expected_equal/*.json): each event is turned into Bollard's record shape by the
   small adapter below, hashed by verify.event_hash, and compared with GS1's expected hash.
3. Every event of every fixtures/busan/epcis/*.jsonld, compared with `bollard hash FILE`.

Expected outcomes are listed in KNOWN: a vector this hasher cannot reproduce, with the reason.
Exit status 0 when every other vector passes and every KNOWN one fails as stated (so a fix or a
new failure both show up).
"""
import argparse
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import verify  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
# (document, event index) → why verify.py cannot reproduce GS1's hash for it.
IGNORE_FIELDS = ("the document-level ignoreFields list (namespace https://repository-x.example.com/, unreleased "
                 "upstream, not GS1-standard) has no place in the record shape, so the fields it names are hashed")
KNOWN = {
    ("epcisDocHavingEventWithIgnoreFields.jsonld", 0): IGNORE_FIELDS,
    ("epcisQueryDocHavingEventWithIgnoreFields.jsonld", 0): IGNORE_FIELDS,
}

WEB = {"bizStep": "https://ref.gs1.org/cbv/BizStep-", "disposition": "https://ref.gs1.org/cbv/Disp-",
       "set": "https://ref.gs1.org/cbv/Disp-", "unset": "https://ref.gs1.org/cbv/Disp-",
       "bizTransactionList": "https://ref.gs1.org/cbv/BTT-", "sourceList": "https://ref.gs1.org/cbv/SDT-",
       "destinationList": "https://ref.gs1.org/cbv/SDT-", "reason": "https://ref.gs1.org/cbv/ER-"}
SKIPPED = {"recordTime", "eventID", "type", "errorDeclaration", "comment", "rdfs:comment", "#text"}
STANDARD = {"eventTime", "eventTimeZoneOffset", "certificationInfo", "parentID", "epcList", "childEPCs",
            "inputEPCList", "outputEPCList", "quantityList", "childQuantityList", "inputQuantityList",
            "outputQuantityList", "transformationID", "action", "bizStep", "disposition", "persistentDisposition",
            "readPoint", "bizLocation", "bizTransactionList", "sourceList", "destinationList", "sensorElementList",
            "ilmd"}
SENSOR_NUMBERS = {"value", "minValue", "maxValue", "meanValue", "sDev", "percRank", "percValue"}


class Number(str):
    """A JSON number, kept as written (Bollard keeps decimals exact)."""


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f, parse_float=Number, parse_int=Number)


def vocabulary(value, list_name):
    """A CBV value as Bollard stores it: the CBV 2.0 Web URI (bare words and CURIEs expanded)."""
    if value.startswith("cbv:"):
        return "https://ref.gs1.org/cbv/" + value[4:]
    if ":" not in value and list_name in WEB:
        return WEB[list_name] + value
    return value


def gs1_term(value, prefix="https://gs1.org/voc/"):
    if value.startswith("gs1:"):
        return "https://gs1.org/voc/" + value[4:]
    if value.startswith("cbv:"):
        return "https://ref.gs1.org/cbv/" + value[4:]
    return value if ":" in value else prefix + value


class Adapter:
    """EPCIS 2.0 JSON-LD event → Bollard's Core record shape (Sources/BollardCore/Events)."""

    def __init__(self, document):
        self.prefixes = {}
        context = document.get("@context", [])
        for entry in context if isinstance(context, list) else [context]:
            if isinstance(entry, dict):
                self.prefixes.update({k: v for k, v in entry.items() if isinstance(v, str)})

    def scalar(self, value):
        if isinstance(value, bool):
            return "True" if value else "False"
        if value is None:
            return "None"
        return str(value)

    def text(self, value):
        value = self.scalar(value)
        if ":" in value:
            prefix, rest = value.split(":", 1)
            if prefix in self.prefixes:
                return self.prefixes[prefix] + rest
        return value

    def element(self, key, value):
        prefix, _, local = key.partition(":")
        if local and prefix in self.prefixes:
            namespace, name = self.prefixes[prefix], local
        else:
            namespace, name = "", key
        if isinstance(value, list) and name.endswith("List"):
            items = [self.element(key[:-4], v) for v in value]
            return [{"namespace": namespace, "name": name, "children": [i for g in items for i in g]}]
        if isinstance(value, list):
            return [e for v in value for e in self.element(key, v)]
        if isinstance(value, dict):
            out = {"namespace": namespace, "name": name, "children": self.extensions(value, set())}
            if "#text" in value:
                out["value"] = self.scalar(value["#text"])
            return [out]
        return [{"namespace": namespace, "name": name, "value": self.text(value), "children": []}]

    def extensions(self, obj, standard):
        out = []
        for key, value in obj.items():
            if key in standard or key in SKIPPED or key.startswith("@"):
                continue
            out += self.element(key, value)
        return out

    def location(self, obj):
        return {"id": self.text(obj["id"]), "extensions": self.extensions(obj, {"id"})}

    def quantities(self, items):
        out = []
        for q in items:
            e = {"epcClass": self.text(q["epcClass"])}
            if "quantity" in q:
                e["quantity"] = str(q["quantity"])
            if "uom" in q:
                e["uom"] = self.text(q["uom"])
            out.append(e)
        return out

    def sensor(self, element):
        out = {"sensorReport": [], "extensions": self.extensions(element, {"sensorMetadata", "sensorReport"})}
        if "sensorMetadata" in element:
            m = element["sensorMetadata"]
            fields = {n for n, _ in verify.SENSOR_METADATA}
            out["sensorMetadata"] = {k: self.text(v) for k, v in m.items() if k in fields}
            out["sensorMetadata"]["extensions"] = self.extensions(m, fields)
        for r in element.get("sensorReport", []):
            fields = {n for n, _ in verify.SENSOR_REPORT}
            report = {"extensions": self.extensions(r, fields | {"type"})}
            for k, v in r.items():
                if k not in fields:
                    continue
                if k == "booleanValue":
                    report[k] = v if isinstance(v, bool) else str(v).lower() == "true"
                elif k in SENSOR_NUMBERS:
                    report[k] = str(v)
                elif k in ("type", "exception"):
                    report[k] = gs1_term(self.text(v))
                elif k == "component":
                    report[k] = gs1_term(self.text(v), "https://ref.gs1.org/cbv/Comp-")
                else:
                    report[k] = self.text(v)
            out["sensorReport"].append(report)
        return out

    def record(self, e):
        r = {"type": e["type"], "eventTime": e["eventTime"], "eventTimeZoneOffset": e.get("eventTimeZoneOffset", "")}
        ci = e.get("certificationInfo", [])
        r["certificationInfo"] = [self.text(c) for c in (ci if isinstance(ci, list) else [ci])]
        if "parentID" in e:
            r["parentID"] = self.text(e["parentID"])
        for name in ("epcList", "childEPCs", "inputEPCList", "outputEPCList"):
            r[name] = [self.text(x) for x in e.get(name, [])]
        for name in ("quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList"):
            r[name] = self.quantities(e.get(name, []))
        for name in ("transformationID", "action"):
            if name in e:
                r[name] = self.text(e[name])
        for name in ("bizStep", "disposition"):
            if name in e:
                r[name] = vocabulary(self.text(e[name]), name)
        if "persistentDisposition" in e:
            p = e["persistentDisposition"]
            r["persistentDisposition"] = {k: [vocabulary(self.text(v), k) for v in p.get(k, [])] for k in ("set", "unset")}
        for name in ("readPoint", "bizLocation"):
            if name in e:
                r[name] = self.location(e[name])
        r["bizTransactionList"] = []
        for t in e.get("bizTransactionList", []):
            entry = {"bizTransaction": self.text(t["bizTransaction"])}
            if "type" in t:
                entry["type"] = vocabulary(self.text(t["type"]), "bizTransactionList")
            r["bizTransactionList"].append(entry)
        for name, member in (("sourceList", "source"), ("destinationList", "destination")):
            r[name] = [{"type": vocabulary(self.text(x["type"]), name), "value": self.text(x[member])}
                       for x in e.get(name, [])]
        r["sensorElementList"] = [self.sensor(s) for s in e.get("sensorElementList", [])]
        if "ilmd" in e:
            r["ilmd"] = {"extensions": self.extensions(e["ilmd"], set())}
        r["extensions"] = self.extensions(e, STANDARD)
        return r


def event_list(document):
    body = document.get("epcisBody", {})
    if "eventList" in body:
        return body["eventList"]
    return body.get("queryResults", {}).get("resultsBody", {}).get("eventList", [])


def hashes_of(path):
    document = load(path)
    adapter = Adapter(document)
    out = []
    for e in event_list(document):
        try:
            out.append(verify.event_hash(adapter.record(e)))
        except (verify.Unhashable, KeyError, TypeError, ValueError) as x:
            out.append(f"error: {x}")
    return out


class Tally:
    def __init__(self, verbose):
        self.verbose = verbose
        self.passed = 0
        self.failed = []
        self.known = []

    def compare(self, label, key, got, want):
        reason = KNOWN.get(key)
        if got == want:
            if reason:
                self.failed.append(f"{label}: passes although listed as known ({reason})")
            else:
                self.passed += 1
            return
        if reason:
            self.known.append(f"{label}: {reason}")
        else:
            self.failed.append(f"{label}: got {got}, want {want}")


def dl_vectors(shared, tally):
    with open(os.path.join(shared, "conformance/epcis-hash/dl_normaliser_vectors.tsv"), encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f][1:]
    for n, (given, want) in enumerate(rows, 2):
        tally.compare(f"dl_normaliser_vectors.tsv:{n} {given}", ("dl", n), verify.dl_normalise(given) or "", want)


def gs1_examples(shared, tally):
    root = os.path.join(shared, "conformance/epcis-hash")
    examples = os.path.join(root, "examples")
    for name in sorted(os.listdir(examples)):
        if not name.endswith(".jsonld"):
            continue
        base = name[: -len(".jsonld")]
        expected_path = os.path.join(examples, base + ".hashes")
        if not os.path.exists(expected_path):
            continue
        with open(expected_path, encoding="utf-8") as f:
            want = [line.strip() for line in f if line.strip()]
        got = hashes_of(os.path.join(examples, name))
        for i in range(max(len(got), len(want))):
            tally.compare(f"examples/{name} event {i}", (name, i), got[i] if i < len(got) else "(no event)",
                          want[i] if i < len(want) else "(no hash)")
    equal_dir = os.path.join(root, "expected_equal")
    for name in sorted(os.listdir(equal_dir)):
        if name.endswith((".json", ".jsonld")):
            got = hashes_of(os.path.join(equal_dir, name))
            for i, h in enumerate(got[1:], 1):
                tally.compare(f"expected_equal/{name} event {i} = event 0", (name, i), h, got[0])


def busan_fixtures(bollard, fixtures, tally):
    for name in sorted(os.listdir(fixtures)):
        if not name.endswith(".jsonld"):
            continue
        path = os.path.join(fixtures, name)
        out = subprocess.run([bollard, "hash", path], capture_output=True, text=True, check=True).stdout
        want = re.findall(r"ni:///sha-256;[0-9a-f]{64}\?ver=CBV2\.0", out)
        got = hashes_of(path)
        if not want:
            tally.failed.append(f"fixtures/{name}: `bollard hash` printed no hash")
        for i in range(max(len(got), len(want))):
            tally.compare(f"fixtures/{name} event {i}", (name, i), got[i] if i < len(got) else "(no event)",
                          want[i] if i < len(want) else "(no hash)")


def main():
    repo = os.path.dirname(os.path.dirname(HERE))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", default=os.environ.get("BOLLARD_SHARED", os.path.join(repo, "..", "shared")))
    parser.add_argument("--bollard", help="a built bollard binary, for `bollard hash` of the Busan fixtures")
    parser.add_argument("--fixtures", default=os.path.join(repo, "fixtures/busan/epcis"))
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    for label, run in (("GS1 Digital Link normaliser vectors", lambda t: dl_vectors(args.shared, t)),
                       ("GS1 JSON-LD example documents", lambda t: gs1_examples(args.shared, t)),
                       ("Busan fixtures vs `bollard hash`",
                        (lambda t: busan_fixtures(args.bollard, args.fixtures, t)) if args.bollard else None)):
        if run is None:
            print(f"{label}: not run (no --bollard)")
            continue
        tally = Tally(args.verbose)
        run(tally)
        print(f"{label}: {tally.passed} passed, {len(tally.known)} known divergences, {len(tally.failed)} unexpected")
        for line in tally.known:
            print("  known: " + line)
        for line in tally.failed:
            print("  FAIL: " + line)
        main.failures = getattr(main, "failures", 0) + len(tally.failed)
    return 1 if getattr(main, "failures", 0) else 0


if __name__ == "__main__":
    sys.exit(main())
