import BollardTestSupport
import Foundation
import Testing

@testable import BollardLog

/// transparency-dev/merkle's probes (../shared/conformance/merkle/rfc6962/transparency-dev-merkle):
/// happy paths plus mutated proofs, roots and sizes that must be refused.
struct TransparencyDevProbeTests {
    struct InclusionProbe: Decodable {
        let leafIdx: UInt64
        let treeSize: UInt64
        let root: String?
        let leafHash: String?
        let proof: [String]?
        let desc: String
        let wantErr: Bool
    }

    struct ConsistencyProbe: Decodable {
        let size1: UInt64
        let size2: UInt64
        let root1: String?
        let root2: String?
        let proof: [String]?
        let desc: String
        let wantErr: Bool
    }

    static func decodeBytes(_ s: String?) -> [UInt8] {
        guard let s else { return [] }
        return Base64.decode(s) ?? Array(repeating: 0xEE, count: 1)
    }

    static func probes(_ kind: String) throws -> [URL] {
        let dir = try SharedData.conformance("merkle/rfc6962/transparency-dev-merkle/testdata/\(kind)")
        return try SharedData.files(under: dir, extensions: ["json"])
    }

    func verifyInclusion(_ p: InclusionProbe) throws {
        try ProofVerification.verifyInclusion(
            leafHash: Self.decodeBytes(p.leafHash), index: p.leafIdx, treeSize: p.treeSize,
            proof: (p.proof ?? []).map { Self.decodeBytes($0) }, root: Self.decodeBytes(p.root))
    }

    func verifyConsistency(_ p: ConsistencyProbe) throws {
        try ProofVerification.verifyConsistency(
            size1: p.size1, size2: p.size2, proof: (p.proof ?? []).map { Self.decodeBytes($0) },
            root1: Self.decodeBytes(p.root1), root2: Self.decodeBytes(p.root2))
    }

    @Test func everyInclusionProbe() throws {
        let files = try Self.probes("inclusion")
        var accepted = 0, refused = 0
        for file in files {
            let probe = try JSONDecoder().decode(InclusionProbe.self, from: Data(contentsOf: file))
            let outcome = Result { try verifyInclusion(probe) }
            switch (outcome, probe.wantErr) {
            case (.success, false): accepted += 1
            case (.failure, true): refused += 1
            case (.success, true): Issue.record("accepted a probe that must fail: \(file.path) — \(probe.desc)")
            case (.failure(let e), false): Issue.record("refused a valid probe \(file.path): \(e)")
            }
        }
        #expect(accepted > 0 && refused > 0)
        #expect(accepted + refused == files.count)
    }

    @Test func everyConsistencyProbe() throws {
        let files = try Self.probes("consistency")
        var accepted = 0, refused = 0
        for file in files {
            let probe = try JSONDecoder().decode(ConsistencyProbe.self, from: Data(contentsOf: file))
            let outcome = Result { try verifyConsistency(probe) }
            switch (outcome, probe.wantErr) {
            case (.success, false): accepted += 1
            case (.failure, true): refused += 1
            case (.success, true): Issue.record("accepted a probe that must fail: \(file.path) — \(probe.desc)")
            case (.failure(let e), false): Issue.record("refused a valid probe \(file.path): \(e)")
            }
        }
        #expect(accepted > 0 && refused > 0)
        #expect(accepted + refused == files.count)
    }

    @Test func probeCountMatchesTheIssue() throws {
        #expect(try Self.probes("inclusion").count + Self.probes("consistency").count == 196)
    }
}
