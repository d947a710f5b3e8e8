/// Verifies signature type 0x01: plain Ed25519 (RFC 8032) over the note text (C2SP signed-note
/// §Ed25519 signatures).
///
/// Holds the raw key rather than a swift-crypto key object so that the verifier is a plain
/// `Sendable` value.
public struct Ed25519NoteVerifier: NoteVerifier, Hashable {
    public let name: String
    public let keyID: UInt32
    public let publicKey: [UInt8]

    public init(name: String, publicKey: [UInt8]) throws(NoteError) {
        self.init(unchecked: try VerifierKey(name: name, type: .ed25519, publicKey: publicKey))
    }

    public init(vkey: String) throws(NoteError) {
        let key = try VerifierKey(parsing: vkey)
        guard key.type == .ed25519 else {
            throw NoteError(.unknownAlgorithm, "vkey \(key.name) is of type \(key.type), not Ed25519")
        }
        self.init(unchecked: key)
    }

    init(unchecked key: VerifierKey) {
        self.name = key.name
        self.keyID = key.keyID
        self.publicKey = key.publicKey
    }

    public var vkey: String {
        "\(name)+\(NoteKeyID.hex(keyID))+\(Base64.encode([NoteSignatureType.ed25519.rawValue] + publicKey))"
    }

    public func verify(text: [UInt8], signature: [UInt8]) -> Bool {
        Ed25519.verify(publicKey: publicKey, message: text, signature: signature)
    }
}
