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
        // Locate every hash first, so each tile is fetched once and the cache is asked once.
        var located = [(tile: TileID, positions: Range<Int>)]()
        located.reserveCapacity(indexes.count)
        var needed = Set<TileID>()
        for storedIndex in indexes {
            let (level, index, positions) = TileLayout.location(ofStoredHash: storedIndex)
            guard let tile = TileLayout.tile(level: level, index: index, treeSize: treeSize),
                  positions.upperBound <= tile.width
            else {
                throw ProofError(.missingHash, "stored hash \(storedIndex) is not in a tree of size \(treeSize)")
            }
            located.append((tile, positions))
            needed.insert(tile)
        }

        var expanded = [TileID: [MerkleHash]]()
        var plain = [TileID: [MerkleHash]]()
        if let cache {
            expanded = await cache.expanded(needed)
        }
        var fresh = [TileID: [MerkleHash]]()
        for tile in needed where expanded[tile] == nil {
            let hashes = try await read(tile)
            if cache != nil {
                let all = TileCache.expand(hashes)
                expanded[tile] = all
                fresh[tile] = all
            } else {
                plain[tile] = hashes
            }
        }
        if let cache, !fresh.isEmpty { await cache.insert(fresh) }

        var out = [MerkleHash]()
        out.reserveCapacity(indexes.count)
        for (tile, positions) in located {
            if let all = expanded[tile] {
                out.append(TileCache.lookup(all, width: tile.width, positions))
            } else if let hashes = plain[tile] {
                out.append(TileLayout.subtreeRoot(hashes[positions]))
            } else {
                throw LogError(.missingTile, "\(tile.path) was not read")
            }
        }
        return out
    }

    /// A partial tile may have been deleted once the full tile exists (tlog-tiles §Partial
    /// Tiles); the full tile's first `width` hashes are the same, so it is used instead.
    private func read(_ tile: TileID) async throws -> [MerkleHash] {
        let full = TileID(uncheckedLevel: tile.level, index: tile.index, width: TileID.fullWidth)
        var source = tile
        var bytes = try await store.readTile(tile)
        if bytes == nil, tile.isPartial {
            source = full
            bytes = try await store.readTile(full)
        }
        guard let bytes else {
            throw LogError(.missingTile, "\(tile.path) is missing for tree size \(treeSize)")
        }
        let hashes = try TileLayout.decode(bytes, tile: source)
        return source == tile ? hashes : Array(hashes.prefix(tile.width))
    }
}
