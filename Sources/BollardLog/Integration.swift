/// Everything one integration writes (step 2 of `TransparencyLog`'s append): the new and changed
/// tiles and entry bundles, the tree head that commits them, the journaled batches they cover,
/// and optionally the checkpoint signed for that head.
///
/// A store that can write it all at once (one database transaction) does so through
/// `TileStore.writeIntegration`: one durable write per integration instead of one per resource.
/// Ordering is what keeps a store without transactions crash-safe, so the default
/// implementation keeps it: resources first, then the tree head (the commit point), then the
/// journal records, then the checkpoint.
public struct Integration: Sendable {
    public var tiles: [(TileID, [UInt8])]
    public var bundles: [(EntryBundleID, [UInt8])]
    public var head: TreeHead
    /// First indices of the journaled batches (`SequencedBatch`) whose entries this integration
    /// covers; dropped once the head is written.
    public var integratedBatches: [UInt64]
    /// A tlog-checkpoint note for `head`, published with it; nil when none is due.
    public var checkpoint: [UInt8]?

    public init(tiles: [(TileID, [UInt8])], bundles: [(EntryBundleID, [UInt8])], head: TreeHead,
                integratedBatches: [UInt64], checkpoint: [UInt8]? = nil) {
        self.tiles = tiles
        self.bundles = bundles
        self.head = head
        self.integratedBatches = integratedBatches
        self.checkpoint = checkpoint
    }
}

extension TileStore {
    /// One resource at a time, in the crash-safe order (see `Integration`); tiles and bundles
    /// concurrently, as they are independent.
    public func writeIntegration(_ integration: Integration) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (id, bytes) in integration.bundles {
                group.addTask { try await self.writeEntryBundle(id, bytes) }
            }
            for (id, bytes) in integration.tiles {
                group.addTask { try await self.writeTile(id, bytes) }
            }
            try await group.waitForAll()
        }
        try await writeTreeHead(integration.head)
        for first in integration.integratedBatches { try await deleteSequencedBatch(firstIndex: first) }
        if let note = integration.checkpoint { try await writeCheckpoint(note) }
    }
}
