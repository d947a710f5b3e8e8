import BollardLedger
import BollardLog
import Foundation
import Testing

@testable import BollardVerify

/// The bundle's Ethereum anchor section (bundle-format.md §4.2): built from an Ethereum anchor's
/// evidence, and checked offline for consistency only — the on-chain lookup is reported skipped.
struct EthereumAnchorSectionTests {
    static let transactionHash = "0x" + String(repeating: "ab", count: 32)
    static let blockHash = "0x" + String(repeating: "cd", count: 32)

    /// The fixture's bundle with its local anchor replaced by an Ethereum anchor of its checkpoint.
    static func ethereumBundle(_ f: BundleFixture) throws -> ProofBundle {
        let checkpoint = try Checkpoint(text: Note.parse(f.checkpointNote).text)
        let evidence = "{\"chainId\":\"0x539\",\"contract\":\"0x5FbDB2315678afecb367f032d93F642f64180aa3\","
            + "\"transactionHash\":\"\(transactionHash)\",\"blockNumber\":\"0x1c\",\"blockHash\":\"\(blockHash)\"}"
        let status = AnchorStatus(
            id: transactionHash, origin: checkpoint.origin, size: checkpoint.size, root: checkpoint.root, checkpointNoteHash: [],
            state: .confirmed, confirmations: 3, requiredConfirmations: 2, evidence: Array(evidence.utf8))
        var bundle = f.bundle
        bundle.anchors = [try ProofBundleBuilder.evidence(status, ledger: "ethereum", ledgerKey: f.ledgerKey.verifierKey)]
        return bundle
    }

    @Test func aConsistentEthereumAnchorVerifiesWithTheChainLookupSkipped() async throws {
        let f = try await BundleFixture.make()
        let bundle = try Self.ethereumBundle(f)
        let section = try #require(bundle.anchors[0].ethereum)
        #expect(section.blockNumber == "0x1c" && section.size == 13 && bundle.anchors[0].record.isEmpty)
        let report = BundleVerifier(logKey: f.logKey.verifierKey, ledgerKey: nil).verify(bundle)
        #expect(report.passed, "\(report.failures)")
        #expect(report.check("anchor[0].ethereum")?.outcome == .passed)
        #expect(report.check("anchor[0].commitment")?.outcome == .passed)
        #expect(report.check("anchor[0].chain")?.outcome == .skipped)
        // Survives JSON, and the local format gains no member.
        #expect(try ProofBundle.decode(try bundle.encoded()) == bundle)
        #expect(!String(decoding: try f.bundle.encoded(), as: UTF8.self).contains("ethereum"))
    }

    @Test func inconsistentEthereumFieldsFail() async throws {
        let f = try await BundleFixture.make()
        let verifier = BundleVerifier(logKey: f.logKey.verifierKey, ledgerKey: nil)
        let good = try Self.ethereumBundle(f)

        var b = good
        b.anchors[0].ethereum?.size = 12
        #expect(verifier.verify(b).reason("anchor[0].commitment") == "commits size 12, the checkpoint has size 13")

        b = good
        b.anchors[0].ethereum?.root = flipBase64(good.anchors[0].ethereum?.root ?? "", byte: 0)
        #expect(verifier.verify(b).failed("anchor[0].commitment"))

        b = good
        b.anchors[0].id = Self.blockHash
        b.anchors[0].ethereum?.blockNumber = "12"
        b.anchors[0].ethereum?.contract = "0x5fbdb2315678afecb367f032d93F642f64180aa3"
        let reason = verifier.verify(b).reason("anchor[0].ethereum")
        #expect(reason.contains("id is not the transaction hash"))
        #expect(reason.contains("blockNumber is not a QUANTITY"))
        #expect(reason.contains("contract is not an EIP-55 address"))

        // A local anchor needs the local ledger's key.
        #expect(verifier.verify(f.bundle).reason("anchor[0].key") == "a local-ledger anchor, and no trusted ledger key was given")
    }
}
