import BollardLedger
import BollardLog
import BollardStore

/// The store's latest signed checkpoint, for the `Anchorer`.
public struct StoreCheckpointSource<Tiles: TileStore>: CheckpointSource {
    public let tiles: Tiles
    public init(tiles: Tiles) { self.tiles = tiles }
    public func latestCheckpoint() async throws -> [UInt8]? { try await tiles.readCheckpoint() }
}
