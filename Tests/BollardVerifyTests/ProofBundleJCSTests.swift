import BollardCore
import Foundation
import Testing

@testable import BollardVerify

/// `ProofBundle`'s hand-written RFC 8785 writer (what the HTTP service answers with) against its
/// `Codable` JSON canonicalized: the same value, byte for byte, for local and Ethereum anchors,
/// records with and without event hashes, consistency proofs, and strings that need escaping.
struct ProofBundleJCSTests {
    @Test func theWriterWritesTheCodableValueCanonically() async throws {
        let f = try await BundleFixture.make()
        #expect(f.bundle.items.contains { $0.eventHash == nil } && f.bundle.items.contains { $0.eventHash != nil })
        #expect(!f.bundle.consistencyProofs.isEmpty)
        var awkward = f.bundle
        awkward.subject.id = "lot \"quoted\" / back\\slash \u{1}\u{7f} é 🚢 \u{2028}"
        awkward.items[0].summary = .object([JCSMember("zeta", .number(1e21)), JCSMember("alpha", .array([.null, .bool(true), .number(-0.5)])),
                                            JCSMember("€", .string("\n\t"))])
        for bundle in [f.bundle, try EthereumAnchorSectionTests.ethereumBundle(f), awkward] {
            let viaCodable = try JCS.canonicalize(json: Array(try JSONEncoder().encode(bundle)))
            let written = try JCSWriter.encode(bundle)
            #expect(String(decoding: written, as: UTF8.self) == String(decoding: viaCodable, as: UTF8.self))
            // Read back, it is the same bundle (a summary's members come back in canonical order).
            #expect(try JCSWriter.encode(try ProofBundle.decode(written)) == written)
            #expect(f.verifier.verify(json: written).passed == (bundle != awkward))
        }
    }
}
