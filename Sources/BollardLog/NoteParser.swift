/// Byte-level parser for the signed-note wire form (C2SP signed-note §Format), modelled on
/// golang.org/x/mod/sumdb/note.Open: the text is separated from the signatures by the *last*
/// blank line, every line after it must be a signature line, and the note ends in a newline.
enum NoteParser {
    /// `— ` : U+2014 EM DASH in UTF-8, then a space.
    static let signaturePrefix: [UInt8] = [0xE2, 0x80, 0x94, 0x20]

    static func parse(_ bytes: [UInt8], limits: NoteLimits) throws(NoteError) -> Note {
        guard bytes.count <= limits.maxBytes else {
            throw NoteError(.tooLong, "note is \(bytes.count) bytes, the limit is \(limits.maxBytes)")
        }
        try NoteText.validate(bytes)

        var split = bytes.count - 2
        while split >= 0 && !(bytes[split] == 0x0A && bytes[split + 1] == 0x0A) {
            split -= 1
        }
        guard split >= 0 else {
            throw NoteError(.malformedNote, "no blank line separates the text from the signatures")
        }
        let textEnd = split + 1
        let signaturesStart = split + 2
        guard signaturesStart < bytes.count else {
            throw NoteError(.malformedNote, "no signature lines after the blank line")
        }
        guard bytes[bytes.count - 1] == 0x0A else {
            throw NoteError(.malformedNote, "the last signature line does not end in a newline")
        }

        var signatures = [NoteSignature]()
        var lineStart = signaturesStart
        var lineNumber = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while bytes[lineEnd] != 0x0A { lineEnd += 1 }
            lineNumber += 1
            guard lineNumber <= limits.maxSignatures else {
                throw NoteError(.tooManySignatures, "more than \(limits.maxSignatures) signature lines")
            }
            signatures.append(try signatureLine(bytes[lineStart..<lineEnd], number: lineNumber, offset: lineStart))
            lineStart = lineEnd + 1
        }
        return Note(unchecked: String(decoding: bytes[0..<textEnd], as: UTF8.self), signatures: signatures)
    }

    /// `— <key name> base64(32-bit key ID || signature)` (§Signatures). The bytes are already
    /// known to be valid UTF-8 without control characters.
    static func signatureLine(_ line: ArraySlice<UInt8>, number: Int, offset: Int) throws(NoteError) -> NoteSignature {
        let whereAt = "signature line \(number) (byte \(offset))"
        guard line.starts(with: signaturePrefix) else {
            throw NoteError(.malformedNote, "\(whereAt) does not start with an em dash and a space")
        }
        let rest = line.dropFirst(signaturePrefix.count)
        guard let space = rest.firstIndex(of: 0x20) else {
            throw NoteError(.malformedNote, "\(whereAt) has no space between key name and signature")
        }
        let name = String(decoding: rest[rest.startIndex..<space], as: UTF8.self)
        guard NoteKeyName.isValid(name) else {
            throw NoteError(.invalidKeyName, "\(whereAt) has invalid key name \"\(name)\"")
        }
        let encoded = String(decoding: rest[(space + 1)...], as: UTF8.self)
        guard let raw = Base64.decode(encoded) else {
            throw NoteError(.badBase64, "\(whereAt) signature is not canonical base64")
        }
        guard raw.count >= 5 else {
            throw NoteError(.malformedSignature, "\(whereAt) signature has \(raw.count) bytes, needs a 4-byte key ID and a signature")
        }
        let keyID = UInt32(raw[0]) << 24 | UInt32(raw[1]) << 16 | UInt32(raw[2]) << 8 | UInt32(raw[3])
        return NoteSignature(name: name, keyID: keyID, signature: Array(raw[4...]))
    }
}
