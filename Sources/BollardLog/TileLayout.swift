/// Which C2SP tiles (height 8) a tree has, and where in them each stored hash lives.
public enum TileLayout {
    /// The tile at `level` with `index` as it exists in a tree of `treeSize` leaves: full, or the
    /// right-edge partial of width ⌊s/256^l⌋ mod 256 (tlog-tiles §Partial Tiles); nil if the tree
    /// has no hashes in it.
    public static func tile(level: Int, index: UInt64, treeSize: UInt64) -> TileID? {
        guard (0...TileID.maxLevel).contains(level) else { return nil }
        let count = hashCount(level: level, treeSize: treeSize)
        let full = count >> 8
        if index < full { return TileID(uncheckedLevel: level, index: index, width: TileID.fullWidth) }
        let width = Int(count & 0xff)
        guard index == full, width > 0 else { return nil }
        return TileID(uncheckedLevel: level, index: index, width: width)
    }

    /// The entry bundle with `index` as it exists in a tree of `treeSize` leaves, or nil.
    public static func entryBundle(index: UInt64, treeSize: UInt64) -> EntryBundleID? {
        let full = treeSize >> 8
        if index < full { return EntryBundleID(uncheckedIndex: index, width: TileID.fullWidth) }
        let width = Int(treeSize & 0xff)
        guard index == full, width > 0 else { return nil }
        return EntryBundleID(uncheckedIndex: index, width: width)
    }

    /// Number of hashes at tile level `level` (subtrees of 256^level leaves) in the tree.
    static func hashCount(level: Int, treeSize: UInt64) -> UInt64 {
        let shift = TileID.height * level
        return shift >= 64 ? 0 : treeSize >> UInt64(shift)
    }

    /// Every tile of a tree of `treeSize` leaves, by level then index.
    public static func tiles(treeSize: UInt64) -> [TileID] {
        newTiles(from: 0, to: treeSize)
    }

    /// The tiles that appear or change when a tree grows from `oldSize` to `newSize`: the full
    /// tiles completed, and each level's new right-edge partial (Go tlog.NewTiles).
    public static func newTiles(from oldSize: UInt64, to newSize: UInt64) -> [TileID] {
        var out = [TileID]()
        var level = 0
        while level <= TileID.maxLevel, hashCount(level: level, treeSize: newSize) > 0 {
            let oldN = hashCount(level: level, treeSize: oldSize)
            let newN = hashCount(level: level, treeSize: newSize)
            if oldN != newN {
                var n = oldN >> 8
                while n < newN >> 8 {
                    out.append(TileID(uncheckedLevel: level, index: n, width: TileID.fullWidth))
                    n += 1
                }
                let width = Int(newN & 0xff)
                if width > 0 { out.append(TileID(uncheckedLevel: level, index: newN >> 8, width: width)) }
            }
            level += 1
        }
        return out
    }

    /// Where stored hash `storedIndex` lives: the tile level and index, and the range of tile
    /// positions whose Merkle root it is (one position for levels that are multiples of 8,
    /// 2^(level mod 8) positions otherwise).
    public static func location(ofStoredHash storedIndex: UInt64) -> (level: Int, index: UInt64, positions: Range<Int>) {
        let (hashLevel, n) = StoredHashes.split(storedIndex)
        let tileLevel = hashLevel / TileID.height
        let within = UInt64(hashLevel % TileID.height)
        let first = n << within
        let tileIndex = first >> 8
        let start = Int(first & 0xff)
        return (tileLevel, tileIndex, start..<(start + (1 << Int(within))))
    }

    /// The Merkle root of a power-of-two run of consecutive tile hashes.
    static func subtreeRoot(_ hashes: ArraySlice<MerkleHash>) -> MerkleHash {
        var level = Array(hashes)
        var count = level.count
        while count > 1 {
            var i = 0
            while i < count {
                level[i / 2] = RFC9162.nodeHash(level[i], level[i + 1])
                i += 2
            }
            count /= 2
        }
        return level[0]
    }

    /// Tile bytes: the concatenated 32-byte hashes.
    public static func encode(_ hashes: ArraySlice<MerkleHash>) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: hashes.count * MerkleHash.byteCount)
        out.withUnsafeMutableBytes { raw in
            hashes.withUnsafeBytes { raw.copyMemory(from: $0) }
        }
        return out
    }

    /// Decodes tile bytes of `tile.width` hashes, refusing any other length.
    public static func decode(_ bytes: [UInt8], tile: TileID) throws(LogError) -> [MerkleHash] {
        guard bytes.count == tile.width * MerkleHash.byteCount else {
            throw LogError(.corruptTile, "\(tile.path) is \(bytes.count) bytes, expected \(tile.width * MerkleHash.byteCount)")
        }
        return bytes.withUnsafeBytes { raw in
            (0..<tile.width).map { MerkleHash(unsafeFrom: raw, offset: $0 * MerkleHash.byteCount) }
        }
    }
}
