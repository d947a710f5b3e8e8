/// An RFC 9162 §2.1.3 inclusion proof: the audit path of leaf `index` (0-based) in the tree of
/// `treeSize` leaves, ordered from the leaf's sibling up to the root's child.
public struct InclusionProof: Hashable, Sendable {
    public var index: UInt64
    public var treeSize: UInt64
    public var hashes: [MerkleHash]

    public init(index: UInt64, treeSize: UInt64, hashes: [MerkleHash]) {
        self.index = index
        self.treeSize = treeSize
        self.hashes = hashes
    }

    /// Verifies the proof against `root` (RFC 9162 §2.1.3.2).
    public func verify(leafHash: MerkleHash, root: MerkleHash) throws(ProofError) {
        try ProofVerification.verifyInclusion(
            leafHash: leafHash, index: index, treeSize: treeSize, proof: hashes, root: root)
    }
}

/// An RFC 9162 §2.1.4 consistency proof that the tree of `size1` leaves is a prefix of the tree
/// of `size2` leaves.
public struct ConsistencyProof: Hashable, Sendable {
    public var size1: UInt64
    public var size2: UInt64
    public var hashes: [MerkleHash]

    public init(size1: UInt64, size2: UInt64, hashes: [MerkleHash]) {
        self.size1 = size1
        self.size2 = size2
        self.hashes = hashes
    }

    /// Verifies the proof against both roots (RFC 9162 §2.1.4.2).
    public func verify(root1: MerkleHash, root2: MerkleHash) throws(ProofError) {
        try ProofVerification.verifyConsistency(size1: size1, size2: size2, proof: hashes, root1: root1, root2: root2)
    }
}
