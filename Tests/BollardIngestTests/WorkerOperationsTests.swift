import BollardCore
import BollardIngest
import BollardLog
import BollardStore
import Foundation
import Testing

/// A worker's operations on every backend: lease renewal during a long batch, conflict-retry
/// counting, and a graceful stop that finishes its snapshot and integration.
@Suite(.serialized)
struct WorkerOperationsTests {
    /// A batch that takes 5 s to apply under a 2 s lease keeps its leases (renewed every third of
    /// the lease): another worker claiming meanwhile gets nothing, and the batch commits on its
    /// first attempt.
    @Test(arguments: Backend.selected)
    func aLongBatchKeepsItsLeases(backend: Backend) async throws {
        try await withDatabase(backend) { try await longBatch($0, $1) }
    }

    func longBatch<S: Store>(_ store: S, _ db: Database) async throws {
        do {
            let docs = try Array(Busan.story().prefix(3))
            for d in docs { _ = try await submit(store, d.bytes, submitter: d.submitter, name: d.stem + ".jsonld") }
            var configuration = WorkerConfiguration(name: "slow", lease: .seconds(2), batchSize: 8)
            configuration.applyDelay = .seconds(5)
            let slow = Worker(store: store, signer: try TestKeys.signer(), configuration: configuration)
            let batch = Task { try await slow.processBatch() }

            let other = try await db.open()
            try await Task.sleep(for: .seconds(3))  // past the claim's own 2 s lease
            #expect(try await other.claim(worker: "other", lease: .seconds(30), limit: 8).isEmpty)
            try await other.close()

            let results = try await batch.value
            #expect(results.map(\.status) == [.applied, .applied, .applied])
            for r in results { #expect(try await store.job(JobID(r.jobID))?.attempts == 1) }
            let statistics = await slow.statistics
            #expect(statistics.leaseRenewals >= 2 && statistics.leasesLost == 0 && statistics.batches == 1, "\(statistics)")
        }
    }

    /// Two workers on two connections, the slow one applying its batch first. A backend-specific
    /// outcome: PostgreSQL holds the log's sequence while a worker applies (`commitSequenced`),
    /// so the fast one waits its turn and its records follow the slow one's, with no batch applied
    /// twice; SQLite (one writer process) does not, so the slow one's commit is overtaken by the
    /// fast one's, refused (`.conflict`), re-applied on the new state and counted.
    @Test(arguments: Backend.selected)
    func anOvertakenBatchWaitsItsTurnOrIsRetried(backend: Backend) async throws {
        try await withDatabase(backend) { try await overtakenBatch($0, $1, holdsSequence: backend == .postgres) }
    }

    func overtakenBatch<S: Store>(_ store: S, _ db: Database, holdsSequence: Bool) async throws {
        do {
            for i in 0..<4 {
                _ = try await submit(store, commissioning(i), submitter: "gln:8801234000017", name: "c\(i).jsonld")
            }
            var slowConfiguration = WorkerConfiguration(name: "slow", batchSize: 2)
            slowConfiguration.applyDelay = .seconds(1)
            let slow = Worker(store: store, signer: try TestKeys.signer(), configuration: slowConfiguration)
            let second = try #require(try await db.open() as? S)
            let fast = Worker(store: second, signer: try TestKeys.signer(), configuration: WorkerConfiguration(name: "fast", batchSize: 2))
            let slowBatch = Task { try await slow.processBatch() }
            // The slow worker claims the first two jobs and applies them (then pauses before its
            // commit); only then does the fast one claim the next two.
            let deadline = ContinuousClock.now + .seconds(10)
            while await slow.statistics.planningSeconds == 0, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            let fastResults = try await fast.processBatch()
            let slowResults = try await slowBatch.value
            #expect(fastResults.map(\.status) == [.applied, .applied])
            #expect(slowResults.map(\.status) == [.applied, .applied])
            if holdsSequence {
                #expect(await slow.statistics.conflictRetries == 0)
                #expect(slowResults.map(\.firstLogIndex) == [0, 2] && fastResults.map(\.firstLogIndex) == [4, 6])
            } else {
                #expect(await slow.statistics.conflictRetries >= 1)
                #expect(fastResults.map(\.firstLogIndex) == [0, 2] && slowResults.map(\.firstLogIndex) == [4, 6])
            }
            #expect(await fast.statistics.conflictRetries == 0)
            #expect(await slow.statistics.records + fast.statistics.records == 8)
            #expect(try await store.sequencedLogSize() == 8)
            try await second.close()
        }
    }

    /// A worker waiting for its turn replays the records committed meanwhile, so its turn only
    /// replays the holder's. PostgreSQL-specific (the sequence is held in turns, `commitSequenced`):
    /// a first worker commits 4 records; a slow one takes the turn and holds it 3 s; a third,
    /// fresh worker, waiting, has replayed the first one's 4 records before the slow one
    /// commits, and in its own turn replays only the slow one's 4. On SQLite nobody holds the
    /// sequence: the third commits first and the slow one is overtaken and re-applied.
    @Test(arguments: Backend.selected)
    func aWorkerWaitingForItsTurnReplaysTheCommitsMeanwhile(backend: Backend) async throws {
        try await withDatabase(backend) { try await waitingWorker($0, $1, holdsSequence: backend == .postgres) }
    }

    func waitingWorker<S: Store>(_ store: S, _ db: Database, holdsSequence: Bool) async throws {
        do {
            for i in 0..<6 {
                _ = try await submit(store, commissioning(i), submitter: "gln:8801234000017", name: "c\(i).jsonld")
            }
            let first = Worker(store: store, signer: try TestKeys.signer(), configuration: WorkerConfiguration(name: "first", batchSize: 2))
            #expect(try await first.processBatch().map(\.firstLogIndex) == [0, 2])

            var slowConfiguration = WorkerConfiguration(name: "slow", batchSize: 2)
            slowConfiguration.applyDelay = .seconds(3)
            let second = try #require(try await db.open() as? S)
            let slow = Worker(store: second, signer: try TestKeys.signer(), configuration: slowConfiguration)
            let slowBatch = Task { try await slow.processBatch() }
            let deadline = ContinuousClock.now + .seconds(10)
            while await slow.statistics.planningSeconds == 0, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            let third = try #require(try await db.open() as? S)
            let waiting = Worker(store: third, signer: try TestKeys.signer(), configuration: WorkerConfiguration(name: "waiting", batchSize: 2))
            let waitingBatch = Task { try await waiting.processBatch() }
            if holdsSequence {
                while await waiting.state.sequence < 4, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(10))
                }
                #expect(await waiting.state.sequence == 4, "the waiting worker did not replay the first one's records")
                #expect(await slow.statistics.batches == 0, "the slow worker committed before the check: no wait was observed")
            }
            let slowResults = try await slowBatch.value
            let waitingResults = try await waitingBatch.value
            #expect(slowResults.map(\.status) == [.applied, .applied] && waitingResults.map(\.status) == [.applied, .applied])
            let statistics = await waiting.statistics
            if holdsSequence {
                #expect(slowResults.map(\.firstLogIndex) == [4, 6] && waitingResults.map(\.firstLogIndex) == [8, 10])
                #expect(statistics.replayedRecords == 8 && statistics.conflictRetries == 0, "\(statistics)")
                #expect(await slow.statistics.conflictRetries == 0)
            } else {
                #expect(waitingResults.map(\.firstLogIndex) == [4, 6] && slowResults.map(\.firstLogIndex) == [8, 10])
                #expect(await slow.statistics.conflictRetries >= 1)
            }
            #expect(try await store.sequencedLogSize() == 12)
            try await second.close()
            try await third.close()
        }
    }

    /// Cancelling `run` (what SIGTERM's graceful shutdown does) while batches are in flight: the
    /// batch in hand commits, and the shutdown's snapshot and integration complete rather than
    /// failing with `CancellationError`.
    @Test(arguments: Backend.selected)
    func aCancelledWorkerFinishesItsSnapshotAndIntegration(backend: Backend) async throws {
        try await withDatabase(backend) { store, _ in try await cancelledWorker(store) }
    }

    func cancelledWorker<S: Store>(_ store: S) async throws {
        do {
            for d in try Busan.story() { _ = try await submit(store, d.bytes, submitter: d.submitter, name: d.stem + ".jsonld") }
            var configuration = WorkerConfiguration(name: "stopping", batchSize: 2, idleInterval: .milliseconds(10),
                                                    snapshotInterval: 65_536)
            configuration.applyDelay = .milliseconds(200)
            let w = Worker(store: store, signer: try TestKeys.signer(), configuration: configuration)
            let running = Task { await w.run() }
            let deadline = ContinuousClock.now + .seconds(60)
            while try await store.jobCounts()[.done, default: 0] < 3, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            running.cancel()
            let statistics = await running.value

            let counts = try await store.jobCounts()
            #expect(counts[.running, default: 0] == 0, "a claimed batch was left leased: \(counts)")
            #expect(counts[.queued, default: 0] > 0, "the worker was meant to stop mid-queue: \(counts)")
            let sequenced = try await store.sequencedLogSize()
            #expect(sequenced > 0)
            #expect(try await store.tiles.readTreeHead()?.size == sequenced)
            let checkpoint = try await store.tiles.readCheckpoint().flatMap(TransparencyLog<MemoryTileStore>.checkpointTreeSize)
            #expect(checkpoint == sequenced)
            #expect(try await StateLoader.snapshot(store).sequence == Int(sequenced), "the shutdown snapshot is missing or stale")
            #expect(statistics.batches >= 2 && statistics.applied + statistics.refused == counts[.done, default: 0] + counts[.rejected, default: 0])
        }
    }

    /// One worker alone applies each batch on top of the one being committed; three workers
    /// on three connections: on PostgreSQL they take turns on the log (`LogTurn`), each applying
    /// ahead in its turn, with no conflict; on SQLite each applies ahead while it finds itself
    /// alone and is overtaken by the others' commits (the batch applied ahead undone and applied
    /// again in its turn). Either way every document is applied exactly once, the records fill
    /// the log without a gap or an overlap, and the log replays to the same tables.
    @Test(arguments: Backend.selected)
    func batchesAppliedAheadOfACommitAreAppliedOnceAlsoWhenOvertaken(backend: Backend) async throws {
        try await withDatabase(backend) { try await appliedAhead($0, $1, takesTurns: backend == .postgres) }
    }

    func appliedAhead<S: Store>(_ store: S, _ db: Database, takesTurns: Bool) async throws {
        for i in 0..<24 { _ = try await submit(store, commissioning(i), submitter: "gln:8801234000017", name: "c\(i).jsonld") }
        let alone = Worker(store: store, signer: try TestKeys.signer(), configuration: WorkerConfiguration(name: "alone", batchSize: 2))
        let first = try await alone.drain()
        #expect(first.map(\.firstLogIndex) == (0..<24).map { UInt64(2 * $0) })
        let statistics = await alone.statistics
        #expect(statistics.appliedAhead >= 9 && statistics.conflictRetries == 0, "\(statistics)")

        for i in 24..<84 { _ = try await submit(store, commissioning(i), submitter: "gln:8801234000017", name: "c\(i).jsonld") }
        var stores: [S] = []
        for _ in 0..<3 { stores.append(try #require(try await db.open() as? S)) }
        let all = try await withThrowingTaskGroup(of: ([DocumentResult], WorkerStatistics).self) { group in
            for (n, s) in stores.enumerated() {
                group.addTask {
                    var configuration = WorkerConfiguration(name: "w\(n)", batchSize: 2)
                    configuration.batchesPerTurn = 2
                    let worker = Worker(store: s, signer: try TestKeys.signer(), configuration: configuration)
                    return (try await worker.drain(), await worker.statistics)
                }
            }
            var out: [([DocumentResult], WorkerStatistics)] = []
            for try await r in group { out.append(r) }
            return out
        }
        for s in stores { try await s.close() }
        let results = all.flatMap(\.0)
        #expect(results.count == 60 && results.allSatisfy { $0.status == .applied && $0.events == 2 })
        #expect(Set(results.map(\.jobID)).count == 60)
        let indices = results.compactMap(\.firstLogIndex).sorted()
        #expect(indices == (24..<84).map { UInt64(2 * $0) }, "records overlap or leave a gap")
        #expect(try await store.sequencedLogSize() == 168)
        #expect(try await store.jobCounts()[.done] == 84)
        let totals = all.map(\.1)
        if takesTurns {
            #expect(totals.map(\.conflictRetries).reduce(0, +) == 0, "\(totals)")
            #expect(totals.map(\.turnsTaken).reduce(0, +) >= 2 && totals.map(\.appliedAhead).reduce(0, +) >= 1, "\(totals)")
        } else {
            #expect(totals.allSatisfy { $0.turnsTaken == 0 })
        }

        let scratchDB = try await Database.make(.sqlite)
        let scratch = try await scratchDB.open()
        let report = try await LogReplay.audit(live: store, scratch: scratch, signer: try TestKeys.signer(), holder: "audit")
        #expect(report.isClean, "\(report.differences) \(report.replayFailure ?? "")")
        try await scratch.close()
        await scratchDB.cleanup()
    }

    static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// A commissioning document of two new bars, independent of every other.
    func commissioning(_ i: Int) -> [UInt8] {
        Array("""
            {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument",
             "schemaVersion":"2.0","creationDate":"2026-03-01T08:00:00.000+09:00","epcisBody":{"eventList":[
              {"type":"ObjectEvent","eventTime":"2026-03-01T08:\(Self.twoDigits(i / 60)):\(Self.twoDigits(i % 60)).000+09:00","eventTimeZoneOffset":"+09:00","action":"ADD",
               "bizStep":"commissioning","epcList":["urn:epc:id:sgtin:8801234.000017.W\(i)-1","urn:epc:id:sgtin:8801234.000017.W\(i)-2"],
               "bizLocation":{"id":"urn:epc:id:sgln:8801234.00001.0"}},
              {"type":"ObjectEvent","eventTime":"2026-03-01T08:\(Self.twoDigits(i / 60)):\(Self.twoDigits(i % 60)).000+09:00","eventTimeZoneOffset":"+09:00","action":"OBSERVE",
               "bizStep":"inspecting","epcList":["urn:epc:id:sgtin:8801234.000017.W\(i)-1"]}]}}
            """.utf8)
    }
}

/// Runs `body` with a store on a fresh database, closing and removing both afterwards.
func withDatabase(_ backend: Backend, _ body: (any Store, Database) async throws -> Void) async throws {
    let db = try await Database.make(backend)
    let store = try await db.open()
    do {
        try await body(store, db)
    } catch {
        try? await store.close()
        await db.cleanup()
        throw error
    }
    try await store.close()
    await db.cleanup()
}
