import Foundation
import Testing

@testable import BollardLog

/// The writer against both stores: tiles follow the tlog-tiles formula, proofs from tiles equal
/// proofs from stored hashes, and the file store serves the same proofs as memory.
struct TiledLogTests {
    /// Appends entries 0..<total in batches of random size; returns the reference tree.
    static func fill<S: TileStore>(_ log: TransparencyLog<S>, total: UInt64, maxBatch: Int, seed: UInt64) async throws -> StoredHashTree {
        var rng = SeededRNG(seed: seed)
        var tree = StoredHashTree()
        var next: UInt64 = 0
        while next < total {
            let n = min(UInt64(Int.random(in: 1...maxBatch, using: &rng)), total - next)
            let batch = (next..<(next + n)).map(syntheticEntry)
            let result = try await log.append(batch)
            #expect(result.firstIndex == next && result.count == Int(n))
            for e in batch { tree.append(entry: e) }
            #expect(result.treeHead == TreeHead(size: tree.size, rootHash: try tree.rootHash()))
            next += n
        }
        return tree
    }

    @Test func tilesAndBundlesFollowTheTileFormula() async throws {
        let store = MemoryTileStore()
        let log = try await TransparencyLog.open(store: store, signer: TestSigner())
        let total: UInt64 = 70_000
        let tree = try await Self.fill(log, total: total, maxBatch: 4000, seed: 7)
        #expect(await log.treeHead == TreeHead(size: total, rootHash: try tree.rootHash()))

        let tiles = await store.tiles
        let expected = TileLayout.tiles(treeSize: total)
        #expect(expected.count == 277)
        for tile in expected {
            let bytes = try #require(tiles[tile], "\(tile.path) missing")
            let want = (0..<UInt64(tile.width)).map {
                tree.hashes[Int(StoredHashes.index(level: 8 * tile.level, n: tile.index * 256 + $0))]
            }
            #expect(bytes == TileLayout.encode(want[...]), "\(tile.path)")
        }
        let bundles = await store.bundles
        for n in UInt64(0)...(total >> 8) {
            let id = try #require(TileLayout.entryBundle(index: n, treeSize: total))
            let entries = try EntryBundle.decode(try #require(bundles[id], "\(id.path) missing"))
            #expect(entries == (n * 256..<(n * 256 + UInt64(id.width))).map(syntheticEntry), "\(id.path)")
        }
        #expect(await store.journal.isEmpty)
        let checkpoint = try #require(await log.checkpoint())
        #expect(TransparencyLog<MemoryTileStore>.checkpointTreeSize(checkpoint) == total)
    }

    @Test func fileStoreProofsEqualMemoryStoreProofs() async throws {
        let directory = try temporaryDirectory("proofs")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let total: UInt64 = 20_000
        let fileLog = try await TransparencyLog.open(store: try FileTileStore(directory: directory), signer: TestSigner())
        let memoryLog = try await TransparencyLog.open(store: MemoryTileStore(), signer: TestSigner())
        let tree = try await Self.fill(fileLog, total: total, maxBatch: 3000, seed: 11)
        _ = try await Self.fill(memoryLog, total: total, maxBatch: 700, seed: 12)
        #expect(await fileLog.treeHead == memoryLog.treeHead)

        // Reopening reads everything back from files.
        let reopened = try await TransparencyLog.open(store: try FileTileStore(directory: directory), signer: TestSigner())
        #expect(await reopened.treeHead == memoryLog.treeHead)

        var rng = SeededRNG(seed: 99)
        for _ in 0..<60 {
            let size = UInt64.random(in: 1...total, using: &rng)
            let index = UInt64.random(in: 0..<size, using: &rng)
            let size1 = UInt64.random(in: 1...size, using: &rng)
            let root = try tree.rootHash(treeSize: size)
            #expect(try await reopened.rootHash(treeSize: size) == root)
            #expect(try await memoryLog.rootHash(treeSize: size) == root)

            let fromFile = try await reopened.inclusionProof(index: index, treeSize: size)
            #expect(fromFile == (try await memoryLog.inclusionProof(index: index, treeSize: size)))
            #expect(fromFile == (try tree.inclusionProof(index: index, treeSize: size)))
            try fromFile.verify(leafHash: RFC9162.leafHash(syntheticEntry(index)), root: root)

            let consistency = try await reopened.consistencyProof(size1: size1, size2: size)
            #expect(consistency == (try await memoryLog.consistencyProof(size1: size1, size2: size)))
            try consistency.verify(root1: try tree.rootHash(treeSize: size1), root2: root)

            #expect(try await reopened.entry(at: index) == syntheticEntry(index))
        }
        await #expect(throws: LogError.self) { try await reopened.entry(at: total) }
        await #expect(throws: LogError.self) { try await reopened.inclusionProof(index: 0, treeSize: total + 1) }

        // The files are laid out as tlog-tiles serves them.
        let fm = FileManager.default
        #expect(fm.fileExists(atPath: directory + "/checkpoint"))
        #expect(fm.fileExists(atPath: directory + "/tile/0/077"))
        #expect(fm.fileExists(atPath: directory + "/tile/0/078.p/32"))
        #expect(fm.fileExists(atPath: directory + "/tile/entries/078.p/32"))
        #expect(fm.fileExists(atPath: directory + "/tile/1/000.p/78"))
        #expect(try fm.contentsOfDirectory(atPath: directory + "/sequencer/journal").isEmpty)
    }

    @Test func groupedConcurrentAppendsGetDistinctIndices() async throws {
        let store = CrashingStore(MemoryTileStore())
        let log = try await TransparencyLog.open(store: store, signer: TestSigner(), maxGroupedEntries: 5)
        let indices = try await withThrowingTaskGroup(of: (UInt64, [UInt8]).self) { group in
            for i in 0..<64 {
                let entry = Array("concurrent-\(i)".utf8)
                group.addTask { (try await log.append(entry), entry) }
            }
            var out = [(UInt64, [UInt8])]()
            for try await r in group { out.append(r) }
            return out
        }
        #expect(Set(indices.map(\.0)) == Set(0..<64))
        for (index, entry) in indices {
            #expect(try await log.entry(at: index) == entry)
        }
        #expect(await log.treeHead.size == 64)
        // Batches start where the previous ended and never exceed the grouping limit.
        let starts = await store.mutations.compactMap { $0.hasPrefix("journal+") ? UInt64($0.dropFirst(8)) : nil }
        let ends = Array(starts.dropFirst()) + [64]
        #expect(starts.first == 0 && zip(starts, ends).allSatisfy { $1 > $0 && $1 - $0 <= 5 })
    }

    @Test func checkpointsArePerBatchOrPerIntervalNeverPerEntry() async throws {
        let everyBatch = CrashingStore(MemoryTileStore())
        let log = try await TransparencyLog.open(store: everyBatch, signer: TestSigner())
        #expect(await everyBatch.checkpointWrites == 1)  // the empty tree's checkpoint
        for b in 0..<5 { _ = try await log.append((0..<100).map { syntheticEntry(UInt64(b * 100 + $0)) }) }
        #expect(await everyBatch.checkpointWrites == 6)
        let note = try #require(await log.checkpoint())
        #expect(String(decoding: note, as: UTF8.self).hasPrefix("bollard.example/test-log\n500\n\(await log.treeHead.rootHash.base64)\n"))

        let timed = CrashingStore(MemoryTileStore())
        let slow = try await TransparencyLog.open(store: timed, signer: TestSigner(), policy: .interval(.seconds(3600)))
        for b in 0..<5 { _ = try await slow.append((0..<100).map { syntheticEntry(UInt64(b * 100 + $0)) }) }
        #expect(await timed.checkpointWrites == 1)
        #expect(await slow.checkpointSize == 0)
        try await slow.publishCheckpoint()
        #expect(await timed.checkpointWrites == 2)
        #expect(await slow.checkpointSize == 500)
        try await slow.publishCheckpoint()
        #expect(await timed.checkpointWrites == 2)  // nothing new to sign
    }

    @Test func badInputIsRefused() async throws {
        let log = try await TransparencyLog.open(store: MemoryTileStore(), signer: TestSigner())
        await #expect(throws: LogError(.entryTooLarge, "entry 1 of the batch is 65536 bytes; at most 65535")) {
            try await log.append([[1], [UInt8](repeating: 0, count: 65_536)])
        }
        let result = try await log.append([[UInt8](repeating: 7, count: 65_535)])
        #expect(result.firstIndex == 0)
        #expect(try await log.entry(at: 0).count == 65_535)
        let empty = try await log.append([[UInt8]]())
        #expect(empty.count == 0 && empty.treeHead.size == 1)
        await #expect(throws: LogError.self) { try await TransparencyLog.open(store: MemoryTileStore(), signer: FailingSigner()) }
    }

    @Test func fullTilesAreImmutablePartialTilesReplaceable() async throws {
        let directory = try temporaryDirectory("immutable")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let stores: [any TileStore] = [MemoryTileStore(), try FileTileStore(directory: directory)]
        let a = [UInt8](repeating: 1, count: 8192), b = [UInt8](repeating: 2, count: 8192)
        for store in stores {
            let full = try TileID(level: 0, index: 5)
            try await store.writeTile(full, a)
            try await store.writeTile(full, a)
            await #expect(throws: LogError.self) { try await store.writeTile(full, b) }
            #expect(try await store.readTile(full) == a)
            let partial = try TileID(level: 0, index: 6, width: 3)
            try await store.writeTile(partial, Array(a[..<96]))
            try await store.writeTile(partial, Array(b[..<96]))
            #expect(try await store.readTile(partial) == Array(b[..<96]))
            let bundle = try EntryBundleID(index: 1)
            try await store.writeEntryBundle(bundle, [0, 1, 9])
            await #expect(throws: LogError.self) { try await store.writeEntryBundle(bundle, [0, 1, 8]) }
            #expect(try await store.readTile(try TileID(level: 0, index: 7)) == nil)
        }
    }

    /// Each batch writes exactly the tiles Go's `NewTiles` names for the growth it causes: the
    /// full tiles it completes and each changed level's new partial tile, nothing else.
    @Test func eachBatchWritesExactlyTheNewTiles() async throws {
        let store = CrashingStore(MemoryTileStore())
        let log = try await TransparencyLog.open(store: store, signer: TestSigner())
        var rng = SeededRNG(seed: 3)
        var size: UInt64 = 0
        for _ in 0..<40 {
            let n = UInt64.random(in: 1...2000, using: &rng)
            let before = await store.mutations.count
            _ = try await log.append((size..<(size + n)).map(syntheticEntry))
            let written = await store.mutations[before...].filter { $0.hasPrefix("tile/") && !$0.hasPrefix("tile/entries/") }
            let want = TileLayout.newTiles(from: size, to: size + n).map(\.path)
            #expect(Set(written) == Set(want) && written.count == want.count, "batch \(size)..<\(size + n)")
            let grown = Set(TileLayout.tiles(treeSize: size + n)).subtracting(TileLayout.tiles(treeSize: size))
            #expect(Set(want) == Set(grown.map(\.path)))
            size += n
        }
    }

    /// The expanded-tile cache (with eviction forced by a tiny capacity) serves exactly the
    /// hashes a plain tile read does, for every stored hash of the tree.
    @Test func tileCacheServesTheSameHashes() async throws {
        let store = MemoryTileStore()
        let log = try await TransparencyLog.open(store: store, signer: TestSigner())
        let tree = try await Self.fill(log, total: 3000, maxBatch: 500, seed: 5)
        let indexes = (0..<UInt64(tree.hashes.count)).filter { StoredHashes.split($0).level < 16 }
        let plain = TileHashReader(store: store, treeSize: tree.size)
        let cached = TileHashReader(store: store, treeSize: tree.size, cache: TileCache(capacity: 2))
        let want = try await tree.readHashes(indexes)
        #expect(try await plain.readHashes(indexes) == want)
        #expect(try await cached.readHashes(indexes) == want)
        #expect(try await cached.readHashes(indexes.reversed()) == want.reversed())
    }

    /// tlog-tiles lets a log delete a partial tile once the full one exists: proofs for the
    /// older size then come from the full tile's prefix.
    @Test func deletedPartialTilesFallBackToTheFullTile() async throws {
        let store = MemoryTileStore()
        let log = try await TransparencyLog.open(store: store, signer: TestSigner())
        _ = try await log.append((UInt64(0)..<100).map(syntheticEntry))
        let root100 = await log.treeHead.rootHash
        _ = try await log.append((UInt64(100)..<300).map(syntheticEntry))
        await store.removeTile(try TileID(level: 0, index: 0, width: 100))
        // A log whose tree is 100 entries, reading tiles written for 300.
        let reader = TileHashReader(store: store, treeSize: 100)
        #expect(try await StoredHashes.treeHash(treeSize: 100, reader: reader) == root100)
        let proof = try await StoredHashes.inclusionProof(index: 42, treeSize: 100, reader: reader)
        try ProofVerification.verifyInclusion(leafHash: RFC9162.leafHash(syntheticEntry(42)), index: 42, treeSize: 100,
                                              proof: proof, root: root100)
    }

    @Test func entryBundleCodec() throws {
        let entries: [[UInt8]] = [[], [1, 2, 3], [UInt8](repeating: 9, count: 300)]
        let bytes = try EntryBundle.encode(entries)
        #expect(Array(bytes[0..<2]) == [0, 0] && Array(bytes[2..<5]) == [0, 3, 1] && Array(bytes[7..<9]) == [0x01, 0x2c])
        #expect(try EntryBundle.decode(bytes) == entries)
        #expect(throws: LogError.self) { try EntryBundle.decode(Array(bytes.dropLast())) }
        #expect(throws: LogError.self) { try EntryBundle.decode([0]) }
    }
}
