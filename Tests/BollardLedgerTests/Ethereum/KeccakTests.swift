@testable import BollardLedger
import Testing

@Suite("Keccak-256")
struct KeccakTests {
    @Test("every generated Keccak-256 vector, including 1,000,000 × 'a'")
    func vectors() throws {
        let vectors = try EthereumVectors.vectors("generated/keccak256.json")
        #expect(vectors.count == 29)
        for v in vectors {
            let name = try EthereumVectors.string(v, "name")
            let input: [UInt8]
            if let repeatSpec = v["input_repeat"] as? [String: Any] {
                let byte = try Hex.decode(try EthereumVectors.string(repeatSpec, "byte_hex"))
                let count = try #require(repeatSpec["count"] as? Int)
                input = [UInt8](repeating: try #require(byte.first), count: count)
            } else {
                input = try Hex.decode(try EthereumVectors.string(v, "input_hex"))
            }
            let expected = try EthereumVectors.string(v, "keccak256")
            #expect(Hex.encode(Keccak256.hash(input)) == expected, "\(name)")
        }
    }

    @Test("incremental updates across the rate boundary equal one-shot hashing")
    func incremental() {
        let data = (0..<600).map { UInt8(truncatingIfNeeded: $0 * 7) }
        for split in [0, 1, 135, 136, 137, 272, 599, 600] {
            var k = Keccak256()
            k.update(data[..<split])
            k.update(data[split...])
            #expect(k.finalize() == Keccak256.hash(data), "split at \(split)")
        }
    }

    @Test("the same permutation with SHA3's 0x06 padding gives the SHA3-256 controls")
    func sha3Controls() throws {
        let controls = try #require(try EthereumVectors.object("generated/keccak256.json")["sha3_256_controls_not_keccak"] as? [[String: Any]])
        #expect(controls.count == 2)
        for c in controls {
            var k = Keccak256(suffix: 0x06)
            k.update(try Hex.decode(try EthereumVectors.string(c, "input_hex")))
            #expect(Hex.encode(k.finalize()) == (try EthereumVectors.string(c, "sha3_256")))
        }
    }
}
