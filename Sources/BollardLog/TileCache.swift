/// A tile's hashes never change (tlog-tiles §Merkle Tree: immutable; a partial tile's path
/// names its width, so its content is fixed too), so the interior hashes of a tile's subtree —
/// which a proof needs whenever it reads a stored hash whose level is not a multiple of 8 — are
/// computed once and kept. Without it a proof from tiles rehashes up to 255 nodes per tile
/// level; with it, proof generation is lookups.
public actor TileCache {
    public let capacity: Int
    private var tiles: [TileID: [MerkleHash]] = [:]

    /// `capacity` tiles, a full one kept as its 511 hashes (about 16 KiB).
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

    /// Every complete level of a tile's subtree, leaves first: level k holds ⌊width/2^k⌋
    /// hashes. For a partial tile the right-most incomplete pairs are left out, exactly the
    /// subtrees a tree of that size does not have yet.
    static func expand(_ leaves: [MerkleHash]) -> [MerkleHash] {
        var out = leaves
        out.reserveCapacity(2 * leaves.count)
        var start = 0
        var width = leaves.count
        while width > 1 {
            for i in stride(from: 0, to: width & ~1, by: 2) {
                out.append(RFC9162.nodeHash(out[start + i], out[start + i + 1]))
            }
            start += width
            width /= 2
        }
        return out
    }

    /// The root of `positions` (a power-of-two run aligned to its length) in a tile of `width`
    /// expanded by `expand`.
    static func lookup(_ expanded: [MerkleHash], width: Int, _ positions: Range<Int>) -> MerkleHash {
        let k = positions.count.trailingZeroBitCount
        var offset = 0
        for j in 0..<k { offset += width >> j }
        return expanded[offset + (positions.lowerBound >> k)]
    }
}
