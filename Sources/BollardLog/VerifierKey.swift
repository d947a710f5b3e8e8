/// A verifier key ("vkey"), C2SP signed-note §Verifier keys:
/// `<key name>+hex(32-bit key ID)+base64(signature type || public key)`.
///
/// Split on the first two pluses only: names cannot contain a plus but base64 can.
public struct VerifierKey: Sendable, Hashable {
    public let name: String
    public let keyID: UInt32
    public let type: NoteSignatureType
    public let publicKey: [UInt8]

    /// A vkey for `publicKey`, computing the key ID the spec recommends (and tlog-cosignature
    /// requires).
    public init(name: String, type: NoteSignatureType, publicKey: [UInt8]) throws(NoteError) {
        try NoteKeyName.validate(name, "vkey")
        guard publicKey.count == type.publicKeyLength else {
            throw NoteError(.malformedKey, "a \(type) public key is \(type.publicKeyLength) bytes, got \(publicKey.count)")
        }
        self.name = name
        self.type = type
        self.publicKey = publicKey
        self.keyID = NoteKeyID.compute(name: name, type: type, publicKey: publicKey)
    }

    /// Parses a vkey, refusing it unless its key ID is the hash of its name and key material.
    /// The ID is checked before the type byte is interpreted, as the Go reference does, so a
    /// vkey for an unsupported algorithm is reported as such only when it is otherwise intact.
    public init(parsing vkey: String) throws(NoteError) {
        let parts = vkey.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw NoteError(.malformedKey, "vkey is not name+keyid+key")
        }
        let name = String(parts[0])
        guard NoteKeyName.isValid(name) else {
            throw NoteError(.invalidKeyName, "vkey key name \"\(name)\" is empty or contains a space, plus or control character")
        }
        guard let id = NoteKeyID.parseHex(parts[1]) else {
            throw NoteError(.malformedKey, "vkey \(name): key ID \"\(parts[1])\" is not 8 lower-case hex digits")
        }
        guard let material = Base64.decode(String(parts[2])) else {
            throw NoteError(.badBase64, "vkey \(name): key is not canonical base64")
        }
        guard let typeByte = material.first else {
            throw NoteError(.malformedKey, "vkey \(name): empty key")
        }
        guard NoteKeyID.compute(name: name, typeAndKey: material) == id else {
            throw NoteError(.wrongKeyHash, "vkey \(name): key ID \(parts[1]) is not the hash of the name and key")
        }
        guard let type = NoteSignatureType(rawValue: typeByte) else {
            throw NoteError(.unknownAlgorithm, "vkey \(name): signature type 0x\(NoteText.hex(typeByte)) is not supported")
        }
        let key = Array(material.dropFirst())
        guard key.count == type.publicKeyLength else {
            throw NoteError(.malformedKey, "vkey \(name): a \(type) public key is \(type.publicKeyLength) bytes, got \(key.count)")
        }
        self.name = name
        self.keyID = id
        self.type = type
        self.publicKey = key
    }

    public var encoded: String {
        "\(name)+\(NoteKeyID.hex(keyID))+\(Base64.encode([type.rawValue] + publicKey))"
    }

    /// The verifier for this key's signature type.
    public func verifier() -> any NoteVerifier {
        switch type {
        case .ed25519: return Ed25519NoteVerifier(unchecked: self)
        case .cosignatureV1: return CosignatureVerifier(unchecked: self)
        }
    }
}
