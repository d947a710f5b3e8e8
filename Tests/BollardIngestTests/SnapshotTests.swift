import BollardCore
import BollardIngest
import BollardLog
@testable import BollardStore
import Foundation
import Testing

/// The whole-state snapshot is written now and then, not per batch: a worker or a query resumes
/// from it and the records after it, and the audit checks it like any other row.
@Suite(.serialized)
struct SnapshotTests {
    /// However the log is cut into batches (by any number of workers), each boundary
    /// interval·2ᵏ is crossed by exactly one batch, and no batch writes a snapshot otherwise.
    @Test func eachSnapshotBoundaryIsCrossedByExactlyOneBatch() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var cuts = [0]
            while let last = cuts.last, last < 5_000 { cuts.append(last + Int.random(in: 1...300, using: &generator)) }
            let end = cuts[cuts.count - 1]
            let boundaries = (0..<20).map { 40 << $0 }.filter { $0 <= end }
            let due = zip(cuts, cuts.dropFirst()).filter { Worker<SQLiteStore>.snapshotDue(from: $0, to: $1, interval: 40) }
            // A batch may cross several boundaries at once; it writes one snapshot for them all.
            #expect(due.allSatisfy { batch in boundaries.contains { batch.0 < $0 && $0 <= batch.1 } })
            for boundary in boundaries {
                #expect(due.filter { $0.0 < boundary && boundary <= $0.1 }.count == 1)
            }
        }
        #expect(!Worker<SQLiteStore>.snapshotDue(from: 0, to: 39, interval: 40))
        #expect(Worker<SQLiteStore>.snapshotDue(from: 39, to: 40, interval: 40))
        #expect(!Worker<SQLiteStore>.snapshotDue(from: 40, to: 79, interval: 40))
        #expect(Worker<SQLiteStore>.snapshotDue(from: 100, to: 200, interval: 40))
        #expect(!Worker<SQLiteStore>.snapshotDue(from: 161, to: 319, interval: 40))
    }

    @Test(arguments: Backend.selected)
    func aFreshWorkerResumesFromTheSnapshotAndTheRecordsAfterIt(backend: Backend) async throws {
        let db = try await Database.make(backend)
        let scratchDB = try await Database.make(.sqlite)
        let store = try await db.open()
        let scratch = try await scratchDB.open()
        do {
            try await resume(store, scratch: scratch)
        } catch {
            try? await store.close()
            await db.cleanup()
            throw error
        }
        try await scratch.close()
        await scratchDB.cleanup()
        try await store.close()
        await db.cleanup()
    }

    func resume<S: Store>(_ store: S, scratch: some Store) async throws {
        let story = try Busan.story()
        for d in story.prefix(9) { _ = try await submit(store, d.bytes, submitter: d.submitter, name: d.stem + ".jsonld") }
        let first = Worker(store: store, signer: try TestKeys.signer(),
                           configuration: WorkerConfiguration(name: "snapshots", batchSize: 2, snapshotInterval: 5))
        let early = try await first.drain()
        let size = try await store.sequencedLogSize()
        let bytes = try #require(try await store.row(.stateSnapshot, key: StateProjection.snapshotKey))
        let snapshot = try StateProjection.state(snapshot: bytes)
        #expect(snapshot.sequence > 0 && UInt64(snapshot.sequence) <= size)

        // The rest of the story with another worker, which starts from the snapshot: the
        // refusals that depend on earlier receipts (rules 1 and 2) still happen.
        for d in story.dropFirst(9) { _ = try await submit(store, d.bytes, submitter: d.submitter, name: d.stem + ".jsonld") }
        let second = try worker(store, name: "resumed", batch: 8)
        let late = try await second.drain()
        let results = early + late
        #expect(results.filter { $0.status == DocumentResult.Status.applied }.count == 19)
        #expect(results.filter { $0.status == DocumentResult.Status.refused }.map { $0.error?.rule }
                == ["uniqueReceiptNumber", "oneLiveReceiptPerLot", "submitterAuthority", "singleEncumbrance"])
        #expect(try await store.sequencedLogSize() == 122)
        let loaded = try await StateLoader.load(store)
        #expect(loaded.sequence == 122)
        #expect(loaded == (await second.state))

        let report = try await LogReplay.audit(live: store, scratch: scratch, signer: try TestKeys.signer(), holder: "audit")
        #expect(report.isClean, "\(report.differences) \(report.replayFailure ?? "")")

        // A snapshot edited behind Bollard's back is named like any other row.
        let raw = try #require(store as? any RawSQLExecutable)
        try await raw.executeRaw("UPDATE p_state_snapshot SET value = value || 'x' WHERE key = 'engine'")
        let rescratchDB = try await Database.make(.sqlite)
        let rescratch = try await rescratchDB.open()
        let tampered = try await LogReplay.audit(live: store, scratch: rescratch, signer: try TestKeys.signer(), holder: "audit")
        #expect(tampered.differences.map(\.description) == ["p_state_snapshot [engine]: onlyInFirst"])
        try await rescratch.close()
        await rescratchDB.cleanup()
    }
}
