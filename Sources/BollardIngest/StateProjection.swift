import BollardCore
import BollardStore
import Foundation

/// The state tables as a pure function of the engine's state, and the custody index as a pure
/// function of each log entry. A worker writes the rows that differ between the state before
/// and after a batch; `bollard audit` writes every row of the replayed state. Both give the
/// same bytes, which is what lets the audit compare the two stores row by row (DESIGN.md:
/// "replaying the log must rebuild every table byte for byte").
///
/// Rows: `lots` by EPC URI, `receipts` by `warehouse/number`, `bindings` (receipts backing a
/// token now) and `pledges` (receipts pledged to a lender now) by receipt key,
/// `discrepancies` by `discrepancy/NNNNNNNN` and `custody-gap/NNNNNNNN` (engine order),
/// `custody_events` by the 16-digit log index, and `state_snapshot["engine"]`, the whole state
/// after some prefix of the log (written now and then, see `StateLoader`), from which a worker
/// or a query resumes by replaying the log after it. Values are RFC 8785 JSON, the snapshot's
/// too (the whole state, which `JSONDecoder` reads back).
public enum StateProjection {
    public static let snapshotKey = "engine"

    public static func eventKey(_ index: UInt64) -> String {
        let digits = String(index)
        return String(repeating: "0", count: max(0, 16 - digits.count)) + digits
    }

    /// The state's RFC 8785 form (`ProvenanceState: JCSEncodable`), which `JSONDecoder` reads
    /// back (`state(snapshot:)`), as it reads snapshots written before by `JSONEncoder`.
    public static func snapshot(_ state: ProvenanceState) throws -> [UInt8] {
        var writer = JCSWriter(reservingCapacity: 1024 + 2048 * state.events.count)
        try state.writeJCS(to: &writer)
        return writer.bytes
    }

    public static func state(snapshot: [UInt8]) throws -> ProvenanceState {
        try JSONDecoder().decode(ProvenanceState.self, from: Data(snapshot))
    }

    /// Every state row of `state` (all tables but `custody_events` and `state_snapshot`).
    public static func allWrites(_ state: ProvenanceState) throws -> [ProjectionWrite] {
        try writes(from: ProvenanceState(policy: state.policy), to: state)
    }

    /// The rows that differ between two states, by comparing every lot and receipt: for the
    /// audit's full rebuild. A worker uses `writes(_:to:)`, whose cost is what its batch changed.
    public static func writes(from before: ProvenanceState, to after: ProvenanceState) throws -> [ProjectionWrite] {
        var out: [ProjectionWrite] = []
        for (epc, lot) in after.lots where before.lots[epc] != lot {
            out.append(ProjectionWrite(.lots, key: epc.uri, value: try JCSWriter.encode(lot), creates: before.lots[epc] == nil))
        }
        for epc in before.lots.keys where after.lots[epc] == nil {
            out.append(ProjectionWrite(.lots, key: epc.uri, value: nil))
        }
        for (key, receipt) in after.receipts where before.receipts[key] != receipt {
            try appendReceipt(key, before.receipts[key], receipt, into: &out)
        }
        for key in before.receipts.keys where after.receipts[key] == nil {
            try appendReceipt(key, before.receipts[key], nil, into: &out)
        }
        try appendList(before.discrepancies, after.discrepancies, prefix: "discrepancy/", into: &out)
        try appendList(before.custodyGaps, after.custodyGaps, prefix: "custody-gap/", into: &out)
        return out
    }

    /// The rows that changed since the engine's journal began (`ProvenanceEngine.changes`): the
    /// same rows `writes(from:to:)` gives for the state before and after, found from the
    /// journaled keys alone. Discrepancies and custody gaps are append-only lists.
    public static func writes(_ delta: StateDelta, to after: ProvenanceState) throws -> [ProjectionWrite] {
        var out: [ProjectionWrite] = []
        for (epc, before) in delta.lots {
            let lot = after.lots[epc]
            if lot != before {
                out.append(ProjectionWrite(.lots, key: epc.uri, value: try lot.map { try JCSWriter.encode($0) }, creates: before == nil))
            }
        }
        for (key, before) in delta.receipts {
            let receipt = after.receipts[key]
            if receipt != before { try appendReceipt(key, before, receipt, into: &out) }
        }
        // Append-only lists: the rows past the counts before are new.
        for i in min(delta.discrepancies, after.discrepancies.count)..<after.discrepancies.count {
            out.append(ProjectionWrite(.discrepancies, key: "discrepancy/" + eventKey(UInt64(i)),
                                       value: try JCSWriter.encode(after.discrepancies[i]), creates: true))
        }
        for i in min(delta.custodyGaps, after.custodyGaps.count)..<after.custodyGaps.count {
            out.append(ProjectionWrite(.discrepancies, key: "custody-gap/" + eventKey(UInt64(i)),
                                       value: try JCSWriter.encode(after.custodyGaps[i]), creates: true))
        }
        return out
    }

    /// A receipt's row, and its binding and pledge rows when those change; each `creates` when
    /// the state before had none.
    private static func appendReceipt(_ key: ReceiptKey, _ old: WarehouseReceipt?, _ new: WarehouseReceipt?,
                                      into out: inout [ProjectionWrite]) throws {
        out.append(ProjectionWrite(.receipts, key: key.description, value: try new.map { try JCSWriter.encode($0) }, creates: old == nil))
        let (oldBinding, newBinding) = (try binding(old), try binding(new))
        if oldBinding != newBinding {
            out.append(ProjectionWrite(.bindings, key: key.description, value: newBinding, creates: oldBinding == nil))
        }
        let (oldPledge, newPledge) = (try pledge(old), try pledge(new))
        if oldPledge != newPledge {
            out.append(ProjectionWrite(.pledges, key: key.description, value: newPledge, creates: oldPledge == nil))
        }
    }

    /// `{"token":"BGLD"}` while the receipt backs a token.
    static func binding(_ receipt: WarehouseReceipt?) throws -> [UInt8]? {
        guard let receipt, receipt.state == .pledged, case .token = receipt.encumbrance, let e = receipt.encumbrance else { return nil }
        return try JCSWriter.encode(e)
    }

    /// `{"lender":"…"}` while the receipt is pledged to a lender.
    static func pledge(_ receipt: WarehouseReceipt?) throws -> [UInt8]? {
        guard let receipt, receipt.state == .pledged, case .lender = receipt.encumbrance, let e = receipt.encumbrance else { return nil }
        return try JCSWriter.encode(e)
    }

    private static func appendList<T: JCSEncodable & Equatable>(_ before: [T], _ after: [T], prefix: String,
                                                             into out: inout [ProjectionWrite]) throws {
        for (i, item) in after.enumerated() where i >= before.count || before[i] != item {
            out.append(ProjectionWrite(.discrepancies, key: prefix + eventKey(UInt64(i)), value: try JCSWriter.encode(item),
                                       creates: i >= before.count))
        }
        if before.count > after.count {
            for i in after.count..<before.count {
                out.append(ProjectionWrite(.discrepancies, key: prefix + eventKey(UInt64(i)), value: nil))
            }
        }
    }

    /// The custody index rows of the event logged at `index` (the queries of DESIGN.md "Who
    /// uses it": by lot, container, bill of lading, receipt, HS code and UTC date).
    public static func indexEntries(event: EPCISEvent, command: Command?, index: UInt64) -> [IndexEntry] {
        let key = eventKey(index)
        var out: [IndexEntry] = []
        for epc in event.allObjects {
            out.append(IndexEntry(.lot, epc.uri, eventKey: key))
            if let container = containerCode(epc.uri) {
                out.append(IndexEntry(.container, container, eventKey: key))
            }
        }
        for bl in event.bizTransactions(ofType: .billOfLading) {
            out.append(IndexEntry(.billOfLading, lastComponent(bl), eventKey: key))
        }
        if let receipt = command.flatMap(receiptKey) {
            out.append(IndexEntry(.receipt, receipt.description, eventKey: key))
            out.append(IndexEntry(.receipt, receipt.number.value, eventKey: key))
        }
        if let hs = event.ilmd?.hsCode {
            out.append(IndexEntry(.hsCode, hs.description, eventKey: key))
        }
        out.append(IndexEntry(.date, utcDate(millisecondsSinceEpoch: event.eventTime.millisecondsSinceEpoch), eventKey: key))
        // Usually a handful of entries: a linear search dedups them without hashing every
        // string; an event with many objects takes the set.
        guard out.count <= 16 else {
            var seen = Set<IndexEntry>()
            return out.filter { seen.insert($0).inserted }
        }
        var unique: [IndexEntry] = []
        unique.reserveCapacity(out.count)
        for entry in out where !unique.contains(entry) { unique.append(entry) }
        return unique
    }

    static func receiptKey(_ command: Command) -> ReceiptKey? {
        switch command {
        case .issueReceipt(let c): c.receipt
        case .closeReceipt(let c): c.receipt
        case .pledgeReceipt(let c): c.receipt
        case .bindReceipt(let c): c.receipt
        case .releaseEncumbrance(let c): c.receipt
        case .captureEvent, .defineToken, .reportInventory: nil
        }
    }

    private static func lastComponent(_ text: String) -> String {
        if isASCII(text) {
            // Bytes are characters: the same split without a `Character` view.
            guard let i = text.utf8.lastIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: ":") }) else { return text }
            return String(text[text.utf8.index(after: i)...])
        }
        guard let i = text.lastIndex(where: { $0 == "/" || $0 == ":" }) else { return text }
        return String(text[text.index(after: i)...])
    }

    /// What follows the first `:bic:` (an ISO 6346 container's EPC, `urn:epc:id:bic:…`).
    private static func containerCode(_ uri: String) -> String? {
        if isASCII(uri), let found = uri.utf8.withContiguousStorageIfAvailable({ bytes -> String? in
            // Bytes are characters in ASCII text: a byte search finds what `range(of:)` finds.
            let marker: StaticString = ":bic:"
            let m = UnsafeBufferPointer(start: marker.utf8Start, count: marker.utf8CodeUnitCount)
            guard bytes.count >= m.count else { return nil }
            for i in 0...(bytes.count - m.count) where bytes[i] == m[0] && bytes[i..<(i + m.count)].elementsEqual(m) {
                return String(decoding: bytes[(i + m.count)...], as: UTF8.self)
            }
            return nil
        }) {
            return found
        }
        return uri.range(of: ":bic:").map { String(uri[$0.upperBound...]) }
    }

    private static func isASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 < 0x80 }
    }

    /// `YYYY-MM-DD` of an instant, proleptic Gregorian, UTC (H. Hinnant's civil_from_days): the
    /// custody index's date dimension, and the HTTP lookups' date ranges.
    public static func utcDate(millisecondsSinceEpoch ms: Int64) -> String {
        var days = ms / 86_400_000
        if ms % 86_400_000 < 0 { days -= 1 }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func pad(_ v: Int64, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }
}
