import Testing

@testable import BollardLog

/// Index arithmetic of Go's stored-hash layout, and generated proofs checked against the RFC
/// 9162 definitions and the verifier.
struct StoredHashTests {
    @Test func indexAndSplitAreInverse() {
        // Walk every stored hash of a 5,000-record tree in order: split must name exactly the
        // subtrees completed, in the order records complete them.
        var expected = [(Int, UInt64)]()
        for n in UInt64(0)..<5000 {
            expected.append((0, n))
            let completed = (n + 1).trailingZeroBitCount
            for level in 1...max(1, completed) where level <= completed {
                expected.append((level, n >> UInt64(level)))
            }
        }
        #expect(UInt64(expected.count) == StoredHashes.count(treeSize: 5000))
        for (i, want) in expected.enumerated() {
            let got = StoredHashes.split(UInt64(i))
            #expect(got.level == want.0 && got.n == want.1, "split(\(i))")
            #expect(StoredHashes.index(level: want.0, n: want.1) == UInt64(i))
        }
        // Go's examples: index(0,0)=0, index(0,1)=1, index(1,0)=2, index(0,2)=3.
        #expect([StoredHashes.index(level: 0, n: 0), StoredHashes.index(level: 0, n: 1),
                 StoredHashes.index(level: 1, n: 0), StoredHashes.index(level: 0, n: 2)] == [0, 1, 2, 3])
        let big = StoredHashes.index(level: 20, n: 123_456)
        #expect(StoredHashes.split(big) == (20, 123_456))
    }

    @Test func recordHashesMatchTheTree() async throws {
        var tree = StoredHashTree()
        for n in UInt64(0)..<300 {
            let leaf = RFC9162.leafHash(syntheticEntry(n))
            let added = try await StoredHashes.recordHashes(n, leafHash: leaf, reader: tree)
            tree.append(leafHash: leaf)
            #expect(Array(tree.hashes.suffix(added.count)) == added, "record \(n)")
            #expect(UInt64(tree.hashes.count) == StoredHashes.count(treeSize: n + 1))
        }
    }

    /// Small trees: root, every inclusion proof and every consistency proof equal the RFC 9162
    /// definitions computed independently.
    @Test func smallTreesMatchTheDefinitions() throws {
        var tree = StoredHashTree()
        var leaves = [MerkleHash]()
        for size in 1...70 {
            let leaf = RFC9162.leafHash(syntheticEntry(UInt64(size - 1)))
            leaves.append(leaf)
            tree.append(leafHash: leaf)
            let n = UInt64(size)
            #expect(try tree.rootHash(treeSize: n) == referenceMTH(leaves[...]))
            for m in 0..<size {
                #expect(try tree.inclusionProof(index: UInt64(m), treeSize: n).hashes == referencePath(m, leaves[...]),
                        "PATH(\(m), \(size))")
                #expect(try tree.consistencyProof(size1: UInt64(m + 1), size2: n).hashes
                        == referenceSubproof(m + 1, leaves[...], true), "PROOF(\(m + 1), \(size))")
            }
        }
        #expect(try tree.rootHash(treeSize: 0) == RFC9162.emptyRoot)
    }

    /// Random sizes up to 10^5 with sampled indices: every proof verifies, and flipping any single
    /// bit of any proof element or of the root makes verification fail.
    @Test func randomSizesProofsVerifyAndResistBitFlips() throws {
        var rng = SeededRNG(seed: 0xB0_11A2D)
        let maxSize: UInt64 = 100_000
        var tree = StoredHashTree(reservingCapacity: Int(maxSize))
        var leaves = [MerkleHash]()
        leaves.reserveCapacity(Int(maxSize))
        for i in 0..<maxSize {
            let leaf = RFC9162.leafHash(syntheticEntry(i))
            leaves.append(leaf)
            tree.append(leafHash: leaf)
        }
        var sizes: [UInt64] = [1, 2, 3, 255, 256, 257, 65_535, 65_536, 65_537, maxSize]
        for _ in 0..<20 { sizes.append(UInt64.random(in: 1...maxSize, using: &rng)) }
        var roots = [UInt64: MerkleHash]()
        for size in sizes { roots[size] = try tree.rootHash(treeSize: size) }
        #expect(roots[maxSize] == referenceMTH(leaves[...]))

        var flipped = 0
        for (k, size) in sizes.enumerated() {
            let root = try #require(roots[size])
            var indices: [UInt64] = [0, size - 1]
            for _ in 0..<8 { indices.append(UInt64.random(in: 0..<size, using: &rng)) }
            for index in indices {
                let proof = try tree.inclusionProof(index: index, treeSize: size)
                try proof.verify(leafHash: leaves[Int(index)], root: root)
                if size > 1 {
                    #expect(throws: ProofError.self) {
                        try proof.verify(leafHash: leaves[Int((index + 1) % size)], root: root)
                    }
                }
            }
            let size1 = UInt64.random(in: 1...size, using: &rng)
            let consistency = try tree.consistencyProof(size1: size1, size2: size)
            let root1 = try tree.rootHash(treeSize: size1)
            try consistency.verify(root1: root1, root2: root)

            // Exhaustive single-bit corruption on the largest trees (the longest proofs) and one
            // random size keeps the suite fast.
            guard size == 65_537 || size == maxSize || k == 10 else { continue }
            let inclusion = try tree.inclusionProof(index: indices[2], treeSize: size)
            for bit in 0..<256 {
                for e in inclusion.hashes.indices {
                    var bad = inclusion
                    bad.hashes[e] = flipBit(bad.hashes[e], bit)
                    #expect(throws: ProofError.self) { try bad.verify(leafHash: leaves[Int(indices[2])], root: root) }
                    flipped += 1
                }
                #expect(throws: ProofError.self) {
                    try inclusion.verify(leafHash: leaves[Int(indices[2])], root: flipBit(root, bit))
                }
                for e in consistency.hashes.indices {
                    var bad = consistency
                    bad.hashes[e] = flipBit(bad.hashes[e], bit)
                    #expect(throws: ProofError.self) { try bad.verify(root1: root1, root2: root) }
                    flipped += 1
                }
                if size1 < size {
                    #expect(throws: ProofError.self) { try consistency.verify(root1: flipBit(root1, bit), root2: root) }
                    #expect(throws: ProofError.self) { try consistency.verify(root1: root1, root2: flipBit(root, bit)) }
                }
            }
        }
        #expect(flipped > 10_000)
    }
}
