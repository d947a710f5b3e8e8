import BollardLedger
import BollardLog
import Testing

extension DevnetTests {
    /// `verify_inclusion` evaluated by the EVM (SHA-256 precompile) against proofs BollardLog made.
    @Suite("verify_inclusion on the devnet")
    struct InclusionOnChainTests {
        @Test("every receipt of an anchored log verifies on chain as off chain; corrupted proofs are rejected")
        func realProofs() async throws {
            var log = try await TestLog()
            let anchor = try await Devnet.deployAnchor(owner: try Devnet.key(7), origin: testOrigin)
            let checkpoint = try await log.grow(by: 37)
            _ = try await anchor.awaitConfirmation(id: try await anchor.submit(checkpoint).id)
            let size = checkpoint.size
            for index in [0, 1, 2, 15, 31, 32, 35, 36] as [UInt64] {
                let proof = try await log.log.inclusionProof(index: index, treeSize: size)
                let leaf = RFC9162.leafHash(log.entries[Int(index)])
                try proof.verify(leafHash: leaf, root: checkpoint.root)
                #expect(try await anchor.verifyInclusionOnChain(leafHash: leaf, index: index, size: size, proof: proof.hashes), "index \(index)")

                var flipped = proof.hashes
                if !flipped.isEmpty {
                    var bytes = flipped[0].bytes
                    bytes[7] ^= 0x01
                    flipped[0] = try #require(MerkleHash(bytes: bytes))
                    #expect(try await !anchor.verifyInclusionOnChain(leafHash: leaf, index: index, size: size, proof: flipped), "flipped \(index)")
                    #expect(try await !anchor.verifyInclusionOnChain(leafHash: leaf, index: index, size: size, proof: Array(proof.hashes.dropLast())))
                }
                #expect(try await !anchor.verifyInclusionOnChain(leafHash: leaf, index: index, size: size, proof: proof.hashes + [leaf]))
                let otherLeaf = RFC9162.leafHash(log.entries[Int((index + 1) % size)])
                #expect(try await !anchor.verifyInclusionOnChain(leafHash: otherLeaf, index: index, size: size, proof: proof.hashes))
                #expect(try await !anchor.verifyInclusionOnChain(leafHash: leaf, index: (index + 1) % size, size: size, proof: proof.hashes))
                // A size never anchored has no root to verify against.
                #expect(try await !anchor.verifyInclusionOnChain(leafHash: leaf, index: index, size: size + 1, proof: proof.hashes))
            }
            #expect(try await !anchor.verifyInclusionOnChain(
                leafHash: RFC9162.leafHash(log.entries[0]), index: size, size: size, proof: []))
        }

        @Test("gas: per commit, and verify_inclusion by proof length")
        func gas() async throws {
            var log = try await TestLog()
            let owner = try Devnet.key(10)
            let anchor = try await Devnet.deployAnchor(owner: owner, origin: testOrigin)
            var commitGas = [UInt64]()
            var lastSize: UInt64 = 0
            var submitting = Duration.zero
            for grow in [1, 1, 2, 4, 8, 16, 32, 64, 128, 256] {
                let c = try await log.grow(by: grow)
                let start = ContinuousClock.now
                let s = try await anchor.submit(c)
                submitting += ContinuousClock.now - start
                let receipt = try #require(try await anchor.rpc.transactionReceipt(try Hex.decode(s.id)))
                #expect(receipt.status == 1)
                commitGas.append(receipt.gasUsed)
                lastSize = c.size
            }
            // One transaction per checkpoint whatever its size: the first write of latest_size is
            // the dearest; after that commits differ only by calldata bytes (zero bytes are cheaper).
            let later = commitGas.dropFirst()
            #expect((later.max() ?? 0) - (later.min() ?? 0) < 1_000)
            #expect(commitGas[0] > (later.max() ?? 0))
            #expect(commitGas.allSatisfy { $0 < 120_000 })
            print("gas per commit (sizes 1…\(lastSize)): \(commitGas); \(commitGas.count) anchors submitted and mined in \(submitting)")

            // The anchored sizes are 1, 2, 4, …, 512, so leaf 0's proof in the tree of 2^k has k hashes.
            var byLength = [(hashes: Int, gas: UInt64)]()
            var size: UInt64 = 1
            while size <= lastSize {
                let proof = try await log.log.inclusionProof(index: 0, treeSize: size)
                let leaf = RFC9162.leafHash(log.entries[0])
                #expect(try await anchor.verifyInclusionOnChain(leafHash: leaf, index: 0, size: size, proof: proof.hashes))
                let data = try EthereumAnchor.verifyInclusionCall(leafHash: leaf, index: 0, size: size, proof: proof.hashes)
                // Measured as a transaction's gasUsed: eth-tester's eth_estimateGas over-estimates.
                let receipt = try await Devnet.send(from: owner, to: anchor.configuration.contract, data: data)
                #expect(receipt.status == 1)
                byLength.append((proof.hashes.count, receipt.gasUsed))
                size *= 2
            }
            #expect(byLength.map(\.hashes) == Array(0...9))
            // Each extra hash costs a precompile call and its calldata: gas grows strictly.
            #expect(zip(byLength, byLength.dropFirst()).allSatisfy { $0.gas < $1.gas })
            print("verify_inclusion gasUsed (as a transaction, incl. 21,000 + calldata) by proof length: \(byLength.map { "\($0.hashes): \($0.gas)" }.joined(separator: ", "))")
        }
    }
}
