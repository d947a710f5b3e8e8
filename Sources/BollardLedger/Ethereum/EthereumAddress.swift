/// A 20-byte account address: the last 20 bytes of the Keccak-256 of an uncompressed public
/// key (Yellow Paper §7), written with the EIP-55 mixed-case checksum.
public struct EthereumAddress: Sendable, Hashable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init?(bytes: [UInt8]) {
        guard bytes.count == 20 else { return nil }
        self.bytes = bytes
    }

    /// Parses "0x" + 40 hex digits. All-lower or all-upper case is accepted unchecked
    /// (EIP-55: such addresses carry no checksum); mixed case must match the checksum exactly.
    public init(hex text: some StringProtocol) throws(EthereumError) {
        let s = Substring(text)
        guard s.hasPrefix("0x") || s.hasPrefix("0X") else {
            throw EthereumError(.invalidAddress, "address \(s.prefix(50)) lacks the 0x prefix")
        }
        let digits = s.dropFirst(2)
        guard digits.utf8.count == 40 else {
            throw EthereumError(.invalidAddress, "address has \(digits.utf8.count) hex digits, not 40")
        }
        let b = try Hex.decode(digits, what: "address")
        self.bytes = b
        let hasLower = digits.utf8.contains { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f") }
        let hasUpper = digits.utf8.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "F") }
        if hasLower && hasUpper, String(digits) != Self.checksumDigits(b) {
            throw EthereumError(.badChecksum, "address \(s) does not match its EIP-55 checksum \(checksummed)")
        }
    }

    /// The address of an uncompressed public key given as its 64 coordinate bytes (no 0x04).
    public init?(publicKey: [UInt8]) {
        guard publicKey.count == 64 else { return nil }
        self.bytes = Array(Keccak256.hash(publicKey)[12...])
    }

    /// EIP-55: hex digit i is upper-cased when nibble i of keccak256(lower-case hex) is ≥ 8.
    public var checksummed: String { "0x" + Self.checksumDigits(bytes) }

    public var description: String { checksummed }

    private static func checksumDigits(_ bytes: [UInt8]) -> String {
        var lower = Array(Hex.encode(bytes, prefix: false).utf8)
        let hash = Keccak256.hash(lower)
        for i in lower.indices where lower[i] >= UInt8(ascii: "a") {
            let nibble = i % 2 == 0 ? hash[i / 2] >> 4 : hash[i / 2] & 0x0f
            if nibble >= 8 { lower[i] -= 0x20 }
        }
        return String(decoding: lower, as: UTF8.self)
    }
}
