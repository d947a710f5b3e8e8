import Foundation

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

    /// The `timestamped_signature` for `text` at an explicit `timestamp`. The text must be a
    /// checkpoint: a cosignature is a statement about a tree head (tlog-cosignature §Format), so
    /// a cosigner refuses to put its key to anything else.
    public func sign(text: [UInt8], timestamp: UInt64) throws(NoteError) -> [UInt8] {
        guard timestamp <= CosignatureV1.maxTimestamp else {
            throw NoteError(.invalidTimestamp, "cosignature timestamp \(timestamp) exceeds 2^63 - 1")
        }
        _ = try Checkpoint(textBytes: text)
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
