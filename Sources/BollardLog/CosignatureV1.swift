/// Timestamped Ed25519 checkpoint cosignatures, signature type 0x04 (C2SP tlog-cosignature).
///
/// The signature line carries `timestamped_signature`: a big-endian u64 POSIX timestamp followed
/// by a 64-byte Ed25519 signature over the *cosigned message*, which is not the note text but
/// `cosignature/v1\ntime <timestamp>\n` followed by it (§Ed25519 signed message). The message
/// does not name the cosigner, which is why one key must never serve two cosigners.
public enum CosignatureV1 {
    /// §Format: the timestamp "MUST NOT exceed 2^63 - 1".
    public static let maxTimestamp = UInt64(Int64.max)
    /// 8-byte timestamp plus 64-byte Ed25519 signature.
    public static let signatureLength = 8 + Ed25519.signatureLength

    /// The bytes the cosigner signs for a checkpoint note `text` (ends in newline, no signature
    /// lines) at `timestamp`.
    public static func message(timestamp: UInt64, text: [UInt8]) -> [UInt8] {
        var out = Array("cosignature/v1\ntime \(timestamp)\n".utf8)
        out.append(contentsOf: text)
        return out
    }

    /// The timestamp a cosignature claims, or nil when the signature is not a v1 cosignature's
    /// shape. Meaningful only once the signature has verified.
    public static func timestamp(of signature: NoteSignature) -> UInt64? {
        timestamp(signature.signature)
    }

    /// The big-endian u64 that opens a `timestamped_signature` of the right length.
    static func timestamp(_ timestampedSignature: [UInt8]) -> UInt64? {
        guard timestampedSignature.count == signatureLength else { return nil }
        var t: UInt64 = 0
        for b in timestampedSignature.prefix(8) { t = t << 8 | UInt64(b) }
        return t
    }
}
