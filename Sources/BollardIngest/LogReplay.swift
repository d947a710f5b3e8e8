import BollardCore
import BollardEPCIS
import BollardLog
import BollardStore

/// `bollard audit`: rebuilds a store from the log alone and compares it with the live one.
/// State is a projection of the log (DESIGN.md), so every row of the derived tables must come
/// back byte for byte; a row edited behind Bollard's back shows up with its table and key.
public enum LogReplay {
    public struct Report: Sendable {
        public var logSize: UInt64
        public var differences: [AuditDifference]
        /// Set when the log itself does not replay (a record the rules refuse).
        public var replayFailure: String?
        public var isClean: Bool { differences.isEmpty && replayFailure == nil }
    }

    /// Replays `live`'s log into `scratch` (an empty store) and compares the derived tables.
    /// Run it on a quiet store: a commit between the replay and the comparison shows up as a
    /// difference.
    public static func audit<L: Store, T: Store>(live: L, scratch: T, signer: any CheckpointSigning, holder: String,
                                                  chunk: Int = 2048) async throws -> Report {
        let deadline = ContinuousClock.now + .seconds(60)
        while try await !live.acquireLogWriter(holder: holder, lease: .seconds(120)) {
            guard ContinuousClock.now < deadline else { throw IngestError(.malformed, "another process holds the log-writer lease") }
            try await Task.sleep(for: .milliseconds(50))
        }
        let log: TransparencyLog<L.Tiles>
        do {
            try await live.coalesceLogJournal()
            log = try await TransparencyLog.open(store: live.tiles, signer: signer)
            try await live.releaseLogWriter(holder: holder)
        } catch {
            try? await live.releaseLogWriter(holder: holder)
            throw error
        }
        let size = await log.treeHead.size
        // The live snapshot is the state after its first `sequence` records: the replay writes
        // its own at the same point, so the two compare byte for byte like every other row.
        // One that does not decode, or claims more records than the log has, gets no
        // counterpart and is reported.
        var snapshotAt: UInt64?
        if let bytes = try await live.row(.stateSnapshot, key: StateProjection.snapshotKey),
           let state = try? StateProjection.state(snapshot: bytes), state.sequence > 0, UInt64(state.sequence) <= size {
            snapshotAt = UInt64(state.sequence)
        }
        var engine = ProvenanceEngine()
        var next: UInt64 = 0
        while next < size {
            var end = min(size, next + UInt64(chunk))
            if let at = snapshotAt, next < at, at < end { end = at }
            var change = StateChange(expectedLogSize: next)
            for index in next..<end {
                let leaf = try await log.entry(at: index)
                let (submitter, event) = try CustodyRecord.decode(leaf, index: index)
                let command: Command
                do {
                    command = try CommandInterpreter().command(for: event, position: "log entry \(index)")
                    try engine.apply(command, submitter: submitter)
                } catch {
                    return Report(logSize: size, differences: [], replayFailure: "log entry \(index): \(error)")
                }
                change.logEntries.append(leaf)
                change.writes.append(ProjectionWrite(.custodyEvents, key: StateProjection.eventKey(index), value: leaf, creates: true))
                change.index += StateProjection.indexEntries(event: event, command: command, index: index)
            }
            if end == snapshotAt {
                change.writes.append(ProjectionWrite(.stateSnapshot, key: StateProjection.snapshotKey,
                                                     value: try StateProjection.snapshot(engine.state)))
            }
            if end == size { change.writes += try StateProjection.allWrites(engine.state) }
            _ = try await scratch.commit(change)
            next = end
        }
        _ = try await LogIntegration.integrate(scratch, signer: signer, holder: holder)
        let differences = try await StoreAudit.compare(live, scratch).filter { !isEarlierPartialTile($0) }
        return Report(logSize: size, differences: differences, replayFailure: nil)
    }

    /// Each tree size the live log integrated left its own partial tiles and bundles
    /// (tlog-tiles `.p/<W>`), which depend on where the batches ended, not only on the entries;
    /// the replay integrates once and has only the final size's. Those extra rows are expected.
    /// Every full tile and bundle, and the final partial ones, must still match byte for byte.
    static func isEarlierPartialTile(_ d: AuditDifference) -> Bool {
        (d.table == .logTiles || d.table == .logBundles) && d.kind == .onlyInFirst && d.key.contains(".p/")
    }
}
