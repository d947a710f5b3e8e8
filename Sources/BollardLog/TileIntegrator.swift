/// The right edge of a tiled tree, held in memory by the writer so that a batch is integrated in
/// one pass with no reads: the compact range (the roots of the perfect subtrees the tree
/// decomposes into, RFC 9162 §2.1.1), the partial tile of each level and the partial entry
/// bundle.
///
/// Appending a leaf merges it with the compact range exactly as Go's `StoredHashes` completes
/// subtrees: one node hash per completed subtree, N − 1 in all. Every merge that yields a
/// subtree of height 8l (l ≥ 1) is the root of a full level-(l−1) tile and so the next hash of
/// the level-l tile (tlog-tiles §Merkle Tree). Hashes go into flat preallocated arrays; the only
/// allocations are one buffer per tile or bundle emitted.
struct TileIntegrator: Sendable {
    private(set) var size: UInt64 = 0
    /// Roots of the compact range, largest (leftmost) subtree first.
    private var frontier: [MerkleHash] = []
    /// The partial tile contents per tile level.
    private var edgeTiles: [[MerkleHash]] = []
    private var edgeBundle: [UInt8] = []
    private var edgeBundleCount = 0

    struct Output: Sendable {
        var tiles: [(TileID, [UInt8])] = []
        var bundles: [(EntryBundleID, [UInt8])] = []
        var head: TreeHead
    }

    init() {
        frontier.reserveCapacity(64)
    }

    var rootHash: MerkleHash {
        guard var root = frontier.last else { return RFC9162.emptyRoot }
        var i = frontier.count - 2
        while i >= 0 {
            root = RFC9162.nodeHash(frontier[i], root)
            i -= 1
        }
        return root
    }

    var treeHead: TreeHead { TreeHead(size: size, rootHash: rootHash) }

    /// Rebuilds the edge of the tree `head` describes from the store, and checks that the tiles
    /// reproduce `head.rootHash` and that the partial bundle hashes to the partial level-0 tile.
    static func load<Store: TileStore>(from store: Store, head: TreeHead) async throws -> TileIntegrator {
        var edge = TileIntegrator()
        edge.size = head.size
        let reader = TileHashReader(store: store, treeSize: head.size)
        var indexes = [UInt64]()
        var lo: UInt64 = 0
        for bit in stride(from: 63, through: 0, by: -1) where head.size >> UInt64(bit) & 1 == 1 {
            indexes.append(StoredHashes.index(level: bit, n: lo >> UInt64(bit)))
            lo += 1 << UInt64(bit)
        }
        edge.frontier.append(contentsOf: try await reader.readHashes(indexes))
        guard edge.rootHash == head.rootHash else {
            throw LogError(.treeHeadMismatch,
                           "tiles give root \(edge.rootHash.hex) for size \(head.size), tree head says \(head.rootHash.hex)")
        }
        var level = 0
        while level <= TileID.maxLevel, TileLayout.hashCount(level: level, treeSize: head.size) > 0 {
            edge.ensureLevel(level)
            if let tile = TileLayout.tile(level: level, index: TileLayout.hashCount(level: level, treeSize: head.size) >> 8,
                                          treeSize: head.size) {
                guard let bytes = try await store.readTile(tile) else {
                    throw LogError(.missingTile, "\(tile.path) is missing for tree size \(head.size)")
                }
                edge.edgeTiles[level].append(contentsOf: try TileLayout.decode(bytes, tile: tile))
            }
            level += 1
        }
        if let bundle = TileLayout.entryBundle(index: head.size >> 8, treeSize: head.size) {
            guard let bytes = try await store.readEntryBundle(bundle) else {
                throw LogError(.missingTile, "\(bundle.path) is missing for tree size \(head.size)")
            }
            let entries = try EntryBundle.decode(bytes, bundle: bundle.path)
            guard entries.count == bundle.width,
                  entries.map({ RFC9162.leafHash($0) }) == edge.edgeTiles[0]
            else {
                throw LogError(.corruptEntryBundle, "\(bundle.path) does not hash to the level-0 tile of size \(head.size)")
            }
            edge.edgeBundle = bytes
            edge.edgeBundleCount = entries.count
        }
        return edge
    }

    private mutating func ensureLevel(_ level: Int) {
        while edgeTiles.count <= level {
            var tile = [MerkleHash]()
            tile.reserveCapacity(TileID.fullWidth)
            edgeTiles.append(tile)
        }
    }

    /// Appends `entries` and returns every tile and bundle that is new or changed, and the new
    /// tree head. Entries must already be checked for length (`EntryBundle.maxEntryLength`).
    mutating func integrate(_ entries: [[UInt8]]) throws(LogError) -> Output {
        var output = Output(head: treeHead)
        var touched: UInt64 = 0
        edgeBundle.reserveCapacity(edgeBundle.count + 2 * TileID.fullWidth)
        for entry in entries {
            try EntryBundle.append(entry, to: &edgeBundle)
            edgeBundleCount += 1
            let newSize = size + 1
            if edgeBundleCount == TileID.fullWidth {
                output.bundles.append((EntryBundleID(uncheckedIndex: (newSize >> 8) - 1, width: TileID.fullWidth), edgeBundle))
                edgeBundle.removeAll(keepingCapacity: true)
                edgeBundleCount = 0
            }
            let leaf = entry.withUnsafeBytes { RFC9162.leafHash($0) }
            push(leaf, level: 0, newSize: newSize, &output)
            touched |= 1
            var h = leaf
            var height = 0
            var n = size
            while n & 1 == 1 {
                h = RFC9162.nodeHash(frontier.removeLast(), h)
                height += 1
                n >>= 1
                if height & 7 == 0 {
                    push(h, level: height >> 3, newSize: newSize, &output)
                    touched |= 1 << UInt64(height >> 3)
                }
            }
            frontier.append(h)
            size = newSize
        }
        for level in 0..<edgeTiles.count where touched >> UInt64(level) & 1 == 1 && !edgeTiles[level].isEmpty {
            let index = TileLayout.hashCount(level: level, treeSize: size) >> 8
            output.tiles.append((TileID(uncheckedLevel: level, index: index, width: edgeTiles[level].count),
                                 TileLayout.encode(edgeTiles[level][...])))
        }
        if !entries.isEmpty, edgeBundleCount > 0 {
            output.bundles.append((EntryBundleID(uncheckedIndex: size >> 8, width: edgeBundleCount), edgeBundle))
        }
        output.head = treeHead
        return output
    }

    private mutating func push(_ hash: MerkleHash, level: Int, newSize: UInt64, _ output: inout Output) {
        ensureLevel(level)
        edgeTiles[level].append(hash)
        if edgeTiles[level].count == TileID.fullWidth {
            let index = (TileLayout.hashCount(level: level, treeSize: newSize) >> 8) - 1
            output.tiles.append((TileID(uncheckedLevel: level, index: index, width: TileID.fullWidth),
                                 TileLayout.encode(edgeTiles[level][...])))
            edgeTiles[level].removeAll(keepingCapacity: true)
        }
    }
}
