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
        guard let timestamp = CosignatureV1.timestamp(signature), timestamp <= CosignatureV1.maxTimestamp else {
            return false
        }
        return Ed25519.verify(
            publicKey: publicKey, message: CosignatureV1.message(timestamp: timestamp, text: text),
            signature: Array(signature[8...]))
    }
}
