/// Signs with signature type 0x01: Ed25519 over the note text (C2SP signed-note §Ed25519
/// signatures). Ed25519 is deterministic (RFC 8032 §5.1.6), so the same key and text always give
/// the same note — which is what makes the signing known-answer tests exact.
public struct Ed25519NoteSigner: NoteSigner, CustomStringConvertible {
    public let name: String
    public let keyID: UInt32
    private let seed: [UInt8]
    public let publicKey: [UInt8]

    public init(name: String, seed: [UInt8]) throws(NoteError) {
        self.init(unchecked: try SignerKey(name: name, seed: seed))
    }

    public init(skey: String) throws(NoteError) {
        self.init(unchecked: try SignerKey(parsing: skey))
    }

    init(unchecked key: SignerKey) {
        self.name = key.name
        self.keyID = key.keyID
        self.seed = key.seed
        self.publicKey = key.publicKey
    }

    public var verifier: Ed25519NoteVerifier {
        Ed25519NoteVerifier(unchecked: VerifierKey(uncheckedName: name, keyID: keyID, type: .ed25519, publicKey: publicKey))
    }

    public func sign(text: [UInt8]) throws(NoteError) -> [UInt8] {
        try Ed25519.sign(seed: seed, message: text)
    }

    public var description: String { "Ed25519NoteSigner(\(name)+\(NoteKeyID.hex(keyID)))" }
}
