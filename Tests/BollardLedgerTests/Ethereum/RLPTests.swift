import BollardLedger
import Testing

@Suite("RLP")
struct RLPTests {
    /// The ethereum/tests convention for `in`: "#…" a decimal big integer, "0x…" hex bytes,
    /// another string its raw bytes, a number an integer, an array a list.
    static func item(_ value: Any) throws -> RLPItem {
        switch value {
        case let s as String:
            if s.hasPrefix("#") { return .bytes(bigEndianBytes(decimal: s.dropFirst())) }
            if s.hasPrefix("0x") { return .bytes(try Hex.decode(s)) }
            return .bytes(Array(s.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }))
        case let n as Int:
            return .uint(UInt64(n))
        case let a as [Any]:
            return .list(try a.map(item))
        default:
            throw EthereumVectors.Malformed(what: "RLP input \(value)")
        }
    }

    @Test("ethereum/tests rlptest.json: every value encodes to its bytes and decodes back")
    func valid() throws {
        let tests = try EthereumVectors.object("ethereum-tests/RLPTests/rlptest.json")
        #expect(tests.count == 28)
        for (name, raw) in tests.sorted(by: { $0.key < $1.key }) {
            let t = try #require(raw as? [String: Any])
            let expected = try Hex.decode(try EthereumVectors.string(t, "out"))
            let value = try Self.item(try #require(t["in"]))
            #expect(RLP.encode(value) == expected, "\(name) encodes")
            #expect(try RLP.decode(expected) == value, "\(name) decodes")
        }
    }

    @Test("ethereum/tests invalidRLPTest.json: every non-canonical or broken encoding is rejected")
    func invalid() throws {
        let tests = try EthereumVectors.object("ethereum-tests/RLPTests/invalidRLPTest.json")
        #expect(tests.count == 26)
        for (name, raw) in tests.sorted(by: { $0.key < $1.key }) {
            let t = try #require(raw as? [String: Any])
            let bytes = try Hex.decode(try EthereumVectors.string(t, "out"))
            #expect(throws: RLPError.self, "\(name)") { try RLP.decode(bytes) }
        }
    }

    @Test("errors name the offending header's byte offset")
    func errorPosition() {
        #expect(throws: RLPError(.nonCanonical, position: 1, "a single byte below 0x80 must be encoded as itself")) {
            try RLP.decode([0xc2, 0x81, 0x05])
        }
        #expect(throws: RLPError(.trailingBytes, position: 1, "1 bytes after the item")) { try RLP.decode([0x80, 0x80]) }
    }

    @Test("nesting deeper than the limit is refused, not recursed into")
    func depth() throws {
        func nested(_ depth: Int) -> RLPItem { depth == 1 ? .list([]) : .list([nested(depth - 1)]) }
        #expect(throws: RLPError.self) { try RLP.decode(RLP.encode(nested(RLP.maxDepth + 1))) }
        #expect(try RLP.decode(RLP.encode(nested(RLP.maxDepth))) == nested(RLP.maxDepth))
    }
}
