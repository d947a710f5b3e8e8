/// A C2SP signed note (c2sp.org/signed-note): a text ending in newline, a blank line, and one
/// or more signature lines.
///
/// A parsed `Note` is unverified: its text MUST be ignored until `Note.open` has checked a
/// signature from a trusted key (signed-note, introduction). Parsing alone exists for tools that
/// inspect or countersign a note, e.g. a witness adding its cosignature.
public struct Note: Sendable, Equatable {
    /// The signed text: ends in a newline and excludes the blank separator line.
    public let text: String
    public let signatures: [NoteSignature]

    /// Checks that `text` can be signed: it ends in a newline and holds no control character
    /// other than newline (§Format), and that every signature carries a valid key name.
    public init(text: String, signatures: [NoteSignature] = []) throws(NoteError) {
        let bytes = Array(text.utf8)
        try Note.validateText(bytes)
        for sig in signatures {
            try NoteKeyName.validate(sig.name, "signature")
        }
        self.text = text
        self.signatures = signatures
    }

    init(unchecked text: String, signatures: [NoteSignature]) {
        self.text = text
        self.signatures = signatures
    }

    static func validateText(_ bytes: [UInt8]) throws(NoteError) {
        guard bytes.last == 0x0A else {
            throw NoteError(.malformedNote, "note text must end in a newline")
        }
        try NoteText.validate(bytes)
    }

    /// The note as it travels: text, blank line, one line per signature.
    public func encoded() -> [UInt8] {
        var out = Array(text.utf8)
        out.append(0x0A)
        for sig in signatures {
            out.append(contentsOf: sig.line.utf8)
        }
        return out
    }

    /// Adds a signature from each of `signers`, after the existing ones. An existing signature
    /// by the same key (name and key ID) is replaced, as golang.org/x/mod/sumdb/note does, so
    /// re-signing never leaves two signatures for one key.
    public func signed(by signers: [any NoteSigner]) throws(NoteError) -> Note {
        let textBytes = Array(text.utf8)
        var replaced = Set<NoteVerifiers.KeyName>()
        var fresh = [NoteSignature]()
        for signer in signers {
            try NoteKeyName.validate(signer.name, "signer")
            replaced.insert(NoteVerifiers.KeyName(name: signer.name, keyID: signer.keyID))
            let sig = try signer.sign(text: textBytes)
            fresh.append(NoteSignature(name: signer.name, keyID: signer.keyID, signature: sig))
        }
        let kept = signatures.filter { !replaced.contains(NoteVerifiers.KeyName(name: $0.name, keyID: $0.keyID)) }
        guard !kept.isEmpty || !fresh.isEmpty else {
            throw NoteError(.malformedNote, "a signed note needs at least one signature and no signer was given")
        }
        return Note(unchecked: text, signatures: kept + fresh)
    }

    /// Signs `text` with `signers` and returns the encoded note.
    public static func sign(text: String, signers: [any NoteSigner]) throws(NoteError) -> [UInt8] {
        try Note(text: text).signed(by: signers).encoded()
    }

    /// Parses the note structure without verifying any signature (signed-note §Format).
    public static func parse(_ bytes: [UInt8], limits: NoteLimits = .default) throws(NoteError) -> Note {
        try NoteParser.parse(bytes, limits: limits)
    }
}
