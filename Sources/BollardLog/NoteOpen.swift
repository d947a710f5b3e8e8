/// A note whose text may be trusted: at least one signature from a known key verified.
public struct VerifiedNote: Sendable, Equatable {
    public let text: String
    /// Signatures from known keys, each verified; one per key, in note order.
    public let verified: [NoteSignature]
    /// Signatures from keys the verifier set does not hold, kept (not checked) so that a
    /// re-signed or forwarded note loses no one's signature (§Signatures: unknown signatures
    /// MUST be ignored, which is not the same as dropped).
    public let unverified: [NoteSignature]

    /// The note with all its signatures, verified first, ready to re-sign or re-encode.
    public var note: Note { Note(unchecked: text, signatures: verified + unverified) }
}

extension Note {
    /// Parses `bytes` and checks its signatures against `verifiers` (C2SP signed-note
    /// §Signatures):
    /// - a signature whose name and key ID both match a known key MUST verify; one that fails
    ///   rejects the whole note (the spec's SHOULD, taken as MUST here). Unlike the Go reference,
    ///   a repeated signature by the same key is verified too rather than skipped;
    /// - signatures from unknown keys are kept aside, unverified;
    /// - at least one known signature must have verified.
    public static func open(
        _ bytes: [UInt8], verifiers: NoteVerifiers, limits: NoteLimits = .default
    ) throws(NoteError) -> VerifiedNote {
        let note = try NoteParser.parse(bytes, limits: limits)
        let text = Array(note.text.utf8)
        var verified = [NoteSignature]()
        var unverified = [NoteSignature]()
        var verifiedKeys = Set<NoteVerifiers.KeyName>()
        var seenUnknown = Set<NoteSignature>()
        for (index, sig) in note.signatures.enumerated() {
            let verifier: any NoteVerifier
            do {
                verifier = try verifiers.verifier(name: sig.name, keyID: sig.keyID)
            } catch where error.code == .unknownKey {
                if seenUnknown.insert(sig).inserted { unverified.append(sig) }
                continue
            } catch {
                throw NoteError(error.code, "signature line \(index + 1): \(error.context)")
            }
            guard verifier.verify(text: text, signature: sig.signature) else {
                let key = "\(sig.name)+\(NoteKeyID.hex(sig.keyID))"
                throw NoteError(.badSignature, "signature line \(index + 1): signature by known key \(key) does not verify")
            }
            if verifiedKeys.insert(NoteVerifiers.KeyName(name: sig.name, keyID: sig.keyID)).inserted {
                verified.append(sig)
            }
        }
        guard !verified.isEmpty else {
            let names = unverified.map { "\($0.name)+\(NoteKeyID.hex($0.keyID))" }.joined(separator: ", ")
            throw NoteError(.noVerifiableSignature, "no signature from a known key; signed by: \(names)")
        }
        return VerifiedNote(text: note.text, verified: verified, unverified: unverified)
    }
}
