/// A known public key: the name and key ID it signs under, and the check of a signature over
/// the note text (C2SP signed-note §Signatures).
public protocol NoteVerifier: Sendable {
    var name: String { get }
    var keyID: UInt32 { get }
    /// Whether `signature` (without key ID) is valid for the note `text`. Never traps: a
    /// signature of the wrong length is simply invalid.
    func verify(text: [UInt8], signature: [UInt8]) -> Bool
}
