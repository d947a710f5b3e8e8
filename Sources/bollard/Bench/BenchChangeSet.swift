import BollardCore
import BollardEPCIS
import BollardStore

/// The `StateChange` the provenance engine would produce for one warehouse-receipt document,
/// built from the document's real mapping (EPCIS 2.0 → Core events, DESIGN.md "Data flow") but
/// without the engine's in-memory state, which the benchmark's worker processes do not share:
///
/// - log entries: each event's RFC 8785 leaf (`JCS.encode`), as `bollard demo` logs them;
/// - writes: each event under its GS1 CBV 2.0 event hash in `custody_events`, each lot's and
///   the receipt's row;
/// - expectations: the lots and the receipt are absent (DESIGN.md rule 1: a receipt number is
///   never issued twice, a lot is on at most one live receipt);
/// - index: each event under its lots, receipt, bill of lading and date.
enum BenchChangeSet {
    static func change(for job: ClaimedJob, document: StoredDocument) throws -> StateChange {
        let name = document.metadata.filename ?? job.documentID.hex
        let mapped = try EPCISCoreMapper().map(document.bytes, fileName: name)
        let hashes = try EPCISEventHasher().hashes(documentBytes: document.bytes, fileName: name)
        var change = StateChange(job: job)
        var lots = Set<String>()
        var receipts = Set<String>()
        change.logEntries.reserveCapacity(mapped.events.count)
        for (i, mappedEvent) in mapped.events.enumerated() {
            let event = mappedEvent.event
            let leaf = try JCS.encode(event)
            let key = (hashes.indices.contains(i) ? hashes[i].hash : nil) ?? "\(job.documentID.hex)/\(i)"
            change.logEntries.append(leaf)
            change.writes.append(ProjectionWrite(.custodyEvents, key: key, value: leaf))
            change.index.append(IndexEntry(.date, String(event.eventTime.text.prefix(10)), eventKey: key))
            for q in event.quantityList {
                let lot = q.epcClass.description
                change.index.append(IndexEntry(.lot, lot, eventKey: key))
                if lots.insert(lot).inserted {
                    change.expectations.append(RowExpectation(.lots, key: lot, value: nil))
                    change.writes.append(ProjectionWrite(.lots, key: lot, value: Array(
                        #"{"lot":\#(jsonString(lot)),"quantity":\#(jsonString(q.quantity.map { "\($0)" } ?? "")),"receipt":\#(jsonString(document.id.hex))}"#.utf8)))
                }
            }
            for t in event.bizTransactionList {
                if t.bizTransaction.contains(":WR-") {
                    change.index.append(IndexEntry(.receipt, t.bizTransaction, eventKey: key))
                    if receipts.insert(t.bizTransaction).inserted {
                        change.expectations.append(RowExpectation(.receipts, key: t.bizTransaction, value: nil))
                        change.writes.append(ProjectionWrite(.receipts, key: t.bizTransaction, value: leaf))
                    }
                } else if t.type?.description == "bol" || t.bizTransaction.contains(":HDLN") {
                    change.index.append(IndexEntry(.billOfLading, t.bizTransaction, eventKey: key))
                }
            }
        }
        change.outcome = Array(#"{"document":"\#(job.documentID.hex)","events":\#(mapped.events.count)}"#.utf8)
        return change
    }

    /// A JSON string literal (RFC 8259 §7) for a value that came from a document.
    static func jsonString(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where u.value < 0x20: out += "\\u" + String(repeating: "0", count: 4 - String(u.value, radix: 16).count) + String(u.value, radix: 16)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}
