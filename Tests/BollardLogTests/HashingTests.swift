import Crypto
import Testing

@testable import BollardLog

/// RFC9162's block path (pre-padded blocks straight into the SHA-256 block function) against
/// swift-crypto's streaming SHA256, across every length where the padding changes shape.
struct HashingTests {
    static func reference(_ prefix: UInt8, _ data: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: [prefix] + data))
    }

    @Test func leafHashEqualsStreamingSHA256ForEveryLengthUpTo300() {
        var rng = SystemRandomNumberGenerator()
        for length in 0...300 {
            let data = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            #expect(RFC9162.leafHash(data).bytes == Self.reference(0x00, data), "length \(length)")
        }
    }

    @Test func nodeHashEqualsStreamingSHA256() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<1000 {
            let left = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let right = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let got = RFC9162.nodeHash(MerkleHash(bytes: left)!, MerkleHash(bytes: right)!)
            #expect(got.bytes == Self.reference(0x01, left + right))
        }
    }

    @Test func emptyRootIsSHA256OfNothing() {
        #expect(RFC9162.emptyRoot.hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
