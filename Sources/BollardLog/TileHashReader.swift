/// Serves stored hashes (and so any root or proof, via `StoredHashes`) from C2SP tiles, the way
/// Go's `tlog.TileHashReader` does: a stored hash at level 8l+k is the root of 2^k consecutive
/// hashes of a level-l tile, so at most one tile per level is read for a proof, about
/// log₂₅₆(n) reads.
///
/// `treeSize` is the size the tiles were written for (the store's integrated size); proofs for
/// any smaller size are served from the same tiles, since a tile's hashes never change as the
/// tree grows.
public struct TileHashReader<Store: TileStore>: HashReader {
    public let store: Store
    public let treeSize: UInt64

    public init(store: Store, treeSize: UInt64) {
        self.store = store
        self.treeSize = treeSize
    }

    public func readHashes(_ indexes: [UInt64]) async throws -> [MerkleHash] {
        var cache: [TileID: [MerkleHash]] = [:]
        var out = [MerkleHash]()
        out.reserveCapacity(indexes.count)
        for storedIndex in indexes {
            let (level, index, positions) = TileLayout.location(ofStoredHash: storedIndex)
            guard let tile = TileLayout.tile(level: level, index: index, treeSize: treeSize),
                  positions.upperBound <= tile.width
            else {
                throw ProofError(.missingHash, "stored hash \(storedIndex) is not in a tree of size \(treeSize)")
            }
            let hashes: [MerkleHash]
            if let cached = cache[tile] {
                hashes = cached
            } else {
                guard let bytes = try await store.readTile(tile) else {
                    throw LogError(.missingTile, "\(tile.path) is missing for tree size \(treeSize)")
                }
                hashes = try TileLayout.decode(bytes, tile: tile)
                cache[tile] = hashes
            }
            out.append(TileLayout.subtreeRoot(hashes[positions]))
        }
        return out
    }
}
