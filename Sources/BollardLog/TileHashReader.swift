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
    public let cache: TileCache?

    public init(store: Store, treeSize: UInt64, cache: TileCache? = nil) {
        self.store = store
        self.treeSize = treeSize
        self.cache = cache
    }

    public func readHashes(_ indexes: [UInt64]) async throws -> [MerkleHash] {
        var local: [TileID: [MerkleHash]] = [:]
        var out = [MerkleHash]()
        out.reserveCapacity(indexes.count)
        for storedIndex in indexes {
            let (level, index, positions) = TileLayout.location(ofStoredHash: storedIndex)
            guard let tile = TileLayout.tile(level: level, index: index, treeSize: treeSize),
                  positions.upperBound <= tile.width
            else {
                throw ProofError(.missingHash, "stored hash \(storedIndex) is not in a tree of size \(treeSize)")
            }
            if !tile.isPartial, let cache {
                if let expanded = await cache.expanded(tile) {
                    out.append(TileCache.lookup(expanded, positions))
                    continue
                }
                let expanded = TileCache.expand(try await read(tile))
                await cache.insert(tile, expanded)
                out.append(TileCache.lookup(expanded, positions))
                continue
            }
            let hashes: [MerkleHash]
            if let cached = local[tile] {
                hashes = cached
            } else {
                hashes = try await read(tile)
                local[tile] = hashes
            }
            out.append(TileLayout.subtreeRoot(hashes[positions]))
        }
        return out
    }

    private func read(_ tile: TileID) async throws -> [MerkleHash] {
        guard let bytes = try await store.readTile(tile) else {
            throw LogError(.missingTile, "\(tile.path) is missing for tree size \(treeSize)")
        }
        return try TileLayout.decode(bytes, tile: tile)
    }
}
