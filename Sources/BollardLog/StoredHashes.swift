/// The "stored hashes" layout of Go's sumdb/tlog (golang.org/x/mod/sumdb/tlog): every record
/// appends its RFC 9162 leaf hash, then one hash for each perfect subtree it completes. After `n`
/// records about 2n hashes are stored, each written once and never changed, so any root or proof
/// (RFC 9162 §2.1.3, §2.1.4) is assembled from at most about 2·log₂n reads and no rehashing of
/// old data.
///
/// Stored hash index `StoredHashIndex(level, n)` names the root of the perfect subtree of height
/// `level` covering leaves `[n·2^level, (n+1)·2^level)`. Each function comes in two halves: the
/// indexes it needs (pure), and the assembly from the hashes read (pure), so the same logic
/// serves a synchronous in-memory tree and an asynchronous `HashReader` over tiles.
public enum StoredHashes {
    /// The position at which the hash of subtree (`level`, `n`) is stored.
    @inlinable
    public static func index(level: Int, n: UInt64) -> UInt64 {
        // The last leaf under the subtree is n' = (n+1)·2^level − 1; the subtree's hash is stored
        // right after that leaf's hash and the `level` hashes it completes below this one.
        let last = ((n &+ 1) << UInt64(level)) &- 1
        return 2 &* last &- UInt64(last.nonzeroBitCount) &+ UInt64(level)
    }

    /// The inverse of `index(level:n:)`.
    public static func split(_ index: UInt64) -> (level: Int, n: UInt64) {
        var n = index / 2
        var indexN = Self.index(level: 0, n: n)
        while true {
            let next = indexN + 1 + UInt64((n + 1).trailingZeroBitCount)
            if next > index { break }
            n += 1
            indexN = next
        }
        let level = Int(index - indexN)
        return (level, n >> UInt64(level))
    }

    /// How many hashes are stored for a tree of `treeSize` records.
    public static func count(treeSize: UInt64) -> UInt64 {
        guard treeSize > 0 else { return 0 }
        var total = index(level: 0, n: treeSize - 1) + 1
        var i = treeSize - 1
        while i & 1 != 0 {
            total += 1
            i >>= 1
        }
        return total
    }

    // MARK: Record hashes

    /// The stored hashes record `n` needs to read: the left siblings it completes subtrees with,
    /// lowest level first.
    public static func recordSiblingIndexes(_ n: UInt64) -> [UInt64] {
        let m = (n &+ 1).trailingZeroBitCount
        return (0..<m).map { index(level: $0, n: (n >> UInt64($0)) - 1) }
    }

    /// The hashes record `n` adds: its leaf hash, then the roots of the subtrees it completes.
    public static func recordHashes(_ n: UInt64, leafHash: MerkleHash, siblings: [MerkleHash]) -> [MerkleHash] {
        var out = [leafHash]
        out.reserveCapacity(siblings.count + 1)
        var h = leafHash
        for sibling in siblings {
            h = RFC9162.nodeHash(sibling, h)
            out.append(h)
        }
        return out
    }

    public static func recordHashes(
        _ n: UInt64, leafHash: MerkleHash, reader: some HashReader
    ) async throws -> [MerkleHash] {
        let siblings = try await reader.readHashes(recordSiblingIndexes(n))
        return recordHashes(n, leafHash: leafHash, siblings: siblings)
    }

    // MARK: Tree hash

    /// The largest power of two strictly below `n` (for n ≥ 2), the split point of RFC 9162
    /// §2.1.1, with its exponent; (1, 0) for n ≤ 1.
    @inlinable
    static func splitPoint(_ n: UInt64) -> (k: UInt64, level: Int) {
        guard n > 1 else { return (1, 0) }
        let level = 63 - (n - 1).leadingZeroBitCount
        return (1 << UInt64(level), level)
    }

    /// Indexes of the perfect subtrees that tile `[lo, hi)`, largest first.
    static func subtreeIndexes(_ lo: UInt64, _ hi: UInt64, into need: inout [UInt64]) {
        var lo = lo
        while lo < hi {
            let (k, level) = splitPoint(hi - lo + 1)
            need.append(index(level: level, n: lo >> UInt64(level)))
            lo += k
        }
    }

    /// MTH(D[lo:hi]) from the hashes `subtreeIndexes` asked for, consumed from `cursor`.
    static func subtreeHash(_ lo: UInt64, _ hi: UInt64, _ hashes: [MerkleHash], _ cursor: inout Int) -> MerkleHash {
        var count = 0
        var lo = lo
        while lo < hi {
            lo += splitPoint(hi - lo + 1).k
            count += 1
        }
        var h = hashes[cursor + count - 1]
        var i = count - 2
        while i >= 0 {
            h = RFC9162.nodeHash(hashes[cursor + i], h)
            i -= 1
        }
        cursor += count
        return h
    }

    public static func treeHashIndexes(treeSize: UInt64) -> [UInt64] {
        var need = [UInt64]()
        subtreeIndexes(0, treeSize, into: &need)
        return need
    }

    /// MTH of the first `treeSize` records (RFC 9162 §2.1.1); the empty tree hashes to SHA-256("").
    public static func treeHash(treeSize: UInt64, hashes: [MerkleHash]) -> MerkleHash {
        guard treeSize > 0 else { return RFC9162.emptyRoot }
        var cursor = 0
        return subtreeHash(0, treeSize, hashes, &cursor)
    }

    public static func treeHash(treeSize: UInt64, reader: some HashReader) async throws -> MerkleHash {
        let hashes = try await reader.readHashes(treeHashIndexes(treeSize: treeSize))
        return treeHash(treeSize: treeSize, hashes: hashes)
    }

    // MARK: Inclusion proofs (RFC 9162 §2.1.3.1)

    public static func inclusionProofIndexes(index: UInt64, treeSize: UInt64) throws(ProofError) -> [UInt64] {
        guard index < treeSize else {
            throw ProofError(.indexOutOfRange, "leaf index \(index) is not below tree size \(treeSize)")
        }
        var need = [UInt64]()
        leafProofIndexes(0, treeSize, index, &need)
        return need
    }

    /// PATH(m, D[n]) of §2.1.3.1, leaf to root, from the hashes `inclusionProofIndexes` named.
    public static func inclusionProof(index: UInt64, treeSize: UInt64, hashes: [MerkleHash]) -> [MerkleHash] {
        var proof = [MerkleHash]()
        var cursor = 0
        leafProof(0, treeSize, index, hashes, &cursor, &proof)
        return proof
    }

    public static func inclusionProof(
        index: UInt64, treeSize: UInt64, reader: some HashReader
    ) async throws -> [MerkleHash] {
        let hashes = try await reader.readHashes(inclusionProofIndexes(index: index, treeSize: treeSize))
        return inclusionProof(index: index, treeSize: treeSize, hashes: hashes)
    }

    static func leafProofIndexes(_ lo: UInt64, _ hi: UInt64, _ n: UInt64, _ need: inout [UInt64]) {
        guard hi - lo > 1 else { return }
        let k = splitPoint(hi - lo).k
        if n < lo + k {
            leafProofIndexes(lo, lo + k, n, &need)
            subtreeIndexes(lo + k, hi, into: &need)
        } else {
            subtreeIndexes(lo, lo + k, into: &need)
            leafProofIndexes(lo + k, hi, n, &need)
        }
    }

    static func leafProof(
        _ lo: UInt64, _ hi: UInt64, _ n: UInt64, _ hashes: [MerkleHash], _ cursor: inout Int, _ proof: inout [MerkleHash]
    ) {
        guard hi - lo > 1 else { return }
        let k = splitPoint(hi - lo).k
        let sibling: MerkleHash
        if n < lo + k {
            leafProof(lo, lo + k, n, hashes, &cursor, &proof)
            sibling = subtreeHash(lo + k, hi, hashes, &cursor)
        } else {
            sibling = subtreeHash(lo, lo + k, hashes, &cursor)
            leafProof(lo + k, hi, n, hashes, &cursor, &proof)
        }
        proof.append(sibling)
    }

    // MARK: Consistency proofs (RFC 9162 §2.1.4.1)

    /// RFC 9162 §2.1.4 defines consistency for 0 < size1 ≤ size2, the same domain the verifier accepts.
    public static func consistencyProofIndexes(size1: UInt64, size2: UInt64) throws(ProofError) -> [UInt64] {
        try ProofVerification.checkSizes(size1: size1, size2: size2)
        var need = [UInt64]()
        treeProofIndexes(0, size2, size1, &need)
        return need
    }

    /// PROOF(m, D[n]) = SUBPROOF(m, D[n], true) of §2.1.4.1.
    public static func consistencyProof(size1: UInt64, size2: UInt64, hashes: [MerkleHash]) -> [MerkleHash] {
        var proof = [MerkleHash]()
        var cursor = 0
        treeProof(0, size2, size1, hashes, &cursor, &proof)
        return proof
    }

    public static func consistencyProof(
        size1: UInt64, size2: UInt64, reader: some HashReader
    ) async throws -> [MerkleHash] {
        let indexes = try consistencyProofIndexes(size1: size1, size2: size2)
        guard !indexes.isEmpty else { return [] }
        let hashes = try await reader.readHashes(indexes)
        return consistencyProof(size1: size1, size2: size2, hashes: hashes)
    }

    static func treeProofIndexes(_ lo: UInt64, _ hi: UInt64, _ n: UInt64, _ need: inout [UInt64]) {
        if n == hi {
            if lo != 0 { subtreeIndexes(lo, hi, into: &need) }
            return
        }
        let k = splitPoint(hi - lo).k
        if n <= lo + k {
            treeProofIndexes(lo, lo + k, n, &need)
            subtreeIndexes(lo + k, hi, into: &need)
        } else {
            subtreeIndexes(lo, lo + k, into: &need)
            treeProofIndexes(lo + k, hi, n, &need)
        }
    }

    static func treeProof(
        _ lo: UInt64, _ hi: UInt64, _ n: UInt64, _ hashes: [MerkleHash], _ cursor: inout Int, _ proof: inout [MerkleHash]
    ) {
        if n == hi {
            if lo != 0 { proof.append(subtreeHash(lo, hi, hashes, &cursor)) }
            return
        }
        let k = splitPoint(hi - lo).k
        let sibling: MerkleHash
        if n <= lo + k {
            treeProof(lo, lo + k, n, hashes, &cursor, &proof)
            sibling = subtreeHash(lo + k, hi, hashes, &cursor)
        } else {
            sibling = subtreeHash(lo, lo + k, hashes, &cursor)
            treeProof(lo + k, hi, n, hashes, &cursor, &proof)
        }
        proof.append(sibling)
    }
}
