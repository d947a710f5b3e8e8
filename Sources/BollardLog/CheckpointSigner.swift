/// Signs checkpoints for one log: the log's origin line and its note signer(s).
///
/// tlog-checkpoint §Signatures: the log's key name SHOULD match the origin, so the seed
/// initialiser names the key after the origin. Additional signers (e.g. during a key rotation)
/// sign the same text.
public struct CheckpointSigner: CheckpointSigning {
    public let origin: String
    public let signers: [any NoteSigner]

    public init(origin: String, signers: [any NoteSigner]) throws(NoteError) {
        try Checkpoint.validateLine(Array(origin.utf8), "origin")
        guard !signers.isEmpty else {
            throw NoteError(.malformedNote, "a checkpoint signer needs at least one key")
        }
        self.origin = origin
        self.signers = signers
    }

    /// An Ed25519 (type 0x01) key named after `origin`.
    public init(origin: String, seed: [UInt8]) throws(NoteError) {
        try self.init(origin: origin, signers: [try Ed25519NoteSigner(name: origin, seed: seed)])
    }

    /// From an skey; its key name becomes the origin.
    public init(skey: String) throws(NoteError) {
        let signer = try Ed25519NoteSigner(skey: skey)
        try self.init(origin: signer.name, signers: [signer])
    }

    public func checkpoint(size: UInt64, root: MerkleHash) throws(NoteError) -> Checkpoint {
        try Checkpoint(origin: origin, size: size, root: root)
    }

    public func signedCheckpoint(size: UInt64, root: MerkleHash) throws(NoteError) -> [UInt8] {
        try sign(checkpoint(size: size, root: root))
    }

    /// Signs any checkpoint of this log, including one with extension lines.
    public func sign(_ checkpoint: Checkpoint) throws(NoteError) -> [UInt8] {
        guard checkpoint.origin == origin else {
            throw NoteError(.wrongOrigin, "checkpoint origin is \"\(checkpoint.origin)\", this signer signs for \"\(origin)\"")
        }
        return try Note.sign(text: checkpoint.text, signers: signers)
    }
}
