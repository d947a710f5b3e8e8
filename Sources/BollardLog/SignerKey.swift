/// A signer key ("skey") in the encoding of golang.org/x/mod/sumdb/note:
/// `PRIVATE+KEY+<key name>+hex(key ID)+base64(0x01 || 32-byte Ed25519 seed)`.
///
/// Split on the first four pluses only (base64 can contain a plus). The key ID is that of the
/// *public* key, so it can only be checked after deriving the public key from the seed.
public struct SignerKey: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public let keyID: UInt32
    /// The RFC 8032 §5.1.5 private key seed. Kept out of `description`.
    public let seed: [UInt8]
    public let publicKey: [UInt8]

    public init(name: String, seed: [UInt8]) throws(NoteError) {
        try NoteKeyName.validate(name, "skey")
        let publicKey = try Ed25519.publicKey(seed: seed)
        self.name = name
        self.seed = seed
        self.publicKey = publicKey
        self.keyID = NoteKeyID.compute(name: name, type: .ed25519, publicKey: publicKey)
    }

    public init(parsing skey: String) throws(NoteError) {
        let parts = skey.split(separator: "+", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "PRIVATE", parts[1] == "KEY" else {
            throw NoteError(.malformedKey, "skey is not PRIVATE+KEY+name+keyid+key")
        }
        let name = String(parts[2])
        guard NoteKeyName.isValid(name) else {
            throw NoteError(.invalidKeyName, "skey key name \"\(name)\" is empty or contains a space, plus or control character")
        }
        guard let id = NoteKeyID.parseHex(parts[3]) else {
            throw NoteError(.malformedKey, "skey \(name): key ID is not 8 lower-case hex digits")
        }
        guard let material = Base64.decode(String(parts[4])) else {
            throw NoteError(.badBase64, "skey \(name): key is not canonical base64")
        }
        guard let typeByte = material.first else {
            throw NoteError(.malformedKey, "skey \(name): empty key")
        }
        guard typeByte == NoteSignatureType.ed25519.rawValue else {
            throw NoteError(.unknownAlgorithm, "skey \(name): signature type 0x\(NoteText.hex(typeByte)) is not supported")
        }
        try self.init(name: name, seed: Array(material.dropFirst()))
        guard keyID == id else {
            throw NoteError(.wrongKeyHash, "skey \(name): key ID \(parts[3]) is not the hash of the name and public key")
        }
    }

    /// A new random Ed25519 key for `name`.
    public static func generate(name: String) throws(NoteError) -> SignerKey {
        try SignerKey(name: name, seed: Ed25519.newSeed())
    }

    /// A new key as the two strings golang.org/x/mod/sumdb/note's GenerateKey returns: the
    /// skey to keep secret and the vkey to give to verifiers.
    public static func generateEncoded(name: String) throws(NoteError) -> (skey: String, vkey: String) {
        let key = try generate(name: name)
        return (key.encoded, key.verifierKey.encoded)
    }

    public var encoded: String {
        "PRIVATE+KEY+\(name)+\(NoteKeyID.hex(keyID))+\(Base64.encode([NoteSignatureType.ed25519.rawValue] + seed))"
    }

    /// The matching vkey, to hand to verifiers.
    public var verifierKey: VerifierKey {
        VerifierKey(uncheckedName: name, keyID: keyID, type: .ed25519, publicKey: publicKey)
    }

    public var signer: Ed25519NoteSigner { Ed25519NoteSigner(unchecked: self) }

    public var description: String { "SignerKey(\(name)+\(NoteKeyID.hex(keyID)), seed redacted)" }
}

extension VerifierKey {
    init(uncheckedName name: String, keyID: UInt32, type: NoteSignatureType, publicKey: [UInt8]) {
        self.name = name
        self.keyID = keyID
        self.type = type
        self.publicKey = publicKey
    }
}
