#!/usr/bin/env python3
"""Writes N warehouse-receipt documents in EPCIS 2.0 JSON-LD, one file each, for ops/bench/ingest.sh.

Usage: ops/bench/receipt_documents.py N OUTDIR [SEED]

Each document is what a bonded warehouse sends when a shipment is put away (the shape of
fixtures/busan/epcis/14-w2-receiving and 15-w2-receipts in one document): 5 to 10 lots, each
received by an ObjectEvent (bizStep receiving, the lot as an LGTIN quantity, the bill of lading
and container, the HS code as a bollard: extension), then one TransactionEvent (receipt_issuing) that
issues a warehouse receipt over all the lots, with one bollard:receiptLine per lot
(integrations/epcis/README.md). Receipt numbers and lot numbers are unique across the run, so
no document is refused. Python stdlib only; deterministic for a given seed.

OUTDIR/story.tsv names who submits each document (stem TAB party, as `bollard ingest` reads
it): the warehouse that issues the receipt, since a warehouse writes only for itself.
"""
import json
import os
import random
import sys

CONTEXT = ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"bollard": "https://ns.bollard.dev/epcis/"}]
WAREHOUSES = ["8801234000048", "8801234000055", "8801234000062", "8801234000079"]
DEPOSITORS = ["gln:8801234000017", "gln:8801234000024", "gln:8801234000086"]
# (commodity, HS code, GTIN company/item for the LGTIN, unit, quantity range)
COMMODITIES = [
    ("copper", "740311", "8801234.000002", "TNE", (23.0, 26.0)),
    ("aluminium", "760110", "8801234.000003", "TNE", (24.0, 26.5)),
    ("nickel", "750210", "8801234.000004", "TNE", (5.5, 6.5)),
    ("zinc", "790111", "8801234.000005", "TNE", (24.5, 25.5)),
]
CARRIER_PREFIXES = ["HSTU", "BDXU", "MSKU", "TGHU"]


def container(rng):
    # An ISO 6346 number with a correct check digit.
    owner = rng.choice(CARRIER_PREFIXES)
    serial = f"{rng.randint(0, 999999):06d}"
    values = {c: v for c, v in zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                                   [10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26, 27, 28, 29, 30, 31,
                                    32, 34, 35, 36, 37, 38])}
    total = sum((values[c] if c.isalpha() else int(c)) * (2 ** i) for i, c in enumerate(owner + serial))
    return f"{owner}{serial}{total % 11 % 10}"


def document(n, rng):
    warehouse = WAREHOUSES[n % len(WAREHOUSES)]
    commodity, hs, gtin, uom, (lo, hi) = COMMODITIES[n % len(COMMODITIES)]
    lots = rng.randint(5, 10)
    day = 1 + n % 28
    bol = f"HDLN26BUS{n:06d}"
    box = container(rng)
    bay = f"https://id.gs1.org/414/{warehouse}/254/BAY-{rng.choice('ABCDEFGH')}{rng.randint(1, 9)}"
    events, lines, quantities = [], [], []
    for k in range(lots):
        lot = f"{commodity[:2].upper()}26-{n:06d}-{k:02d}"
        epc_class = f"urn:epc:class:lgtin:{gtin}.{lot}"
        quantity = round(rng.uniform(lo, hi), 3)
        events.append({
            "type": "ObjectEvent",
            "eventTime": f"2026-03-{day:02d}T{8 + k:02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}.000+09:00",
            "eventTimeZoneOffset": "+09:00",
            "eventID": f"urn:uuid:{rng.getrandbits(32):08x}-{rng.getrandbits(16):04x}-4{rng.getrandbits(12):03x}-8{rng.getrandbits(12):03x}-{rng.getrandbits(48):012x}",
            "quantityList": [{"epcClass": epc_class, "quantity": quantity, "uom": uom}],
            "action": "OBSERVE",
            "bizStep": "receiving",
            "disposition": "in_progress",
            "readPoint": {"id": f"https://id.gs1.org/414/{warehouse}/254/DOCK-{1 + k % 4}"},
            "bizLocation": {"id": bay},
            "bizTransactionList": [
                {"type": "bol", "bizTransaction": f"urn:epcglobal:cbv:bt:{warehouse}:{bol}"},
            ],
            "sourceList": [{"type": "owning_party", "source": f"https://id.gs1.org/417/{DEPOSITORS[n % len(DEPOSITORS)][4:]}"}],
            "destinationList": [{"type": "location", "destination": f"https://id.gs1.org/414/{warehouse}"}],
            # The HS code as a user extension: ILMD belongs to the commissioning (ADD) event only
            # (EPCIS 2.0 §7.3.6), which happened at the producer.
            "bollard:hsCode": hs,
            "bollard:container": f"urn:epc:id:bic:{box}",
        })
        lines.append({"bollard:lot": epc_class, "bollard:quantity": f"{quantity:.3f}", "bollard:uom": uom})
        quantities.append({"epcClass": epc_class, "quantity": quantity, "uom": uom})
    events.append({
        "type": "TransactionEvent",
        "eventTime": f"2026-03-{day:02d}T{8 + lots:02d}:30:00.000+09:00",
        "eventTimeZoneOffset": "+09:00",
        "quantityList": quantities,
        "action": "ADD",
        "bizStep": "https://ns.bollard.dev/epcis/bizstep/receipt_issuing",
        "bizLocation": {"id": bay},
        "bizTransactionList": [{"type": "https://ns.bollard.dev/epcis/btt/warehouse_receipt",
                                "bizTransaction": f"urn:epcglobal:cbv:bt:{warehouse}:WR-{n:07d}"}],
        "bollard:depositor": DEPOSITORS[n % len(DEPOSITORS)],
        "bollard:receiptLine": lines,
    })
    return {
        "@context": CONTEXT,
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": f"2026-03-{day:02d}T{9 + lots:02d}:00:00.000+09:00",
        "epcisBody": {"eventList": events},
    }


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    count, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) == 4 else 1)
    os.makedirs(out, exist_ok=True)
    story = []
    for n in range(count):
        stem = f"receipt-{n:07d}"
        with open(os.path.join(out, stem + ".jsonld"), "w") as f:
            json.dump(document(n, rng), f, indent=1)
            f.write("\n")
        story.append(f"{stem}\tgln:{WAREHOUSES[n % len(WAREHOUSES)]}\n")
    with open(os.path.join(out, "story.tsv"), "w") as f:
        f.write("# stem\tsubmitter (the issuing warehouse)\n")
        f.writelines(story)


if __name__ == "__main__":
    main()
