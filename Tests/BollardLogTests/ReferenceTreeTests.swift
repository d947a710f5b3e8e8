import BollardTestSupport
import Foundation
import Testing

@testable import BollardLog

/// The classic 8-leaf tree (../shared/conformance/merkle/rfc6962/reference-tree-8.json): every
/// value here is computed by the code under test and compared with the published one, and the
/// proofs are GENERATED, not just verified.
struct ReferenceTreeTests {
    struct Vectors: Decodable {
        struct KAT: Decodable {
            let fn: String
            let inputHex: String?
            let leftHex: String?
            let rightHex: String?
            let want: String
        }
        struct Inclusion: Decodable {
            let leafIndex: UInt64
            let treeSize: UInt64
            let leafHash: String
            let root: String
            let proof: [String]
        }
        struct Consistency: Decodable {
            let size1: UInt64
            let size2: UInt64
            let root1: String
            let root2: String
            let proof: [String]
        }
        let hasherKAT: [KAT]
        let leavesHex: [String]
        let nodeHashes: [[String]]
        let rootHashes: [String]
        let inclusionProofs: [Inclusion]
        let consistencyProofs: [Consistency]
    }

    static func load() throws -> Vectors {
        let url = try SharedData.conformance("merkle/rfc6962/reference-tree-8.json")
        return try JSONDecoder().decode(Vectors.self, from: Data(contentsOf: url))
    }

    static func bytes(_ hex: String) throws -> [UInt8] {
        let utf8 = Array(hex.utf8)
        try #require(utf8.count % 2 == 0)
        return try stride(from: 0, to: utf8.count, by: 2).map { i in
            try #require(UInt8(String(decoding: utf8[i..<(i + 2)], as: UTF8.self), radix: 16))
        }
    }

    static func hash(_ hex: String) throws -> MerkleHash {
        try #require(MerkleHash(hex: hex))
    }

    static func tree(_ v: Vectors) throws -> StoredHashTree {
        var tree = StoredHashTree()
        for leaf in v.leavesHex { tree.append(entry: try bytes(leaf)) }
        return tree
    }

    @Test func hasherKnownAnswers() throws {
        let v = try Self.load()
        #expect(v.hasherKAT.count == 4)
        for kat in v.hasherKAT {
            let got: [UInt8]
            switch kat.fn {
            case "emptyRoot":
                got = RFC9162.emptyRoot.bytes
            case "hashLeaf":
                got = RFC9162.leafHash(try Self.bytes(try #require(kat.inputHex))).bytes
            case "hashChildren":
                // The KAT uses short children, so it goes through the same pre-padded block
                // function nodeHash uses, with the 0x01 prefix; nodeHash itself is checked by
                // every node below.
                let input = (try Self.bytes(try #require(kat.leftHex))) + (try Self.bytes(try #require(kat.rightHex)))
                got = input.withUnsafeBytes { RFC9162.blockDigest(prefix: 0x01, $0) }.bytes
            default:
                Issue.record("unknown KAT function \(kat.fn)")
                continue
            }
            #expect(got == (try Self.bytes(kat.want)), "\(kat.fn)")
        }
    }

    @Test func everyNodeHashIsAStoredHash() throws {
        let v = try Self.load()
        let tree = try Self.tree(v)
        var checked = 0
        for (level, row) in v.nodeHashes.enumerated() {
            for (n, hex) in row.enumerated() {
                let index = StoredHashes.index(level: level, n: UInt64(n))
                #expect(tree.hashes[Int(index)] == (try Self.hash(hex)), "node level \(level) n \(n)")
                checked += 1
            }
        }
        #expect(checked == 15)
        #expect(tree.hashes.count == Int(StoredHashes.count(treeSize: 8)))
    }

    @Test func rootsForEverySize() async throws {
        let v = try Self.load()
        let tree = try Self.tree(v)
        let log = try await TransparencyLog.inMemory(signer: TestSigner())
        #expect(await log.treeHead == .empty)
        for (size, hex) in v.rootHashes.enumerated() {
            let want = try Self.hash(hex)
            #expect(try tree.rootHash(treeSize: UInt64(size)) == want, "size \(size)")
            if size > 0 {
                _ = try await log.append(try Self.bytes(v.leavesHex[size - 1]))
            }
            #expect(await log.treeHead == TreeHead(size: UInt64(size), rootHash: want))
        }
        for size in 0...8 {
            #expect(try await log.rootHash(treeSize: UInt64(size)) == (try Self.hash(v.rootHashes[size])))
        }
    }

    @Test func generatedInclusionProofsEqualTheListedOnes() async throws {
        let v = try Self.load()
        let tree = try Self.tree(v)
        let log = try await TransparencyLog.open(store: MemoryTileStore(), signer: TestSigner())
        _ = try await log.append(try v.leavesHex.map(Self.bytes))
        #expect(v.inclusionProofs.count == 5)
        for p in v.inclusionProofs {
            let want = try p.proof.map(Self.hash)
            let fromTree = try tree.inclusionProof(index: p.leafIndex, treeSize: p.treeSize)
            let fromTiles = try await log.inclusionProof(index: p.leafIndex, treeSize: p.treeSize)
            #expect(fromTree.hashes == want, "index \(p.leafIndex) size \(p.treeSize)")
            #expect(fromTiles == fromTree)
            try fromTree.verify(leafHash: try Self.hash(p.leafHash), root: try Self.hash(p.root))
        }
    }

    @Test func generatedConsistencyProofsEqualTheListedOnes() async throws {
        let v = try Self.load()
        let tree = try Self.tree(v)
        let log = try await TransparencyLog.open(store: MemoryTileStore(), signer: TestSigner())
        for leaf in v.leavesHex { _ = try await log.append(try Self.bytes(leaf)) }
        #expect(v.consistencyProofs.count == 5)
        for p in v.consistencyProofs {
            let want = try p.proof.map(Self.hash)
            let fromTree = try tree.consistencyProof(size1: p.size1, size2: p.size2)
            let fromTiles = try await log.consistencyProof(size1: p.size1, size2: p.size2)
            #expect(fromTree.hashes == want, "sizes \(p.size1)→\(p.size2)")
            #expect(fromTiles == fromTree)
            try fromTree.verify(root1: try Self.hash(p.root1), root2: try Self.hash(p.root2))
        }
    }

    @Test func proofsOutsideTheTreeAreRefused() throws {
        let v = try Self.load()
        let tree = try Self.tree(v)
        #expect(throws: ProofError.self) { try tree.inclusionProof(index: 8, treeSize: 8) }
        #expect(throws: ProofError.self) { try tree.inclusionProof(index: 0, treeSize: 9) }
        #expect(throws: ProofError.self) { try tree.consistencyProof(size1: 0, size2: 8) }
        #expect(throws: ProofError.self) { try tree.consistencyProof(size1: 5, size2: 4) }
        #expect(throws: ProofError.self) { try tree.rootHash(treeSize: 9) }
    }
}
