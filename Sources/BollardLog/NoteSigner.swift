/// Something that can add a signature line to a note: a key name, its key ID and a signing
/// operation over the note text (C2SP signed-note §Signatures). The signature algorithm decides
/// what is actually signed; for Ed25519 (type 0x01) it is the text itself, for a v1 cosignature
/// (type 0x04) a message built around it.
public protocol NoteSigner: Sendable {
    var name: String { get }
    var keyID: UInt32 { get }
    /// The signature bytes (without key ID) over the note `text`, which ends in a newline.
    func sign(text: [UInt8]) throws(NoteError) -> [UInt8]
}
