#!/usr/bin/env python3
"""The Busan story scaled to N lots, for ops/bench/api.sh: EPCIS 2.0 JSON-LD documents, one file each.

Usage: ops/bench/lot_documents.py LOTS OUTDIR [--posts M] [--seed S]

Shipments of 5 to 10 base-metal lots (copper, aluminium, nickel, zinc), each told as the parties of
fixtures/busan tell it, each document from the party that sends it (OUTDIR/docs/story.tsv, the
format `bollard ingest` reads):
  a-producer-NNNNNN   the producer commissions the lots (ObjectEvent ADD, HS code and lot data in
                      ILMD) and stuffs them into one ISO 6346 container under a bill of lading
                      (AggregationEvent, packing);
  b-terminal-NNNNNN   the terminal discharges the container at KRPUS (ObjectEvent, arriving);
  c-warehouse-NNNNNN  the bonded warehouse receives each lot (ObjectEvent, receiving, the same
                      quantity as the manifest) and issues one warehouse receipt over all of them
                      (TransactionEvent receipt_issuing with bollard:receiptLine per lot).
File names sort by phase, so `bollard ingest` on the folder applies every commissioning before any
arrival. Lots, containers, bills of lading and receipts are unique, so nothing is refused and a
lot's provenance bundle holds four events and its container's.

Beside docs/: lots.txt (one lot number a line: the ids GET /v1/lots/{id} takes), receipts.txt,
containers.txt, and, with --posts M, posts.ndjson: M more receipt documents (one lot each, compact
JSON, one a line) from warehouse W1 (gln:8801234000048) for the POST /v1/documents load. Python
stdlib only; deterministic for a given seed.
"""
import argparse
import json
import os
import random

CONTEXT = ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"bollard": "https://ns.bollard.dev/epcis/"}]
TERMINAL = "8801234000031"
WAREHOUSES = ["8801234000048", "8801234000055", "8801234000062", "8801234000079"]
POST_WAREHOUSE = "8801234000048"
# (commodity, HS code, producer GLN, GTIN company.item for the LGTIN, unit, quantity range)
COMMODITIES = [
    ("copper", "740311", "8801234000024", "8801234.000002", "TNE", (23.0, 26.0)),
    ("aluminium", "760110", "8801234000024", "8801234.000003", "TNE", (24.0, 26.5)),
    ("nickel", "750210", "8801234000017", "8801234.000004", "TNE", (5.5, 6.5)),
    ("zinc", "790111", "8801234000017", "8801234.000005", "TNE", (24.5, 25.5)),
]
OWNER_CODES = ["HSTU", "BDXU", "MSKU", "TGHU"]
ISO6346_LETTERS = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                           [10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 34, 35, 36, 37, 38]))


def container(n):
    """A unique ISO 6346 number with its check digit (§ Annex A)."""
    owner = OWNER_CODES[n % len(OWNER_CODES)]
    serial = f"{n // len(OWNER_CODES) % 1000000:06d}"
    total = sum((ISO6346_LETTERS[c] if c.isalpha() else int(c)) * (2 ** i) for i, c in enumerate(owner + serial))
    return f"{owner}{serial}{total % 11 % 10}"


def event_id(rng):
    return (f"urn:uuid:{rng.getrandbits(32):08x}-{rng.getrandbits(16):04x}-4{rng.getrandbits(12):03x}-"
            f"8{rng.getrandbits(12):03x}-{rng.getrandbits(48):012x}")


def epcis(events, created):
    return {"@context": CONTEXT, "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": created,
            "epcisBody": {"eventList": events}}


def time(day, hour, minute=0):
    return f"2026-{3 + day // 28:02d}-{1 + day % 28:02d}T{hour:02d}:{minute:02d}:00.000+09:00"


def receiving_and_receipt(rng, warehouse, depositor, lots, bol, box, receipt, day, hour):
    """The warehouse's document: each lot received, then one receipt over all of them."""
    bay = f"https://id.gs1.org/414/{warehouse}/254/BAY-{rng.choice('ABCDEFGH')}{rng.randint(1, 9)}"
    events, lines, quantities = [], [], []
    for k, (epc_class, quantity, uom, hs) in enumerate(lots):
        event = {
            "type": "ObjectEvent", "eventTime": time(day, hour, k), "eventTimeZoneOffset": "+09:00", "eventID": event_id(rng),
            "quantityList": [{"epcClass": epc_class, "quantity": quantity, "uom": uom}],
            "action": "OBSERVE", "bizStep": "receiving", "disposition": "in_progress",
            "readPoint": {"id": f"https://id.gs1.org/414/{warehouse}/254/DOCK-{1 + k % 4}"}, "bizLocation": {"id": bay},
            "sourceList": [{"type": "owning_party", "source": f"https://id.gs1.org/417/{depositor}"}],
            "destinationList": [{"type": "location", "destination": f"https://id.gs1.org/414/{warehouse}"}],
            "bollard:hsCode": hs,
        }
        if bol:
            event["bizTransactionList"] = [{"type": "bol", "bizTransaction": f"urn:epcglobal:cbv:bt:{warehouse}:{bol}"}]
        if box:
            event["bollard:container"] = f"urn:epc:id:bic:{box}"
        events.append(event)
        lines.append({"bollard:lot": epc_class, "bollard:quantity": f"{quantity:.3f}", "bollard:uom": uom})
        quantities.append({"epcClass": epc_class, "quantity": quantity, "uom": uom})
    events.append({
        "type": "TransactionEvent", "eventTime": time(day, hour, 30), "eventTimeZoneOffset": "+09:00",
        "quantityList": quantities, "action": "ADD", "bizStep": "https://ns.bollard.dev/epcis/bizstep/receipt_issuing",
        "bizLocation": {"id": bay},
        "bizTransactionList": [{"type": "https://ns.bollard.dev/epcis/btt/warehouse_receipt",
                                "bizTransaction": f"urn:epcglobal:cbv:bt:{warehouse}:{receipt}"}],
        "bollard:depositor": f"gln:{depositor}", "bollard:receiptLine": lines,
    })
    return epcis(events, time(day, hour, 45))


def shipment(n, rng):
    """The three documents of shipment n: [(stem, submitter, document)], and its lot numbers."""
    commodity, hs, producer, gtin, uom, (lo, hi) = COMMODITIES[n % len(COMMODITIES)]
    warehouse = WAREHOUSES[n % len(WAREHOUSES)]
    day = n % 200
    box = container(n)
    bol = f"HDLN26B{n:07d}"
    lot_numbers = [f"{commodity[:2].upper()}26-{n:06d}-{k:02d}" for k in range(rng.randint(5, 10))]
    lots = [(f"urn:epc:class:lgtin:{gtin}.{lot}", round(rng.uniform(lo, hi), 3), uom, hs) for lot in lot_numbers]
    site = f"https://id.gs1.org/414/{producer}"
    produced = [{
        "type": "ObjectEvent", "eventTime": time(day, 6, k), "eventTimeZoneOffset": "+09:00", "eventID": event_id(rng),
        "quantityList": [{"epcClass": epc_class, "quantity": quantity, "uom": uom}],
        "action": "ADD", "bizStep": "commissioning", "bizLocation": {"id": site},
        "ilmd": {"bollard:hsCode": hs, "bollard:baseMetalLot": {
            "bollard:metal": commodity, "bollard:grade": "A", "bollard:brand": "GCS" if producer.endswith("24") else "OPM",
            "bollard:lotNumber": lot, "bollard:bundles": str(rng.randint(8, 12)), "bollard:netWeight": f"{quantity:.3f}", "bollard:netWeightUOM": uom}},
    } for k, ((epc_class, quantity, uom, hs), lot) in enumerate(zip(lots, lot_numbers))]
    produced.append({
        "type": "AggregationEvent", "eventTime": time(day, 7), "eventTimeZoneOffset": "+09:00", "eventID": event_id(rng),
        "parentID": f"urn:epc:id:bic:{box}",
        "childQuantityList": [{"epcClass": c, "quantity": q, "uom": u} for c, q, u, _ in lots],
        "action": "ADD", "bizStep": "packing", "disposition": "container_closed", "bizLocation": {"id": site},
        "bizTransactionList": [{"type": "bol", "bizTransaction": f"urn:epcglobal:cbv:bt:{producer}:{bol}"}],
    })
    arrival = [{
        "type": "ObjectEvent", "eventTime": time(day, 9), "eventTimeZoneOffset": "+09:00", "eventID": event_id(rng),
        "epcList": [f"urn:epc:id:bic:{box}"], "action": "OBSERVE", "bizStep": "arriving", "disposition": "in_transit",
        "readPoint": {"id": f"https://id.gs1.org/414/{TERMINAL}"}, "bizLocation": {"id": f"https://id.gs1.org/414/{TERMINAL}"},
        "bizTransactionList": [{"type": "bol", "bizTransaction": f"urn:epcglobal:cbv:bt:{producer}:{bol}"}],
        "bollard:vesselIMO": "9314014", "bollard:vesselName": "MV HAEUNDAE STAR", "bollard:voyage": "026E",
        "bollard:carrierSCAC": "HDLN", "bollard:portOfDischarge": "KRPUS",
    }]
    receipt = f"WR-{warehouse[-3:]}-{n:07d}"
    docs = [
        (f"a-producer-{n:06d}", f"gln:{producer}", epcis(produced, time(day, 7, 30))),
        (f"b-terminal-{n:06d}", f"gln:{TERMINAL}", epcis(arrival, time(day, 9, 30))),
        (f"c-warehouse-{n:06d}", f"gln:{warehouse}",
         receiving_and_receipt(rng, warehouse, producer, lots, bol, box, receipt, day, 11)),
    ]
    return docs, lot_numbers, receipt, box


def post_document(m, rng):
    """A receipt document W1 posts during the load: one fresh lot (received with no prior arrival:
    accepted and flagged as a custody gap, like the story's stray bar)."""
    commodity, hs, producer, gtin, uom, (lo, hi) = COMMODITIES[m % len(COMMODITIES)]
    lot = f"{commodity[:2].upper()}26-P{m:07d}"
    lots = [(f"urn:epc:class:lgtin:{gtin}.{lot}", round(rng.uniform(lo, hi), 3), uom, hs)]
    return receiving_and_receipt(rng, POST_WAREHOUSE, producer, lots, None, None, f"WR-P-{m:07d}", m % 200, 13)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("lots", type=int)
    parser.add_argument("out")
    parser.add_argument("--posts", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    docs_dir = os.path.join(args.out, "docs")
    os.makedirs(docs_dir, exist_ok=True)
    lots, receipts, containers, story = [], [], [], []
    n = 0
    while len(lots) < args.lots:
        docs, numbers, receipt, box = shipment(n, rng)
        for stem, submitter, doc in docs:
            with open(os.path.join(docs_dir, stem + ".jsonld"), "w") as f:
                json.dump(doc, f, separators=(",", ":"))
                f.write("\n")
            story.append(f"{stem}\t{submitter}")
        lots += numbers
        receipts.append(receipt)
        containers.append(box)
        n += 1
    with open(os.path.join(docs_dir, "story.tsv"), "w") as f:
        f.write("# stem\tsubmitter (ops/bench/lot_documents.py)\n" + "\n".join(story) + "\n")
    for name, values in (("lots.txt", lots), ("receipts.txt", receipts), ("containers.txt", containers)):
        with open(os.path.join(args.out, name), "w") as f:
            f.write("\n".join(values) + "\n")
    if args.posts:
        with open(os.path.join(args.out, "posts.ndjson"), "w") as f:
            for m in range(args.posts):
                f.write(json.dumps(post_document(m, rng), separators=(",", ":")) + "\n")
    print(f"{len(lots)} lots in {n} shipments: {3 * n} documents in {docs_dir}, {args.posts} post documents")


if __name__ == "__main__":
    main()
