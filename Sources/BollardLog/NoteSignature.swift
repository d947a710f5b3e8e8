/// One signature line of a note: `— <key name> base64(key ID || signature)` (C2SP signed-note
/// §Signatures). The signature bytes are kept decoded; the strict base64 decoder admits exactly
/// one encoding per value, so `line` reproduces the parsed line byte for byte.
public struct NoteSignature: Sendable, Hashable {
    public var name: String
    public var keyID: UInt32
    /// The algorithm's signature, without the 4-byte key ID.
    public var signature: [UInt8]

    public init(name: String, keyID: UInt32, signature: [UInt8]) {
        self.name = name
        self.keyID = keyID
        self.signature = signature
    }

    /// `base64(key ID || signature)`.
    public var base64: String { Base64.encode(NoteKeyID.bigEndianBytes(keyID) + signature) }

    /// The whole signature line, including the em dash and the final newline.
    public var line: String { "\u{2014} \(name) \(base64)\n" }
}
