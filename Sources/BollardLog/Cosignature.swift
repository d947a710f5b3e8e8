import Foundation

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
        guard signature.signature.count == signatureLength else { return nil }
        var t: UInt64 = 0
        for b in signature.signature.prefix(8) { t = t << 8 | UInt64(b) }
        return t
    }
}

/// A witness's cosigning key: Ed25519 under signature type 0x04, with the key ID computed over
/// the 0x04 type byte as tlog-cosignature §Format requires.
public struct CosignatureSigner: NoteSigner, CustomStringConvertible {
    public let name: String
    public let keyID: UInt32
    private let seed: [UInt8]
    public let publicKey: [UInt8]
    private let clock: @Sendable () -> UInt64

    /// `clock` gives the POSIX time to stamp; by default the system clock.
    public init(
        name: String, seed: [UInt8],
        clock: @escaping @Sendable () -> UInt64 = { UInt64(max(0, Date().timeIntervalSince1970)) }
    ) throws(NoteError) {
        try NoteKeyName.validate(name, "cosigner")
        let publicKey = try Ed25519.publicKey(seed: seed)
        self.name = name
        self.seed = seed
        self.publicKey = publicKey
        self.keyID = NoteKeyID.compute(name: name, type: .cosignatureV1, publicKey: publicKey)
        self.clock = clock
    }

    public var verifierKey: VerifierKey {
        VerifierKey(uncheckedName: name, keyID: keyID, type: .cosignatureV1, publicKey: publicKey)
    }

    public var verifier: CosignatureVerifier { CosignatureVerifier(unchecked: verifierKey) }

    public func sign(text: [UInt8]) throws(NoteError) -> [UInt8] {
        try sign(text: text, timestamp: clock())
    }

    /// The `timestamped_signature` for `text` at an explicit `timestamp`.
    public func sign(text: [UInt8], timestamp: UInt64) throws(NoteError) -> [UInt8] {
        guard timestamp <= CosignatureV1.maxTimestamp else {
            throw NoteError(.invalidTimestamp, "cosignature timestamp \(timestamp) exceeds 2^63 - 1")
        }
        var out = [UInt8]()
        out.reserveCapacity(CosignatureV1.signatureLength)
        for shift in stride(from: 56, through: 0, by: -8) {
            out.append(UInt8(timestamp >> UInt64(shift) & 0xff))
        }
        out.append(contentsOf: try Ed25519.sign(seed: seed, message: CosignatureV1.message(timestamp: timestamp, text: text)))
        return out
    }

    public var description: String { "CosignatureSigner(\(name)+\(NoteKeyID.hex(keyID)))" }
}

/// Verifies type 0x04 cosignatures. Refuses a timestamp above 2^63 - 1 (tlog-cosignature
/// §Format); whether a timestamp in the future is acceptable is the caller's policy, read with
/// `CosignatureV1.timestamp(of:)` after opening.
public struct CosignatureVerifier: NoteVerifier, Hashable {
    public let name: String
    public let keyID: UInt32
    public let publicKey: [UInt8]

    public init(name: String, publicKey: [UInt8]) throws(NoteError) {
        self.init(unchecked: try VerifierKey(name: name, type: .cosignatureV1, publicKey: publicKey))
    }

    public init(vkey: String) throws(NoteError) {
        let key = try VerifierKey(parsing: vkey)
        guard key.type == .cosignatureV1 else {
            throw NoteError(.unknownAlgorithm, "vkey \(key.name) is of type \(key.type), not a v1 cosignature")
        }
        self.init(unchecked: key)
    }

    init(unchecked key: VerifierKey) {
        self.name = key.name
        self.keyID = key.keyID
        self.publicKey = key.publicKey
    }

    public func verify(text: [UInt8], signature: [UInt8]) -> Bool {
        guard signature.count == CosignatureV1.signatureLength else { return false }
        var timestamp: UInt64 = 0
        for b in signature.prefix(8) { timestamp = timestamp << 8 | UInt64(b) }
        guard timestamp <= CosignatureV1.maxTimestamp else { return false }
        return Ed25519.verify(
            publicKey: publicKey, message: CosignatureV1.message(timestamp: timestamp, text: text),
            signature: Array(signature[8...]))
    }
}
