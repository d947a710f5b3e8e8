/// Full tiles never change (tlog-tiles §Merkle Tree: immutable), so the 255 interior hashes of a
/// full tile's subtree — which a proof needs whenever it reads a stored hash whose level is not
/// a multiple of 8 — are computed once and kept. Without it a proof from tiles rehashes up to
/// 255 nodes per tile level; with it, proof generation is lookups.
public actor TileCache {
    public let capacity: Int
    private var tiles: [TileID: [MerkleHash]] = [:]

    /// `capacity` full tiles, each kept as its 511 hashes (about 16 KiB).
    public init(capacity: Int = 1024) {
        self.capacity = max(1, capacity)
    }

    func expanded(_ ids: Set<TileID>) -> [TileID: [MerkleHash]] {
        var out = [TileID: [MerkleHash]]()
        for id in ids {
            if let hashes = tiles[id] { out[id] = hashes }
        }
        return out
    }

    func insert(_ fresh: [TileID: [MerkleHash]]) {
        for (id, hashes) in fresh {
            if tiles.count >= capacity, let victim = tiles.keys.randomElement() {
                tiles[victim] = nil
            }
            tiles[id] = hashes
        }
    }

    /// All levels of a full tile's subtree, leaves first: level k of the subtree starts at
    /// 512 − 512/2^k and has 256/2^k hashes.
    static func expand(_ leaves: [MerkleHash]) -> [MerkleHash] {
        var out = leaves
        out.reserveCapacity(2 * TileID.fullWidth - 1)
        var start = 0
        var width = leaves.count
        while width > 1 {
            for i in stride(from: 0, to: width, by: 2) {
                out.append(RFC9162.nodeHash(out[start + i], out[start + i + 1]))
            }
            start += width
            width /= 2
        }
        return out
    }

    /// The root of `positions` (a power-of-two run aligned to its length) in an expanded tile.
    static func lookup(_ expanded: [MerkleHash], _ positions: Range<Int>) -> MerkleHash {
        let k = positions.count.trailingZeroBitCount
        return expanded[2 * TileID.fullWidth - (2 * TileID.fullWidth >> k) + (positions.lowerBound >> k)]
    }
}
