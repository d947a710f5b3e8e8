/// A `TileStore` in memory, for tests and benchmarks. It keeps every partial tile it was given
/// (each width is its own resource, as in tlog-tiles paths), so proofs can be served for any
/// earlier tree size.
public actor MemoryTileStore: TileStore {
    public private(set) var tiles: [TileID: [UInt8]] = [:]
    public private(set) var bundles: [EntryBundleID: [UInt8]] = [:]
    public private(set) var checkpoint: [UInt8]?
    public private(set) var treeHead: TreeHead?
    public private(set) var journal: [UInt64: SequencedBatch] = [:]

    public init() {}

    public func readTile(_ id: TileID) -> [UInt8]? { tiles[id] }

    public func writeTile(_ id: TileID, _ bytes: [UInt8]) throws {
        if !id.isPartial, let old = tiles[id], old != bytes {
            throw LogError(.immutableResourceChanged, "full tile \(id.path) already holds different bytes")
        }
        tiles[id] = bytes
    }

    public func readEntryBundle(_ id: EntryBundleID) -> [UInt8]? { bundles[id] }

    public func writeEntryBundle(_ id: EntryBundleID, _ bytes: [UInt8]) throws {
        if !id.isPartial, let old = bundles[id], old != bytes {
            throw LogError(.immutableResourceChanged, "full entry bundle \(id.path) already holds different bytes")
        }
        bundles[id] = bytes
    }

    public func readCheckpoint() -> [UInt8]? { checkpoint }
    public func writeCheckpoint(_ note: [UInt8]) { checkpoint = note }

    public func readTreeHead() -> TreeHead? { treeHead }
    public func writeTreeHead(_ head: TreeHead) { treeHead = head }

    public func writeSequencedBatch(_ batch: SequencedBatch) { journal[batch.firstIndex] = batch }
    public func readSequencedBatches() -> [SequencedBatch] {
        journal.values.sorted { $0.firstIndex < $1.firstIndex }
    }
    public func deleteSequencedBatch(firstIndex: UInt64) { journal[firstIndex] = nil }

    /// Removes a resource, to simulate loss or a write that never happened.
    public func removeTile(_ id: TileID) { tiles[id] = nil }
    public func replaceTile(_ id: TileID, _ bytes: [UInt8]) { tiles[id] = bytes }
}

extension TransparencyLog where Store == MemoryTileStore {
    /// A log held entirely in memory: for tests, benchmarks and dry runs.
    public static func inMemory(
        signer: any CheckpointSigning, policy: CheckpointPolicy = .everyBatch
    ) async throws -> TransparencyLog {
        try await open(store: MemoryTileStore(), signer: signer, policy: policy)
    }
}
