import BollardCore
import BollardEPCIS
import BollardStore

/// The engine state as of the log's sequenced size, from what the store holds: the latest
/// `state_snapshot` (the state after some prefix of the log), then the custody records after
/// it, replayed from `custody_events` as `bollard audit` replays them. The snapshot is only a
/// shortcut: every state row is a pure function of the log (DESIGN.md), and so is the snapshot
/// (the state after its own `sequence` entries), which is what lets the audit check it.
public enum StateLoader {
    /// Records fetched per round of catch-up.
    public static let chunk = 1024

    /// The latest snapshot's state, or an empty state when none was written.
    public static func snapshot(_ store: some Store) async throws -> ProvenanceState {
        guard let bytes = try await store.row(.stateSnapshot, key: StateProjection.snapshotKey) else { return ProvenanceState() }
        return try StateProjection.state(snapshot: bytes)
    }

    /// The state after every sequenced log entry.
    public static func load(_ store: some Store) async throws -> ProvenanceState {
        var engine = ProvenanceEngine(state: try await snapshot(store))
        let size = try await store.sequencedLogSize()
        while UInt64(engine.state.sequence) < size {
            let next = UInt64(engine.state.sequence)
            try apply(try await records(store, from: next, to: min(size, next + UInt64(chunk))), to: &engine)
        }
        return engine.state
    }

    /// One custody record read back from the store.
    public struct Record: Sendable {
        public var index: UInt64
        public var submitter: PartyID
        public var event: BollardCore.EPCISEvent
    }

    /// The custody records at log indices `from ..< to` (all sequenced, so all present), read
    /// in one range query.
    public static func records(_ store: some Store, from: UInt64, to: UInt64) async throws -> [Record] {
        guard from < to else { return [] }
        let rows = try await store.rows(.custodyEvents, from: StateProjection.eventKey(from), to: StateProjection.eventKey(to))
        for (offset, row) in rows.enumerated() where row.key != StateProjection.eventKey(from + UInt64(offset)) {
            throw IngestError(.malformed, position: "log entry \(from + UInt64(offset))", "sequenced but missing from custody_events")
        }
        guard rows.count == Int(to - from) else {
            throw IngestError(.malformed, position: "log entry \(from + UInt64(rows.count))", "sequenced but missing from custody_events")
        }
        return try await decode(rows, from: from)
    }

    /// Decodes consecutive records in parallel slices: a worker replays other workers' records
    /// while it holds the log's sequence, so this time is every worker's wait.
    static func decode(_ rows: [StoredRow], from: UInt64) async throws -> [Record] {
        let slice = 128
        guard rows.count > slice else { return try decode(rows[...], from: from) }
        return try await withThrowingTaskGroup(of: (Int, [Record]).self) { group in
            for start in stride(from: 0, to: rows.count, by: slice) {
                let part = rows[start..<min(rows.count, start + slice)]
                group.addTask { (start, try decode(part, from: from + UInt64(start))) }
            }
            var parts = [(Int, [Record])]()
            for try await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }

    private static func decode(_ rows: ArraySlice<StoredRow>, from: UInt64) throws -> [Record] {
        var out: [Record] = []
        out.reserveCapacity(rows.count)
        for (offset, row) in rows.enumerated() {
            let index = from + UInt64(offset)
            let (submitter, event) = try CustodyRecord.decode(row.value, index: index)
            out.append(Record(index: index, submitter: submitter, event: event))
        }
        return out
    }

    /// Applies records that continue the engine's state exactly where it stands.
    public static func apply(_ records: [Record], to engine: inout ProvenanceEngine) throws {
        let interpreter = CommandInterpreter()
        for r in records {
            guard r.index == UInt64(engine.state.sequence) else {
                throw IngestError(.malformed, position: "log entry \(r.index)", "the state stands at \(engine.state.sequence) entries")
            }
            do {
                let command = try interpreter.command(for: r.event, position: "log entry \(r.index)")
                try engine.apply(command, submitter: r.submitter)
            } catch {
                throw IngestError(.refused, position: "log entry \(r.index)", "the log does not replay: \(error)")
            }
        }
    }
}
