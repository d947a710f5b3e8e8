import BollardCore
import BollardLedger
import BollardLog
import Foundation
import Testing

@testable import BollardVerify

struct BundleVerifierTests {
    @Test func aGenuineBundleVerifies() async throws {
        let f = try await BundleFixture.make()
        let report = f.verifier.verify(f.bundle)
        #expect(report.passed, "\(report.failures)")
        #expect(report.skipped.isEmpty)
        for i in 0..<4 {
            for part in ["leaf", "canonical", "summary", "inclusion"] {
                #expect(report.check("item[\(i)].\(part)")?.outcome == .passed)
            }
        }
        for i in 0..<3 { #expect(report.check("item[\(i)].eventHash")?.outcome == .passed) }
        for name in ["bundle.format", "checkpoint.signature", "anchor[0].key", "anchor[0].signature", "anchor[0].commitment", "consistency[0]"] {
            #expect(report.check(name)?.outcome == .passed, "\(name)")
        }
    }

    @Test func withoutAHasherEventHashesAreSkippedNotPassed() async throws {
        let f = try await BundleFixture.make()
        let report = BundleVerifier.verify(f.bundle, logKey: f.logKey.verifierKey, ledgerKey: f.ledgerKey.verifierKey)
        #expect(report.passed)
        #expect(report.skipped.map(\.name) == ["item[0].eventHash", "item[1].eventHash", "item[2].eventHash"])
    }

    @Test func roundTripsThroughJSON() async throws {
        let f = try await BundleFixture.make()
        let json = try f.bundle.encoded()
        #expect(try ProofBundle.decode(json) == f.bundle)
        #expect(f.verifier.verify(json: json).passed)
        let object = try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any]
        #expect(object?["format"] as? String == "bollard.proof-bundle")
        #expect(object?["version"] as? Int == 1)
    }

    @Test func aFlippedBitInAnyLeafFailsItsInclusion() async throws {
        let f = try await BundleFixture.make()
        for (k, item) in f.bundle.items.enumerated() {
            let count = Base64.decode(item.leaf)?.count ?? 0
            #expect(count > 100)
            for byte in 0..<count {
                var b = f.bundle
                b.items[k].leaf = flipBase64(item.leaf, byte: byte, bit: byte)
                let report = f.verifier.verify(b)
                #expect(!report.passed)
                #expect(report.failed("item[\(k)].inclusion"), "leaf \(k) byte \(byte)")
            }
        }
    }

    @Test func aFlippedBitInAnyProofHashFails() async throws {
        let f = try await BundleFixture.make()
        for (k, item) in f.bundle.items.enumerated() {
            #expect(!item.inclusionProof.isEmpty)
            for (h, hash) in item.inclusionProof.enumerated() {
                for byte in 0..<32 {
                    let bit = byte * 8 + byte % 8
                    var b = f.bundle
                    b.items[k].inclusionProof[h] = flipBase64(hash, byte: byte, bit: bit)
                    let report = f.verifier.verify(b)
                    #expect(report.failed("item[\(k)].inclusion"), "item \(k) hash \(h) bit \(bit)")
                }
            }
        }
    }

    @Test func aFlippedBitInTheRootFailsTheSignatureProofsAndAnchor() async throws {
        let f = try await BundleFixture.make()
        let rootLine = f.bundle.log.checkpoint.split(separator: "\n", omittingEmptySubsequences: false)[2]
        for bit in stride(from: 0, to: 256, by: 7) {
            var b = f.bundle
            b.log.checkpoint = replacingLine(f.bundle.log.checkpoint, 2, with: flipBase64(String(rootLine), byte: bit / 8, bit: bit))
            let report = f.verifier.verify(b)
            #expect(report.failed("checkpoint.signature"))
            #expect(report.reason("checkpoint.signature").contains("badSignature"))
            #expect(report.failed("item[0].inclusion"))
            #expect(report.failed("anchor[0].commitment"))
            #expect(report.reason("anchor[0].commitment").contains("root"))
        }
    }

    @Test func aFlippedBitInTheCheckpointSignatureFails() async throws {
        let f = try await BundleFixture.make()
        let lines = f.bundle.log.checkpoint.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let sigLine = try #require(lines.firstIndex { $0.hasPrefix("— ") })
        let parts = lines[sigLine].split(separator: " ").map(String.init)
        for bit in stride(from: 32, to: 68 * 8, by: 5) {
            var b = f.bundle
            b.log.checkpoint = replacingLine(f.bundle.log.checkpoint, sigLine, with: "— \(parts[1]) \(flipBase64(parts[2], byte: bit / 8, bit: bit))")
            let report = f.verifier.verify(b)
            #expect(report.failed("checkpoint.signature"), "bit \(bit)")
        }
    }

    @Test func aCheckpointSignedByAnotherKeyFails() async throws {
        let f = try await BundleFixture.make()
        let impostor = try SignerKey.generate(name: fixtureOrigin)
        let checkpoint = try Checkpoint(text: Note.parse(f.checkpointNote).text)
        let forged = try CheckpointSigner(origin: fixtureOrigin, signers: [impostor.signer]).sign(checkpoint)
        var b = f.bundle
        b.log.checkpoint = String(decoding: forged, as: UTF8.self)
        let report = f.verifier.verify(b)
        #expect(report.failed("checkpoint.signature"))
        #expect(report.reason("checkpoint.signature").contains("noVerifiableSignature"))
        // Same size and root, so proofs still hold; the note hash the anchor commits differs.
        #expect(report.check("item[0].inclusion")?.outcome == .passed)
        #expect(report.failed("anchor[0].commitment"))
        #expect(report.reason("anchor[0].commitment").contains("note hash"))
    }

    @Test func anEditedAnchorFieldFailsTheAnchorSignature() async throws {
        let f = try await BundleFixture.make()
        let record = f.bundle.anchors[0].record
        let lines = record.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let edits: [(Int, String)] = [
            (1, "0"), (2, flipBase64(lines[2], byte: 3)), (3, String((Int(lines[3]) ?? 0) + 1)), (4, "bollard.example/other"),
            (5, "6"), (6, flipBase64(lines[6], byte: 31)), (7, flipBase64(lines[7], byte: 0)),
        ]
        for (line, replacement) in edits {
            var b = f.bundle
            b.anchors[0].record = replacingLine(record, line, with: replacement)
            let report = f.verifier.verify(b)
            #expect(report.failed("anchor[0].signature"), "line \(line)")
            #expect(report.reason("anchor[0].signature").contains("badSignature"))
        }
        let sig = lines[9].split(separator: " ").map(String.init)
        for bit in stride(from: 32, to: 68 * 8, by: 11) {
            var b = f.bundle
            b.anchors[0].record = replacingLine(record, 9, with: "— \(sig[1]) \(flipBase64(sig[2], byte: bit / 8, bit: bit))")
            #expect(f.verifier.verify(b).failed("anchor[0].signature"), "bit \(bit)")
        }
    }

    @Test func anAnchorForADifferentSizeFails() async throws {
        let f = try await BundleFixture.make(anchorEarlierCheckpointInstead: true)
        let report = f.verifier.verify(f.bundle)
        #expect(report.check("anchor[0].signature")?.outcome == .passed)
        #expect(report.failed("anchor[0].commitment"))
        #expect(report.reason("anchor[0].commitment") == "anchors size 6, the checkpoint has size 13")
        #expect(!report.passed)
    }

    @Test func anAnchorFromAnUntrustedLedgerFails() async throws {
        let f = try await BundleFixture.make()
        let other = try SignerKey.generate(name: "bollard.example/ledger")
        let report = BundleVerifier(logKey: f.logKey.verifierKey, ledgerKey: other.verifierKey).verify(f.bundle)
        #expect(report.failed("anchor[0].key"))
        #expect(report.failed("anchor[0].signature"))
    }

    @Test func aChangedEventHashOrSummaryFails() async throws {
        let f = try await BundleFixture.make()
        var b = f.bundle
        b.items[1].eventHash = b.items[0].eventHash
        var report = f.verifier.verify(b)
        #expect(report.failed("item[1].eventHash"))
        #expect(report.reason("item[1].eventHash").hasPrefix("stated"))

        b = f.bundle
        b.items[2].summary = BundleFixture.summary(f.leaves[0])
        report = f.verifier.verify(b)
        #expect(report.failed("item[2].summary"))
        #expect(report.check("item[2].inclusion")?.outcome == .passed)
    }

    @Test func consistencyProofsAreChecked() async throws {
        let f = try await BundleFixture.make()
        var b = f.bundle
        let hash = b.consistencyProofs[0].proof[0]
        b.consistencyProofs[0].proof[0] = flipBase64(hash, byte: 5)
        #expect(f.verifier.verify(b).failed("consistency[0]"))
        b = f.bundle
        b.consistencyProofs[0].fromCheckpoint = replacingLine(b.consistencyProofs[0].fromCheckpoint, 1, with: "7")
        #expect(f.verifier.verify(b).failed("consistency[0]"))
    }

    /// Hostile input is a failed check, never a crash or a throw.
    @Test func hostileInputIsAFailedCheck() async throws {
        let f = try await BundleFixture.make()
        var b = f.bundle
        b.items[0].leaf = "not base64!"
        b.items[1].inclusionProof = Array(repeating: b.items[1].inclusionProof[0], count: 10_000)
        b.items[2].inclusionProof[0] = "AAAA"
        b.items[3].index = UInt64.max
        var report = f.verifier.verify(b)
        #expect(report.reason("item[0].leaf") == "leaf is not canonical base64")
        #expect(report.reason("item[1].inclusion") == "10000 proof hashes; at most 64")
        #expect(report.reason("item[2].inclusion") == "proof hash 0 is not the base64 of 32 bytes")
        #expect(report.reason("item[3].inclusion").hasPrefix("index 18446744073709551615 is not below"))

        b = f.bundle
        b.items = Array(repeating: b.items[0], count: 11)
        b.anchors = Array(repeating: b.anchors[0], count: 65)
        b.version = 2
        report = BundleVerifier(logKey: f.logKey.verifierKey, ledgerKey: f.ledgerKey.verifierKey,
                                limits: BundleLimits(maxItems: 10)).verify(b)
        #expect(report.failed("bundle.format"))
        #expect(report.reason("items") == "11 items; at most 10")
        #expect(report.reason("anchors") == "65 anchors; at most 64")

        b = f.bundle
        b.anchors[0].ledger = "cosmos"
        report = f.verifier.verify(b)
        #expect(report.failed("anchor[0].ledger"))
        #expect(!report.passed)

        b = f.bundle
        b.anchors[0].ledger = "ethereum"
        report = f.verifier.verify(b)
        #expect(report.reason("anchor[0].ethereum") == "an \"ethereum\" anchor without its ethereum section")
        #expect(!report.passed)

        b = f.bundle
        b.items = []
        b.anchors = []
        b.log.checkpoint = "\u{0}garbage"
        report = f.verifier.verify(b)
        #expect(report.failed("checkpoint.signature"))
        #expect(report.failed("items"))
        #expect(report.failed("anchors"))

        for json in ["", "{", "[]", #"{"format":1}"#, String(repeating: "[", count: 100_000)] {
            report = f.verifier.verify(json: Array(json.utf8))
            #expect(report.failed("bundle.decode"))
            #expect(!report.passed)
        }
        // A non-canonical leaf (whitespace added) fails even before its inclusion proof does.
        b = f.bundle
        b.items[0].leaf = Base64.encode(Array(" ".utf8) + f.leaves[0])
        report = f.verifier.verify(b)
        #expect(report.failed("item[0].canonical"))
        #expect(report.failed("item[0].inclusion"))
    }
}
