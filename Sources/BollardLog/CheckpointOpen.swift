/// A checkpoint together with the verified note it came from, for callers that apply a
/// witness policy to its cosignatures.
public struct SignedCheckpoint: Sendable, Equatable {
    public let checkpoint: Checkpoint
    public let note: VerifiedNote
}

extension Checkpoint {
    /// Opens a signed checkpoint: verifies the note against `verifiers` (C2SP signed-note
    /// §Signatures), parses its text strictly (tlog-checkpoint §Note text) and, when `origin` is
    /// given, requires the checkpoint to be for that log.
    public static func open(
        _ note: [UInt8], verifiers: NoteVerifiers, origin: String? = nil, limits: NoteLimits = .default
    ) throws(NoteError) -> Checkpoint {
        try openSigned(note, verifiers: verifiers, origin: origin, limits: limits).checkpoint
    }

    public static func openSigned(
        _ note: [UInt8], verifiers: NoteVerifiers, origin: String? = nil, limits: NoteLimits = .default
    ) throws(NoteError) -> SignedCheckpoint {
        let verified = try Note.open(note, verifiers: verifiers, limits: limits)
        let checkpoint = try Checkpoint(text: verified.text)
        if let origin, checkpoint.origin != origin {
            throw NoteError(.wrongOrigin, "checkpoint origin is \"\(checkpoint.origin)\", expected \"\(origin)\"")
        }
        return SignedCheckpoint(checkpoint: checkpoint, note: verified)
    }
}
