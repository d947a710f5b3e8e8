import BollardLedger
import Testing

@Suite("ABI and addresses")
struct ABITests {
    @Test("selectors and event topics equal the Keccak-256 vectors of their signatures")
    func selectors() throws {
        let vectors = try EthereumVectors.vectors("generated/keccak256.json")
        let signatures = vectors.filter { ($0["name"] as? String)?.hasPrefix("sig:") == true }
        #expect(signatures.count == 6)
        let functions = [
            ABIFunction(name: "transfer", inputs: [.address, .uint(256)]),
            ABIFunction(name: "commit", inputs: [.uint(64), .bytes32]),
            ABIFunction(name: "root_of", inputs: [.uint(64)]),
            ABIFunction(name: "owner", inputs: []),
        ]
        for f in functions {
            let v = try #require(signatures.first { $0["input_utf8"] as? String == f.signature }, "\(f.signature)")
            let digest = try EthereumVectors.string(v, "keccak256")
            #expect(Hex.encode(f.selector) == String(digest.prefix(10)), "\(f.signature)")
        }
    }

    @Test("the devnet commit vector's call data is the ABI encoding of commit(7, keccak('bollard batch 7'))")
    func commitCallData() throws {
        let v = try #require(try EthereumVectors.vectors("generated/eip1559_signed.json").first { $0["name"] as? String == "commit_call_devnet" })
        let data = try Hex.decode(try EthereumVectors.string(try #require(v["tx"] as? [String: Any]), "data"))
        let commit = ABIFunction(name: "commit", inputs: [.uint(64), .bytes32])
        let root = Keccak256.hash(Array("bollard batch 7".utf8))
        #expect(try commit.encodeCall([.uint(7), .bytes32(root)]) == data)
        #expect(try ABI.decode(Array(data.dropFirst(4)), as: commit.inputs) == [.uint(7), .bytes32(root)])
    }

    @Test("dynamic bytes32[] round-trips through head/tail encoding")
    func dynamicArray() throws {
        let types: [ABIType] = [.bytes32, .uint(256), .uint(256), .bytes32Array, .bool, .address]
        let proof = (0..<3).map { i in [UInt8](repeating: UInt8(i + 1), count: 32) }
        let address = try EthereumAddress(hex: "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf")
        let values: [ABIValue] = [.bytes32([UInt8](repeating: 9, count: 32)), .uint(5), .uint(11), .bytes32Array(proof), .bool(true), .address(address)]
        let encoded = try ABI.encode(values, as: types)
        #expect(encoded.count == 32 * 6 + 32 + 32 * 3)
        #expect(UInt256(bigEndian: encoded[96..<128]) == UInt256(192))
        #expect(try ABI.decode(encoded, as: types) == values)
    }

    @Test("ill-formed ABI data is refused: bool word 2, dirty address padding, array past the end, narrow uint overflow")
    func strictDecoding() throws {
        var bool = [UInt8](repeating: 0, count: 32)
        bool[31] = 2
        #expect(throws: EthereumError.self) { try ABI.decode(bool, as: [.bool]) }
        #expect(throws: EthereumError.self) { try ABI.decode([UInt8](repeating: 0xff, count: 32), as: [.address]) }
        #expect(throws: EthereumError.self) { try ABI.decode(UInt256(32).word + UInt256(5).word, as: [.bytes32Array]) }
        #expect(throws: EthereumError.self) { try ABI.encode([.uint(UInt256(1 << 40))], as: [.uint(32)]) }
        #expect(throws: EthereumError.self) { try ABI.decode(UInt256(1 << 40).word, as: [.uint(32)]) }
    }

    @Test("EIP-55: vector senders keep their checksum; one flipped letter is refused; lower case is unchecked")
    func checksums() throws {
        let senders = Set(try EthereumVectors.vectors("generated/eip1559_signed.json").map { try EthereumVectors.string($0, "sender") })
        #expect(!senders.isEmpty)
        for s in senders {
            let a = try EthereumAddress(hex: s)
            #expect(a.checksummed == s)
            #expect(try EthereumAddress(hex: s.lowercased()) == a)
            var chars = Array(s)
            let i = try #require(chars.indices.dropFirst(2).first { chars[$0].isLetter })
            chars[i] = chars[i].isUppercase ? Character(chars[i].lowercased()) : Character(chars[i].uppercased())
            #expect(throws: EthereumError(.badChecksum, "address \(String(chars)) does not match its EIP-55 checksum \(s)")) {
                try EthereumAddress(hex: String(chars))
            }
        }
        #expect(throws: EthereumError.self) { try EthereumAddress(hex: "0x1234") }
        #expect(throws: EthereumError.self) { try EthereumAddress(hex: "7E5F4552091A69125d5DfCb7b8C2659029395Bdf") }
    }

    @Test("private keys out of range are refused")
    func privateKeys() throws {
        #expect(throws: EthereumError.self) { try EthereumPrivateKey(bytes: [UInt8](repeating: 0, count: 32)) }
        #expect(throws: EthereumError.self) { try EthereumPrivateKey(bytes: [UInt8](repeating: 0xff, count: 32)) }
        #expect(throws: EthereumError.self) { try EthereumPrivateKey(bytes: [1]) }
    }

    @Test("UInt256 quantities: hex and decimal text, overflow detection")
    func quantities() throws {
        let max = try #require(UInt256(quantity: "0x" + String(repeating: "f", count: 64)))
        #expect(max == UInt256.max)
        #expect(UInt256(quantity: "0x1" + String(repeating: "0", count: 64)) == nil)
        #expect(max.addingReportingOverflow(1).overflow)
        #expect(UInt256(quantity: "115792089237316195423570985008687907853269984665640564039457584007913129639935") == max)
        #expect(max.description == "115792089237316195423570985008687907853269984665640564039457584007913129639935")
        #expect(UInt256(0).quantity == "0x0")
        #expect(UInt256(0x1f4).quantity == "0x1f4")
    }
}
