#!/usr/bin/env python3
"""Writes one EPCIS 2.0 document of N events twice: as JSON-LD and as XML, same facts.

Usage: ops/bench/epcis_document.py N OUT.jsonld OUT.xml [SEED]

The events look like a port's traffic (ObjectEvents with EPCs, quantities, business
transactions, source/destination and a user extension; AggregationEvents packing EPCs on a
pallet; TransactionEvents), so the benchmark exercises every part of the CBV 2.0 hash:
bare CBV words, CBV URNs, GS1 keys rewritten to Digital Links, numbers, time zones and sorted
lists. Python stdlib only; deterministic for a given seed.
"""
import json
import random
import sys
from xml.sax.saxutils import escape

EXT_NS = "https://ns.bollard.example/epcis/"
STEPS = ["shipping", "receiving", "loading", "unloading", "storing", "inspecting", "departing", "arriving"]
DISPS = ["in_transit", "in_progress", "active", "container_closed", "sellable_accessible"]
UOMS = ["KGM", "TNE", "LTR", "MTQ"]


def sgtin(rng):
    return f"urn:epc:id:sgtin:{rng.randint(1000000, 9999999)}.0{rng.randint(10000, 99999)}.{rng.randint(1, 10**9)}"


def sgln(rng):
    return f"urn:epc:id:sgln:{rng.randint(1000000, 9999999)}.{rng.randint(10000, 99999)}.{rng.randint(0, 999)}"


def sscc(rng):
    return f"urn:epc:id:sscc:{rng.randint(1000000, 9999999)}.{rng.randint(0, 9999999999):010d}"


def lgtin(rng):
    return f"urn:epc:class:lgtin:{rng.randint(1000000, 9999999)}.0{rng.randint(10000, 99999)}.LOT{rng.randint(1, 99999)}"


def event(rng, i):
    kind = ("ObjectEvent", "ObjectEvent", "AggregationEvent", "TransactionEvent")[i % 4]
    offset = rng.choice(["+00:00", "+09:00", "-05:00", "+01:00"])
    day = 1 + i % 28
    ms = rng.randint(0, 999)
    e = {
        "type": kind,
        "eventTime": f"2026-03-{day:02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}.{ms:03d}{offset}",
        "eventTimeZoneOffset": offset,
        "recordTime": "2026-04-01T00:00:00.000Z",
        "eventID": f"urn:uuid:00000000-0000-4000-8000-{i:012d}",
    }
    epcs = [sgtin(rng) for _ in range(rng.randint(1, 4))]
    if kind == "AggregationEvent":
        e["parentID"] = sscc(rng)
        e["childEPCs"] = epcs
    elif kind == "TransactionEvent":
        e["bizTransactionList"] = [{"type": "po", "bizTransaction": f"urn:epcglobal:cbv:bt:{rng.randint(1000000, 9999999)}.0:PO{i}"}]
        e["epcList"] = epcs
    else:
        e["epcList"] = epcs
    e["action"] = rng.choice(["ADD", "OBSERVE", "DELETE"])
    e["bizStep"] = rng.choice(STEPS)
    e["disposition"] = rng.choice(DISPS)
    e["readPoint"] = {"id": sgln(rng)}
    e["bizLocation"] = {"id": sgln(rng)}
    if kind == "ObjectEvent":
        e["bizTransactionList"] = [
            {"type": "bol", "bizTransaction": f"urn:epcglobal:cbv:bt:{rng.randint(1000000, 9999999)}.0:BL{i}"},
            {"type": "inv", "bizTransaction": f"urn:epcglobal:cbv:bt:{rng.randint(1000000, 9999999)}.0:INV{i}"},
        ]
        e["quantityList"] = [
            {"epcClass": lgtin(rng), "quantity": round(rng.uniform(1, 25000), 1), "uom": rng.choice(UOMS)}
            for _ in range(rng.randint(1, 2))
        ]
        e["sourceList"] = [{"type": "owning_party", "source": f"urn:epc:id:pgln:{rng.randint(1000000, 9999999)}.00000"}]
        e["destinationList"] = [{"type": "location", "destination": sgln(rng)}]
        e["bollard:lot"] = f"LOT-{i:08d}"
        e["bollard:assay"] = {"bollard:fineness": "999.9", "bollard:grossKg": str(rng.randint(10, 13))}
    return e


XML_LIST_MEMBER = {"epcList": "epc", "childEPCs": "epc"}


def xml_event(e):
    out = [f"<{e['type']}>"]
    for k, v in e.items():
        if k == "type":
            continue
        if k in XML_LIST_MEMBER:
            out.append(f"<{k}>" + "".join(f"<epc>{escape(x)}</epc>" for x in v) + f"</{k}>")
        elif k == "bizStep":
            out.append(f"<bizStep>urn:epcglobal:cbv:bizstep:{v}</bizStep>")
        elif k == "disposition":
            out.append(f"<disposition>urn:epcglobal:cbv:disp:{v}</disposition>")
        elif k in ("readPoint", "bizLocation"):
            out.append(f"<{k}><id>{escape(v['id'])}</id></{k}>")
        elif k == "bizTransactionList":
            out.append("<bizTransactionList>" + "".join(
                f'<bizTransaction type="urn:epcglobal:cbv:btt:{b["type"]}">{escape(b["bizTransaction"])}</bizTransaction>'
                for b in v) + "</bizTransactionList>")
        elif k == "quantityList":
            out.append("<quantityList>" + "".join(
                f"<quantityElement><epcClass>{escape(q['epcClass'])}</epcClass><quantity>{q['quantity']}</quantity>"
                f"<uom>{q['uom']}</uom></quantityElement>" for q in v) + "</quantityList>")
        elif k in ("sourceList", "destinationList"):
            member = k[:-4]
            out.append(f"<{k}>" + "".join(
                f'<{member} type="urn:epcglobal:cbv:sdt:{s["type"]}">{escape(s[member])}</{member}>' for s in v) + f"</{k}>")
        elif k == "bollard:assay":
            out.append("<bollard:assay>" + "".join(f"<{a}>{escape(b)}</{a}>" for a, b in v.items()) + "</bollard:assay>")
        else:
            out.append(f"<{k}>{escape(str(v))}</{k}>")
    out.append(f"</{e['type']}>")
    return "".join(out)


def main():
    n, json_path, xml_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 2026)
    events = [event(rng, i) for i in range(n)]
    doc = {
        "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"bollard": EXT_NS}],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": "2026-04-01T00:00:00.000Z",
        "epcisBody": {"eventList": events},
    }
    with open(json_path, "w") as f:
        json.dump(doc, f, indent=1)
    with open(xml_path, "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        f.write(f'<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:bollard="{EXT_NS}" '
                'schemaVersion="2.0" creationDate="2026-04-01T00:00:00.000Z"><EPCISBody><EventList>\n')
        for e in events:
            f.write(xml_event(e))
            f.write("\n")
        f.write("</EventList></EPCISBody></epcis:EPCISDocument>\n")


if __name__ == "__main__":
    main()
