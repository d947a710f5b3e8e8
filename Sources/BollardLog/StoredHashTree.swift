/// A Merkle tree held entirely in memory as its stored hashes (one flat array, about two hashes
/// per record). Appending costs one leaf hash plus one node hash per completed subtree — N − 1
/// node hashes for N records, the least any RFC 9162 tree build can do — with no per-node
/// allocation. Used as the reference the tiled log is tested against, and for benchmarks.
public struct StoredHashTree: HashReader, Sendable {
    public private(set) var hashes: [MerkleHash] = []
    public private(set) var size: UInt64 = 0

    public init() {}

    public init(reservingCapacity records: Int) {
        hashes.reserveCapacity(2 * records + 64)
    }

    public mutating func append(leafHash: MerkleHash) {
        hashes.append(leafHash)
        var h = leafHash
        let n = size
        let completed = (n &+ 1).trailingZeroBitCount
        var level = 0
        while level < completed {
            let sibling = hashes[Int(StoredHashes.index(level: level, n: (n >> UInt64(level)) - 1))]
            h = RFC9162.nodeHash(sibling, h)
            hashes.append(h)
            level += 1
        }
        size = n + 1
    }

    /// Appends one record whose leaf is `data` (RFC 9162 §2.1.1 leaf hash).
    public mutating func append(entry data: [UInt8]) {
        append(leafHash: RFC9162.leafHash(data))
    }

    /// MTH of the first `treeSize` records (defaults to all of them).
    public func rootHash(treeSize: UInt64? = nil) throws(ProofError) -> MerkleHash {
        let n = treeSize ?? size
        try checkSize(n)
        return StoredHashes.treeHash(treeSize: n, hashes: read(StoredHashes.treeHashIndexes(treeSize: n)))
    }

    public func inclusionProof(index: UInt64, treeSize: UInt64) throws(ProofError) -> InclusionProof {
        try checkSize(treeSize)
        let indexes = try StoredHashes.inclusionProofIndexes(index: index, treeSize: treeSize)
        return InclusionProof(
            index: index, treeSize: treeSize,
            hashes: StoredHashes.inclusionProof(index: index, treeSize: treeSize, hashes: read(indexes)))
    }

    public func consistencyProof(size1: UInt64, size2: UInt64) throws(ProofError) -> ConsistencyProof {
        try checkSize(size2)
        let indexes = try StoredHashes.consistencyProofIndexes(size1: size1, size2: size2)
        return ConsistencyProof(
            size1: size1, size2: size2,
            hashes: StoredHashes.consistencyProof(size1: size1, size2: size2, hashes: read(indexes)))
    }

    public func readHashes(_ indexes: [UInt64]) async throws -> [MerkleHash] {
        for i in indexes where i >= UInt64(hashes.count) {
            throw ProofError(.missingHash, "stored hash \(i) is beyond the \(hashes.count) stored for size \(size)")
        }
        return read(indexes)
    }

    private func read(_ indexes: [UInt64]) -> [MerkleHash] {
        indexes.map { hashes[Int($0)] }
    }

    private func checkSize(_ treeSize: UInt64) throws(ProofError) {
        guard treeSize <= size else {
            throw ProofError(.indexOutOfRange, "tree size \(treeSize) is beyond the \(size) records held")
        }
    }

    /// Builds the tree of `entries` and returns it; the benchmark entry point for a pure
    /// in-memory build.
    public static func build<S: Sequence>(entries: S) -> StoredHashTree where S.Element == [UInt8] {
        var tree = StoredHashTree(reservingCapacity: entries.underestimatedCount)
        for e in entries { tree.append(entry: e) }
        return tree
    }
}
