import Foundation
import Testing

@testable import BollardLog

/// Crash safety of the writer: the store is left in every intermediate state a batch passes
/// through (by making each store operation in turn the last one that succeeds), then the log is
/// reopened on what was left. Nothing acknowledged may be lost, a journaled batch must be
/// integrated, and the result must equal a log that never crashed.
struct CrashRecoveryTests {
    static let firstBatch = (UInt64(0)..<250).map(syntheticEntry)
    /// Crosses level-0 tile and bundle boundaries and grows the level-1 tile.
    static let secondBatch = (UInt64(250)..<850).map(syntheticEntry)

    static func reference(_ count: Int) throws -> TreeHead {
        let tree = StoredHashTree.build(entries: (firstBatch + secondBatch).prefix(count))
        return TreeHead(size: tree.size, rootHash: try tree.rootHash())
    }

    /// Checks the reopened log: its size is one of the allowed ones, its root, entries and
    /// checkpoint agree, the journal is drained and the log keeps working.
    static func checkRecovered<S: TileStore>(_ base: S, allowed: Set<Int>, label: String) async throws {
        let log = try await TransparencyLog.open(store: base, signer: TestSigner())
        let head = await log.treeHead
        #expect(allowed.contains(Int(head.size)), "\(label): recovered size \(head.size), allowed \(allowed.sorted())")
        #expect(head == (try reference(Int(head.size))), "\(label)")
        #expect(try await base.readSequencedBatches().isEmpty, "\(label): journal not drained")
        let note = try #require(try await base.readCheckpoint())
        #expect(TransparencyLog<S>.checkpointTreeSize(note) == head.size, "\(label): checkpoint behind")
        for index in [UInt64(0), 249, 250, 511, 512, 849] where index < head.size {
            #expect(try await log.entry(at: index) == syntheticEntry(index), "\(label): entry \(index)")
            let proof = try await log.inclusionProof(index: index, treeSize: head.size)
            try proof.verify(leafHash: RFC9162.leafHash(syntheticEntry(index)), root: head.rootHash)
        }
        let more = try await log.append([Array("after-\(label)".utf8)])
        #expect(more.firstIndex == head.size)
    }

    /// Runs the second batch against `base` with a crash after `budget` operations. Returns
    /// whether the append was acknowledged and whether its journal record was written.
    static func crashSecondBatch<S: TileStore>(_ base: S, budget: Int) async throws -> (acknowledged: Bool, journaled: Bool, operations: Int) {
        let crashing = CrashingStore(base, budget: budget)
        let log = try await TransparencyLog.open(store: crashing, signer: TestSigner())
        let acknowledged: Bool
        do {
            _ = try await log.append(secondBatch)
            acknowledged = true
        } catch {
            acknowledged = false
        }
        let mutations = await crashing.mutations
        let journaled = mutations.contains("journal+250")
        if journaled && !acknowledged {
            // The instance that failed mid-batch refuses further work until reopened.
            await #expect(throws: LogError.self) { try await log.append([[1]]) }
        }
        return (acknowledged, journaled, mutations.count)
    }

    static func seeded<S: TileStore>(_ store: S) async throws -> S {
        let log = try await TransparencyLog.open(store: store, signer: TestSigner())
        _ = try await log.append(firstBatch)
        return store
    }

    @Test func everyCrashPointInMemory() async throws {
        let full = try await Self.crashSecondBatch(try await Self.seeded(MemoryTileStore()), budget: 1000)
        #expect(full.acknowledged)
        // journal, bundles and tiles, tree head, journal delete, checkpoint
        #expect(full.operations >= 8)
        for budget in 0...full.operations {
            let base = try await Self.seeded(MemoryTileStore())
            let run = try await Self.crashSecondBatch(base, budget: budget)
            if budget >= full.operations { #expect(run.acknowledged, "budget \(budget)") }
            if run.acknowledged { #expect(run.journaled, "budget \(budget)") }
            let allowed: Set<Int> = run.journaled ? [850] : [250]
            try await Self.checkRecovered(base, allowed: allowed, label: "memory crash after \(budget) writes")
        }
    }

    @Test func everyCrashPointOnDisk() async throws {
        let root = try temporaryDirectory("crash")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let full = try await Self.crashSecondBatch(
            try await Self.seeded(try FileTileStore(directory: root + "/full")), budget: 1000)
        #expect(full.acknowledged)
        let seed = try await Self.seeded(try FileTileStore(directory: root + "/seed"))
        for budget in 0...full.operations {
            try FileManager.default.copyItem(atPath: seed.directory, toPath: root + "/b\(budget)")
            let base = try FileTileStore(directory: root + "/b\(budget)")
            let run = try await Self.crashSecondBatch(base, budget: budget)
            let allowed: Set<Int> = run.journaled ? [850] : [250]
            try await Self.checkRecovered(
                try FileTileStore(directory: root + "/b\(budget)"), allowed: allowed, label: "disk crash after \(budget) writes")
        }
    }

    /// A crash during recovery itself, at every point, is repaired by the next recovery.
    @Test func crashDuringRecovery() async throws {
        let probe = try await Self.seeded(MemoryTileStore())
        _ = try await Self.crashSecondBatch(probe, budget: 1)  // journaled only
        let counting = CrashingStore(probe)
        _ = try await TransparencyLog.open(store: counting, signer: TestSigner())
        let recoveryOperations = await counting.mutations.count
        #expect(recoveryOperations >= 6)
        for budget in 0..<recoveryOperations {
            let base = try await Self.seeded(MemoryTileStore())
            _ = try await Self.crashSecondBatch(base, budget: 1)
            await #expect(throws: SimulatedCrash.self, "recovery budget \(budget)") {
                try await TransparencyLog.open(store: CrashingStore(base, budget: budget), signer: TestSigner())
            }
            try await Self.checkRecovered(base, allowed: [850], label: "recovery crash after \(budget) writes")
        }
    }

    @Test func leftoverTemporaryFilesAreIgnored() async throws {
        let directory = try temporaryDirectory("temp")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try await Self.seeded(try FileTileStore(directory: directory))
        for path in ["/sequencer/journal/.tmp-0000000000000fa.batch-x1", "/tile/0/.tmp-000-zz", "/tile/entries/.tmp-000.p-q"] {
            #expect(FileManager.default.createFile(atPath: directory + path, contents: Data([1, 2, 3])))
        }
        try await Self.checkRecovered(store, allowed: [250], label: "temp files")
    }

    @Test func corruptionIsDetectedOnOpen() async throws {
        // A partial tile that disagrees with the tree head.
        let bad = try await Self.seeded(MemoryTileStore())
        let partial = try TileID(level: 0, index: 0, width: 250)
        var bytes = try #require(await bad.readTile(partial))
        bytes[5] ^= 1
        await bad.replaceTile(partial, bytes)
        let mismatch = await #expect(throws: LogError.self) { try await TransparencyLog.open(store: bad, signer: TestSigner()) }
        #expect(mismatch?.code == .treeHeadMismatch)

        // A missing tile.
        let missing = try await Self.seeded(MemoryTileStore())
        await missing.removeTile(partial)
        let absent = await #expect(throws: LogError.self) { try await TransparencyLog.open(store: missing, signer: TestSigner()) }
        #expect(absent?.code == .missingTile)

        // A tile of the wrong length.
        let short = try await Self.seeded(MemoryTileStore())
        await short.replaceTile(partial, [UInt8](repeating: 0, count: 31))
        let truncated = await #expect(throws: LogError.self) { try await TransparencyLog.open(store: short, signer: TestSigner()) }
        #expect(truncated?.code == .corruptTile)

        // A partial entry bundle whose entries do not hash to the level-0 tile.
        let entries = try await Self.seeded(MemoryTileStore())
        let bundle = try EntryBundleID(index: 0, width: 250)
        var stored = try #require(await entries.readEntryBundle(bundle))
        stored[stored.count - 1] ^= 1
        try await entries.writeEntryBundle(bundle, stored)
        let wrongEntries = await #expect(throws: LogError.self) { try await TransparencyLog.open(store: entries, signer: TestSigner()) }
        #expect(wrongEntries?.code == .corruptEntryBundle)

        // A journal record whose checksum fails, and one that does not follow the tree.
        let directory = try temporaryDirectory("journal")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try await Self.seeded(try FileTileStore(directory: directory))
        let record = SequencedBatch(firstIndex: 250, entries: [[1, 2, 3]]).encoded
        var torn = record
        torn[torn.count - 40] ^= 0x80
        let path = store.journalPath(250)
        #expect(FileManager.default.createFile(atPath: path, contents: Data(torn)))
        let tornError = await #expect(throws: LogError.self) { try await TransparencyLog.open(store: store, signer: TestSigner()) }
        #expect(tornError?.code == .corruptJournal)
        try FileManager.default.removeItem(atPath: path)
        try await store.writeSequencedBatch(SequencedBatch(firstIndex: 300, entries: [[1]]))
        await #expect(throws: LogError(.corruptJournal, "journaled batch 300..<301 does not follow the tree of size 250")) {
            try await TransparencyLog.open(store: store, signer: TestSigner())
        }
    }

    @Test func sequencedBatchEncodingRoundTrips() throws {
        let batch = SequencedBatch(firstIndex: 1 << 40, entries: [[], [0xff], Array(repeating: 3, count: 70_000)])
        #expect(try SequencedBatch(decoding: batch.encoded, name: "t") == batch)
        #expect(throws: LogError.self) { try SequencedBatch(decoding: Array(batch.encoded.dropLast()), name: "t") }
        let head = TreeHead(size: 123_456_789, rootHash: RFC9162.emptyRoot)
        #expect(try TreeHead(decoding: head.encoded) == head)
    }
}

struct CheckpointFailureTests {
    /// Only the checkpoint write fails: the append is still acknowledged (its entries are
    /// integrated), the failure is reported, and the next batch publishes.
    @Test func failedCheckpointDoesNotFailTheAppend() async throws {
        let base = MemoryTileStore()
        let crashing = CrashingStore(base)
        let log = try await TransparencyLog.open(store: crashing, signer: TestSigner())
        let operationsPerBatch = 6  // journal, bundle, tile, tree head, journal delete, checkpoint
        await crashing.setBudget(operationsPerBatch - 1)
        let result = try await log.append([[1], [2]])
        #expect(result.treeHead.size == 2)
        #expect(await log.checkpointFailure is SimulatedCrash)
        #expect(await log.checkpointSize == 0)
        await crashing.setBudget(nil)
        _ = try await log.append([[3]])
        #expect(await log.checkpointFailure == nil)
        #expect(await log.checkpointSize == 3)
    }
}

extension CheckpointFailureTests {
    /// An append and an explicit checkpoint request served together: the checkpoint failing
    /// fails only the request, never the integrated append.
    @Test func failedRequestedCheckpointLeavesTheAppendAcknowledged() async throws {
        let crashing = CrashingStore(MemoryTileStore())
        let log = try await TransparencyLog.open(store: crashing, signer: TestSigner())
        // First batch: 6 operations with its checkpoint; second: 5 without; then the
        // requested checkpoint's write fails.
        await crashing.setBudget(11)
        await crashing.holdJournal()
        let first = Task { try await log.append([[0]]) }
        while await !crashing.isHolding { await Task.yield() }
        let appended = Task { try await log.append([[1], [2], [3]]) }
        let requested = Task { try await log.publishCheckpoint() }
        while await log.queued != (1, 1) { await Task.yield() }
        await crashing.release()
        #expect(try await first.value.indices == 0..<1)
        let result = try await appended.value
        #expect(result.indices == 1..<4)
        await #expect(throws: SimulatedCrash.self) { try await requested.value }
        #expect(await log.treeHead.size == 4)
        #expect(await log.checkpointSize == 1)
    }
}
