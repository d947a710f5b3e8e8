/// A 32-byte SHA-256 output used as a node of an RFC 9162 Merkle tree.
///
/// Stored inline as four words so that trees of millions of nodes are flat arrays with no
/// per-hash allocation; the byte order of `bytes` is the digest's own order.
public struct MerkleHash: Hashable, Sendable, Comparable, CustomStringConvertible {
    @usableFromInline var w0: UInt64
    @usableFromInline var w1: UInt64
    @usableFromInline var w2: UInt64
    @usableFromInline var w3: UInt64

    public static let byteCount = 32

    @inlinable
    init(w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64) {
        self.w0 = w0; self.w1 = w1; self.w2 = w2; self.w3 = w3
    }

    /// Exactly 32 bytes, or nil.
    public init?<C: Collection>(bytes: C) where C.Element == UInt8 {
        guard bytes.count == MerkleHash.byteCount else { return nil }
        var h = MerkleHash(w0: 0, w1: 0, w2: 0, w3: 0)
        withUnsafeMutableBytes(of: &h) { raw in
            var i = 0
            for b in bytes { raw[i] = b; i += 1 }
        }
        self = h
    }

    /// Reads 32 bytes at `offset` of a raw buffer; the caller guarantees the range.
    @inlinable
    public init(unsafeFrom raw: UnsafeRawBufferPointer, offset: Int = 0) {
        var h = MerkleHash(w0: 0, w1: 0, w2: 0, w3: 0)
        withUnsafeMutableBytes(of: &h) { dst in
            dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + 32)]))
        }
        self = h
    }

    /// Lower-case hex, or nil when the text is not exactly 64 hex digits.
    public init?(hex: some StringProtocol) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 64 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(32)
        var i = 0
        while i < 64 {
            guard let hi = Self.nibble(utf8[i]), let lo = Self.nibble(utf8[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        self.init(bytes: out)
    }

    /// Standard base64 (RFC 4648 §4, padded), or nil when it does not decode to 32 bytes.
    public init?(base64: some StringProtocol) {
        guard let bytes = Base64.decode(String(base64)) else { return nil }
        self.init(bytes: bytes)
    }

    public var bytes: [UInt8] {
        Swift.withUnsafeBytes(of: self) { Array($0) }
    }

    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try Swift.withUnsafeBytes(of: self, body)
    }

    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public var base64: String { Base64.encode(bytes) }

    public var description: String { hex }

    public static func < (lhs: MerkleHash, rhs: MerkleHash) -> Bool {
        lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
