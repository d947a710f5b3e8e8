import Crypto

/// The 32-bit key ID that, together with the key name, names a key in a signature line.
///
/// C2SP signed-note §Signatures: `SHA-256(key name || 0x0A || signature type || public key)[:4]`
/// read big-endian. It is an identifier, not a cryptographic commitment: a collision only
/// leads to a signature that fails to verify.
public enum NoteKeyID {
    public static func compute(name: String, type: NoteSignatureType, publicKey: some Collection<UInt8>) -> UInt32 {
        compute(name: name, typeAndKey: [type.rawValue] + Array(publicKey))
    }

    /// Over the key material exactly as a vkey carries it (type byte first), so a vkey's ID can
    /// be checked before its type is understood.
    static func compute(name: String, typeAndKey: [UInt8]) -> UInt32 {
        var sha = SHA256()
        sha.update(data: Array(name.utf8))
        sha.update(data: [0x0A])
        sha.update(data: typeAndKey)
        var id: UInt32 = 0
        for (i, b) in sha.finalize().enumerated() where i < 4 {
            id = id << 8 | UInt32(b)
        }
        return id
    }

    /// Fixed-length lower-case hex, as vkeys spell the ID (signed-note §Conventions).
    public static func hex(_ id: UInt32) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8](repeating: 0, count: 8)
        for i in 0..<8 {
            out[i] = digits[Int(id >> UInt32(28 - 4 * i) & 0xf)]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Exactly eight lower-case hex digits, or nil. Upper case is refused because the spec
    /// fixes lower case and a second spelling would make two vkeys for one key.
    public static func parseHex(_ text: some StringProtocol) -> UInt32? {
        let utf8 = text.utf8
        guard utf8.count == 8 else { return nil }
        var id: UInt32 = 0
        for c in utf8 {
            let v: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = c - UInt8(ascii: "a") + 10
            default: return nil
            }
            id = id << 4 | UInt32(v)
        }
        return id
    }

    static func bigEndianBytes(_ id: UInt32) -> [UInt8] {
        [UInt8(id >> 24), UInt8(id >> 16 & 0xff), UInt8(id >> 8 & 0xff), UInt8(id & 0xff)]
    }
}
