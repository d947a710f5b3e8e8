import BollardLog
import Foundation
import Testing

@testable import BollardStore

/// BollardLog's tile-store expectations against each database-backed `TileStore`: the same
/// tree, tiles and proofs as `MemoryTileStore` for random trees.
@Suite struct LogStoreTests {
    /// Appends entries `0 ..< total` in random batches through `TransparencyLog.append`.
    static func fill<T: TileStore>(_ log: TransparencyLog<T>, total: UInt64, maxBatch: Int, seed: UInt64) async throws {
        var rng = SeededRNG(seed: seed)
        var next: UInt64 = 0
        while next < total {
            let n = min(UInt64(Int.random(in: 1...maxBatch, using: &rng)), total - next)
            let result = try await log.append((next..<(next + n)).map(syntheticEntry))
            #expect(result.firstIndex == next)
            next += n
        }
    }

    static func compareProofs<A: TileStore, B: TileStore>(_ a: TransparencyLog<A>, _ b: TransparencyLog<B>, total: UInt64, seed: UInt64) async throws {
        #expect(await a.treeHead == b.treeHead)
        var rng = SeededRNG(seed: seed)
        for _ in 0..<25 {
            let size = UInt64.random(in: 1...total, using: &rng)
            let index = UInt64.random(in: 0..<size, using: &rng)
            let size1 = UInt64.random(in: 1...size, using: &rng)
            let root = try await b.rootHash(treeSize: size)
            #expect(try await a.rootHash(treeSize: size) == root)
            let proof = try await a.inclusionProof(index: index, treeSize: size)
            #expect(proof == (try await b.inclusionProof(index: index, treeSize: size)))
            try proof.verify(leafHash: RFC9162.leafHash(syntheticEntry(index)), root: root)
            let consistency = try await a.consistencyProof(size1: size1, size2: size)
            #expect(consistency == (try await b.consistencyProof(size1: size1, size2: size)))
            try consistency.verify(root1: try await b.rootHash(treeSize: size1), root2: root)
            #expect(try await a.entry(at: index) == syntheticEntry(index))
        }
    }

    func appendPath<S: Store>(_ store: S, seed: UInt64) async throws {
        let total: UInt64 = 1_500
        let log = try await TransparencyLog.open(store: store.tiles, signer: TestSigner())
        try await Self.fill(log, total: total, maxBatch: 300, seed: seed)
        let memory = try await TransparencyLog.open(store: MemoryTileStore(), signer: TestSigner())
        try await Self.fill(memory, total: total, maxBatch: 97, seed: seed + 1)
        // Reopened from the database alone.
        let reopened = try await TransparencyLog.open(store: store.tiles, signer: TestSigner())
        try await Self.compareProofs(reopened, memory, total: total, seed: seed + 2)
        #expect(try await store.tiles.readSequencedBatches().isEmpty)
        #expect(try await store.tiles.readCheckpoint() == TestSigner().signedCheckpoint(size: total, root: await memory.treeHead.rootHash))
        #expect(try await store.sequencedLogSize() == total)
    }

    @Test(arguments: TestBackend.selected)
    func transparencyLogOnTheDatabaseServesTheSameProofsAsMemory(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, _ in try await appendPath(store, seed: 41) }
    }

    func commitPath<S: Store>(_ store: S, db: TestDatabase) async throws {
        let total: UInt64 = 900
        var rng = SeededRNG(seed: 5)
        var next: UInt64 = 0
        var heads = [TreeHead]()
        while next < total {
            let n = min(UInt64(Int.random(in: 1...60, using: &rng)), total - next)
            let r = try await store.commit(StateChange(writes: [ProjectionWrite(.lots, key: "L\(next)", value: bytes("v"))],
                                                       logEntries: (next..<(next + n)).map(syntheticEntry)))
            #expect(r.firstLogIndex == next)
            next += n
            if Bool.random(using: &rng), let head = try await LogIntegration.integrate(store, signer: TestSigner(), holder: "w") {
                heads.append(head)
            }
        }
        // A second integrator on another connection while the first holds the lease gets nil.
        let peer = try await db.open()
        #expect(try await store.acquireLogWriter(holder: "a", lease: .seconds(30)))
        #expect(try await LogIntegration.integrate(peer, signer: TestSigner(), holder: "b") == nil)
        try await store.releaseLogWriter(holder: "a")
        let head = try #require(try await LogIntegration.integrate(peer, signer: TestSigner(), holder: "b"))
        #expect(head.size == total)
        try await peer.close()
        #expect(try await store.tiles.readSequencedBatches().isEmpty)

        let memory = try await TransparencyLog.open(store: MemoryTileStore(), signer: TestSigner())
        try await Self.fill(memory, total: total, maxBatch: 50, seed: 6)
        let log = try await TransparencyLog.open(store: store.tiles, signer: TestSigner())
        try await Self.compareProofs(log, memory, total: total, seed: 7)
        // Every intermediate head is consistent with the final tree.
        for h in heads {
            let proof = try await log.consistencyProof(size1: h.size, size2: total)
            try proof.verify(root1: h.rootHash, root2: head.rootHash)
        }
    }

    /// Entries sequenced by commits (in the state transaction) and integrated afterwards give
    /// the same tree as appends straight to memory.
    @Test(arguments: TestBackend.selected)
    func entriesSequencedInCommitsIntegrateToTheSameTree(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, db in try await commitPath(store, db: db) }
    }

    func immutability<S: Store>(_ store: S) async throws {
        let tiles = store.tiles
        let full = try TileID(level: 0, index: 3)
        try await tiles.writeTile(full, [1, 2, 3])
        try await tiles.writeTile(full, [1, 2, 3])
        let error = await #expect(throws: LogError.self) { try await tiles.writeTile(full, [9]) }
        #expect(error?.code == .immutableResourceChanged)
        #expect(try await tiles.readTile(full) == [1, 2, 3])
        let partial = try TileID(level: 0, index: 4, width: 5)
        try await tiles.writeTile(partial, [1])
        try await tiles.writeTile(partial, [2])
        #expect(try await tiles.readTile(partial) == [2])
        let bundle = try EntryBundleID(index: 0)
        try await tiles.writeEntryBundle(bundle, [7])
        await #expect(throws: LogError.self) { try await tiles.writeEntryBundle(bundle, [8]) }
        #expect(try await tiles.readEntryBundle(try EntryBundleID(index: 1)) == nil)

        // The tree head and checkpoint never move backwards (two integrators racing).
        let big = TreeHead(size: 10, rootHash: RFC9162.leafHash([1]))
        try await tiles.writeTreeHead(big)
        try await tiles.writeTreeHead(TreeHead(size: 4, rootHash: RFC9162.leafHash([2])))
        #expect(try await tiles.readTreeHead() == big)
        try await tiles.writeCheckpoint(TestSigner().signedCheckpoint(size: 10, root: big.rootHash))
        try await tiles.writeCheckpoint(TestSigner().signedCheckpoint(size: 4, root: big.rootHash))
        #expect(try await tiles.readCheckpoint() == TestSigner().signedCheckpoint(size: 10, root: big.rootHash))

        // A directly written batch must follow the sequence.
        await #expect(throws: LogError.self) {
            try await tiles.writeSequencedBatch(SequencedBatch(firstIndex: 5, entries: [[1]]))
        }
        try await tiles.writeSequencedBatch(SequencedBatch(firstIndex: 0, entries: [[1], [2]]))
        #expect(try await tiles.readSequencedBatches() == [SequencedBatch(firstIndex: 0, entries: [[1], [2]])])
        #expect(try await store.sequencedLogSize() == 2)
        try await tiles.deleteSequencedBatch(firstIndex: 0)
        #expect(try await tiles.readSequencedBatches().isEmpty)
    }

    @Test(arguments: TestBackend.selected)
    func fullResourcesAreImmutableHeadsNeverGoBack(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, _ in try await immutability(store) }
    }

    /// A crash between sequencing (the commit) and integration loses nothing: a new process
    /// integrates the journal; and a corrupted journal record is detected, not integrated.
    func crashRepair<S: Store>(_ store: S, db: TestDatabase) async throws {
        _ = try await store.commit(StateChange(logEntries: (0..<300).map(syntheticEntry)))
        // The "crash": the committing process dies before integrating.
        try await store.close()
        let restarted = try await db.open()
        let head = try #require(try await LogIntegration.integrate(restarted, signer: TestSigner(), holder: "new"))
        let memory = try await TransparencyLog.open(store: MemoryTileStore(), signer: TestSigner())
        _ = try await memory.append((0..<300).map(syntheticEntry))
        #expect(head == (await memory.treeHead))

        _ = try await restarted.commit(StateChange(logEntries: [bytes("next")]))
        let raw = try #require(restarted as? any RawSQLExecutable)
        try await raw.executeRaw("UPDATE log_journal SET bytes = log_head.bytes FROM log_head")
        let error = await #expect(throws: LogError.self) {
            try await LogIntegration.integrate(restarted, signer: TestSigner(), holder: "new")
        }
        #expect(error?.code == .corruptJournal)
        try await restarted.close()
    }

    @Test(arguments: TestBackend.selected)
    func journaledEntriesSurviveACrashBeforeIntegration(_ backend: TestBackend) async throws {
        let db = try await TestDatabase.make(backend)
        do {
            try await crashRepair(try await db.open(), db: db)
        } catch {
            await db.cleanup()
            throw error
        }
        await db.cleanup()
    }
}

/// `TileStore.writeIntegration` on the database stores: one transaction, all or nothing.
@Suite struct IntegrationWriteTests {
    func atomicity<S: Store>(_ store: S) async throws {
        _ = try await store.commit(StateChange(logEntries: (0..<300).map(syntheticEntry)))
        let head = try #require(try await LogIntegration.integrate(store, signer: TestSigner(), holder: "w"))
        #expect(head.size == 300)
        _ = try await store.commit(StateChange(logEntries: [bytes("next")]))
        let before = try await store.dumpAll()
        // A full tile already stored with other bytes refuses the whole integration: no tile,
        // bundle, head, checkpoint or journal change lands.
        let full = try TileID(level: 0, index: 0)
        let note = try TestSigner().signedCheckpoint(size: 301, root: RFC9162.leafHash([1]))
        let integration = Integration(
            tiles: [(try TileID(level: 0, index: 1, width: 45), [1, 2, 3]), (full, [9, 9, 9])],
            bundles: [(try EntryBundleID(index: 1, width: 46), [4, 5])],
            head: TreeHead(size: 301, rootHash: RFC9162.leafHash([1])),
            integratedBatches: [300],
            checkpoint: note)
        let error = await #expect(throws: LogError.self) { try await store.tiles.writeIntegration(integration) }
        #expect(error?.code == .immutableResourceChanged)
        #expect(try await store.dumpAll() == before)
        // The same integration with the tile's stored bytes is accepted, all of it.
        var good = integration
        good.tiles[1].1 = try #require(try await store.tiles.readTile(full))
        try await store.tiles.writeIntegration(good)
        #expect(try await store.tiles.readTreeHead() == good.head)
        #expect(try await store.tiles.readCheckpoint() == good.checkpoint)
        #expect(try await store.tiles.readSequencedBatches().isEmpty)
        #expect(try await store.tiles.readTile(try TileID(level: 0, index: 1, width: 45)) == [1, 2, 3])
        #expect(try await store.tiles.readEntryBundle(try EntryBundleID(index: 1, width: 46)) == [4, 5])
    }

    @Test(arguments: TestBackend.selected)
    func anIntegrationIsWrittenAllOrNothing(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, _ in try await atomicity(store) }
    }

    /// Batches journaled by several processes' commits are integrated by whichever process
    /// integrates next, in one pass with one checkpoint, into the tree appends would give.
    func otherProcessesBatches<S: Store>(_ store: S, db: TestDatabase) async throws {
        let peers = [try await db.open(), try await db.open()]
        var next: UInt64 = 0
        for round in 0..<30 {
            let n = UInt64(1 + round % 7)
            _ = try await peers[round % 2].commit(StateChange(logEntries: (next..<(next + n)).map(syntheticEntry)))
            next += n
        }
        for p in peers { try await p.close() }
        #expect(try await store.tiles.readSequencedBatches().count == 30)
        let head = try #require(try await LogIntegration.integrate(store, signer: TestSigner(), holder: "third"))
        let memory = try await TransparencyLog.open(store: MemoryTileStore(), signer: TestSigner())
        _ = try await memory.append((0..<next).map(syntheticEntry))
        #expect(head == (await memory.treeHead))
        #expect(try await store.tiles.readSequencedBatches().isEmpty)
        #expect(try await store.tiles.readCheckpoint() == TestSigner().signedCheckpoint(size: next, root: head.rootHash))
        let log = try await TransparencyLog.open(store: store.tiles, signer: TestSigner())
        try await LogStoreTests.compareProofs(log, memory, total: next, seed: 11)
    }

    @Test(arguments: TestBackend.selected)
    func batchesJournaledByOtherProcessesIntegrateInOnePass(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, db in try await otherProcessesBatches(store, db: db) }
    }
}

@Suite struct JournalCoalescingTests {
    @Test func contiguousRunsMergeUpToTheCap() {
        let b = { (first: UInt64, n: Int) in SequencedBatch(firstIndex: first, entries: (0..<n).map { [UInt8(truncatingIfNeeded: Int(first) + $0)] }) }
        let merges = JournalCoalescing.merges([b(0, 2), b(2, 3), b(5, 1), b(6, 4), b(20, 1), b(21, 1)], maxEntries: 6)
        #expect(merges.map(\.replaced) == [[0, 2, 5], [20, 21]])
        #expect(merges.first?.merged == SequencedBatch(firstIndex: 0, entries: b(0, 2).entries + b(2, 3).entries + b(5, 1).entries))
        #expect(JournalCoalescing.merges([b(0, 1)], maxEntries: 6).isEmpty)
    }

    /// Many small commits integrate as one batch: the journal is empty afterwards and the tree
    /// is the one appending the same entries gives.
    func manySmallCommits<S: Store>(_ store: S) async throws {
        for i in UInt64(0)..<120 { _ = try await store.commit(StateChange(logEntries: [syntheticEntry(i)])) }
        #expect(try await store.tiles.readSequencedBatches().count == 120)
        try await store.coalesceLogJournal()
        let journal = try await store.tiles.readSequencedBatches()
        #expect(journal == [SequencedBatch(firstIndex: 0, entries: (0..<120).map(syntheticEntry))])
        let head = try #require(try await LogIntegration.integrate(store, signer: TestSigner(), holder: "w"))
        let memory = try await TransparencyLog.open(store: MemoryTileStore(), signer: TestSigner())
        _ = try await memory.append((0..<120).map(syntheticEntry))
        #expect(head == (await memory.treeHead))
        #expect(try await store.tiles.readSequencedBatches().isEmpty)
    }

    @Test(arguments: TestBackend.selected)
    func smallCommitsIntegrateAsOneBatch(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, _ in try await manySmallCommits(store) }
    }
}
