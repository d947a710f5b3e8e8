import Crypto

/// A submitted document's identity: the SHA-256 of its exact bytes (FIPS 180-4), so the same
/// bytes always get the same id and a resubmission is recognised without trusting any metadata.
public struct DocumentID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// 64 lowercase hex digits.
    public let hex: String

    public init(of bytes: [UInt8]) {
        let digest = SHA256.hash(data: bytes)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for b in digest {
            out.append(Self.digits[Int(b >> 4)])
            out.append(Self.digits[Int(b & 0x0f)])
        }
        hex = String(decoding: out, as: UTF8.self)
    }

    /// Parses a stored or user-given id; nil unless it is exactly 64 lowercase hex digits.
    public init?(hex: String) {
        let utf8 = hex.utf8
        guard utf8.count == 64,
              utf8.allSatisfy({ ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f")) })
        else { return nil }
        self.hex = hex
    }

    public var description: String { hex }
    public static func < (a: DocumentID, b: DocumentID) -> Bool { a.hex < b.hex }

    private static let digits = Array("0123456789abcdef".utf8)
}
