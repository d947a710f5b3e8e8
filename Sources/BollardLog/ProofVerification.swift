/// Verification of RFC 9162 inclusion (§2.1.3.2) and consistency (§2.1.4.2) proofs.
///
/// The algorithms are written in the decomposed form used by transparency-dev/merkle: a proof
/// for leaf `index` in a tree of `size` leaves consists of `inner` hashes, below the level where
/// the paths to `index` and `size - 1` diverge, and `border` hashes of left siblings above it.
/// Counting both exactly lets a proof of the wrong length be refused before any hashing, which
/// is what keeps a hostile proof with millions of elements cheap to reject.
public enum ProofVerification {
    /// The root implied by an inclusion proof for `leafHash` at `index` in a tree of `treeSize`.
    public static func rootFromInclusionProof(
        leafHash: MerkleHash, index: UInt64, treeSize: UInt64, proof: [MerkleHash]
    ) throws(ProofError) -> MerkleHash {
        guard index < treeSize else {
            throw ProofError(.indexOutOfRange, "leaf index \(index) is not below tree size \(treeSize)")
        }
        let (inner, border) = decomposeInclusionProof(index: index, size: treeSize)
        guard proof.count == inner + border else {
            throw ProofError(.wrongProofLength,
                             "inclusion proof for index \(index) in size \(treeSize) has \(proof.count) hashes, needs \(inner + border)")
        }
        var hash = chainInner(seed: leafHash, proof[0..<inner], index: index)
        hash = chainBorderRight(seed: hash, proof[inner...])
        return hash
    }

    /// Verifies that `leafHash` is the leaf at `index` of the tree of `treeSize` with `root`.
    public static func verifyInclusion(
        leafHash: MerkleHash, index: UInt64, treeSize: UInt64, proof: [MerkleHash], root: MerkleHash
    ) throws(ProofError) {
        let computed = try rootFromInclusionProof(leafHash: leafHash, index: index, treeSize: treeSize, proof: proof)
        guard computed == root else {
            throw ProofError(.rootMismatch,
                             "inclusion proof for index \(index) gives root \(computed.hex), expected \(root.hex)")
        }
    }

    /// Verifies that the tree of `size1` with `root1` is a prefix of the tree of `size2` with
    /// `root2`.
    public static func verifyConsistency(
        size1: UInt64, size2: UInt64, proof: [MerkleHash], root1: MerkleHash, root2: MerkleHash
    ) throws(ProofError) {
        try checkSizes(size1: size1, size2: size2)
        if size1 == size2 {
            guard proof.isEmpty else {
                throw ProofError(.unexpectedProof, "sizes are equal (\(size1)) but the proof has \(proof.count) hashes")
            }
            guard root1 == root2 else {
                throw ProofError(.rootMismatch, "equal sizes \(size1) with different roots \(root1.hex) and \(root2.hex)")
            }
            return
        }
        guard !proof.isEmpty else {
            throw ProofError(.emptyProof, "no consistency proof between sizes \(size1) and \(size2)")
        }

        var (inner, border) = decomposeInclusionProof(index: size1 - 1, size: size2)
        let shift = size1.trailingZeroBitCount
        inner -= shift

        // The proof starts with the root of the subtree of size 2^shift, unless size1 is that
        // subtree itself, in which case root1 is the seed (§2.1.4.2 step 2).
        let seed: MerkleHash
        let start: Int
        if size1 == UInt64(1) << UInt64(shift) {
            seed = root1
            start = 0
        } else {
            seed = proof[0]
            start = 1
        }
        guard proof.count == start + inner + border else {
            throw ProofError(.wrongProofLength,
                             "consistency proof \(size1)→\(size2) has \(proof.count) hashes, needs \(start + inner + border)")
        }
        let path = proof[start...]
        let innerPath = path.prefix(inner)
        let borderPath = path.dropFirst(inner)
        let mask = (size1 - 1) >> UInt64(shift)

        var hash1 = chainInnerRight(seed: seed, innerPath, index: mask)
        hash1 = chainBorderRight(seed: hash1, borderPath)
        guard hash1 == root1 else {
            throw ProofError(.rootMismatch,
                             "consistency proof \(size1)→\(size2) gives first root \(hash1.hex), expected \(root1.hex)")
        }
        var hash2 = chainInner(seed: seed, innerPath, index: mask)
        hash2 = chainBorderRight(seed: hash2, borderPath)
        guard hash2 == root2 else {
            throw ProofError(.rootMismatch,
                             "consistency proof \(size1)→\(size2) gives second root \(hash2.hex), expected \(root2.hex)")
        }
    }

    /// RFC 9162 §2.1.4 defines consistency for 0 < size1 ≤ size2: every tree extends the empty
    /// tree, so a "proof" from size 0 asserts nothing and is refused rather than accepted vacuously.
    static func checkSizes(size1: UInt64, size2: UInt64) throws(ProofError) {
        if size2 < size1 {
            throw ProofError(.sizeDecreased, "second tree size \(size2) is smaller than first \(size1)")
        }
        if size1 == 0 {
            throw ProofError(.emptyFirstTree, "a consistency proof from the empty tree (to size \(size2)) proves nothing")
        }
    }

    /// Consistency over raw byte strings as they arrive in JSON, notes or bundles.
    ///
    /// For equal sizes the proof is the empty sequence and the roots are compared as opaque
    /// byte strings. Only where hashing
    /// happens must every value be 32 bytes. This mirrors transparency-dev/merkle's verifier,
    /// whose probes include equal-size cases with short placeholder roots.
    public static func verifyConsistency(
        size1: UInt64, size2: UInt64, proof: [[UInt8]], root1: [UInt8], root2: [UInt8]
    ) throws(ProofError) {
        if size1 > 0, size1 == size2 {
            guard proof.isEmpty else {
                throw ProofError(.unexpectedProof, "sizes are equal (\(size1)) but the proof has \(proof.count) hashes")
            }
            guard root1 == root2 else {
                throw ProofError(.rootMismatch, "equal sizes \(size1) with different roots")
            }
            return
        }
        try checkSizes(size1: size1, size2: size2)
        try verifyConsistency(
            size1: size1, size2: size2, proof: hashes(proof, what: "proof"),
            root1: hash(root1, what: "first root"), root2: hash(root2, what: "second root"))
    }

    /// Inclusion over raw byte strings; every value must be 32 bytes.
    public static func verifyInclusion(
        leafHash: [UInt8], index: UInt64, treeSize: UInt64, proof: [[UInt8]], root: [UInt8]
    ) throws(ProofError) {
        try verifyInclusion(
            leafHash: hash(leafHash, what: "leaf hash"), index: index, treeSize: treeSize,
            proof: hashes(proof, what: "proof"), root: hash(root, what: "root"))
    }

    /// Checks raw byte strings (as they arrive in JSON, notes or bundles) for 32-byte length.
    public static func hashes(_ raw: [[UInt8]], what: String) throws(ProofError) -> [MerkleHash] {
        var out = [MerkleHash]()
        out.reserveCapacity(raw.count)
        for (i, bytes) in raw.enumerated() {
            guard let h = MerkleHash(bytes: bytes) else {
                throw ProofError(.malformedHash, "\(what)[\(i)] is \(bytes.count) bytes, not 32")
            }
            out.append(h)
        }
        return out
    }

    public static func hash(_ raw: [UInt8], what: String) throws(ProofError) -> MerkleHash {
        guard let h = MerkleHash(bytes: raw) else {
            throw ProofError(.malformedHash, "\(what) is \(raw.count) bytes, not 32")
        }
        return h
    }

    /// (inner, border): the number of proof hashes below and above the level where the paths
    /// to `index` and to `size - 1` diverge. Requires index < size.
    @inlinable
    public static func decomposeInclusionProof(index: UInt64, size: UInt64) -> (inner: Int, border: Int) {
        let inner = UInt64.bitWidth - (index ^ (size - 1)).leadingZeroBitCount
        let border = (inner >= 64 ? 0 : index >> UInt64(inner)).nonzeroBitCount
        return (inner, border)
    }

    static func chainInner(seed: MerkleHash, _ proof: ArraySlice<MerkleHash>, index: UInt64) -> MerkleHash {
        var hash = seed
        for (i, sibling) in proof.enumerated() {
            if (index >> UInt64(i)) & 1 == 0 {
                hash = RFC9162.nodeHash(hash, sibling)
            } else {
                hash = RFC9162.nodeHash(sibling, hash)
            }
        }
        return hash
    }

    static func chainInnerRight(seed: MerkleHash, _ proof: ArraySlice<MerkleHash>, index: UInt64) -> MerkleHash {
        var hash = seed
        for (i, sibling) in proof.enumerated() where (index >> UInt64(i)) & 1 == 1 {
            hash = RFC9162.nodeHash(sibling, hash)
        }
        return hash
    }

    static func chainBorderRight(seed: MerkleHash, _ proof: ArraySlice<MerkleHash>) -> MerkleHash {
        var hash = seed
        for sibling in proof {
            hash = RFC9162.nodeHash(sibling, hash)
        }
        return hash
    }
}
