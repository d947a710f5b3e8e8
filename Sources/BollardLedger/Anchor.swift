import BollardLog

/// What is committed to a ledger: one signed checkpoint (C2SP tlog-checkpoint) of one log.
public struct AnchorSubmission: Sendable, Hashable {
    public var origin: String
    public var size: UInt64
    public var root: MerkleHash
    /// The checkpoint exactly as signed (C2SP signed-note bytes); the ledger commits to its
    /// SHA-256 so a verifier can tie the anchor to the very note it holds.
    public var signedNote: [UInt8]

    public init(origin: String, size: UInt64, root: MerkleHash, signedNote: [UInt8]) {
        self.origin = origin
        self.size = size
        self.root = root
        self.signedNote = signedNote
    }

    /// A submission for a signed checkpoint note, its fields read from the note's text.
    /// Signature verification is the caller's business (it holds the log's key).
    public init(signedNote: [UInt8]) throws(LedgerError) {
        let checkpoint: Checkpoint
        do {
            let note = try Note.parse(signedNote)
            checkpoint = try Checkpoint(text: note.text)
        } catch {
            throw LedgerError(.invalidSubmission, "not a checkpoint note: \(error)")
        }
        self.init(origin: checkpoint.origin, size: checkpoint.size, root: checkpoint.root, signedNote: signedNote)
    }
}

/// A submitted anchor is on the ledger but not yet final; it is confirmed once enough records
/// (blocks, on a chain) follow it.
public enum AnchorState: String, Sendable, Hashable, Codable {
    case submitted
    case confirmed
}

/// Where one anchored checkpoint stands on its ledger.
public struct AnchorStatus: Sendable, Hashable {
    /// The ledger's own reference: `local:<sequence>` for the local ledger, a transaction hash
    /// on a chain.
    public var id: String
    public var origin: String
    public var size: UInt64
    public var root: MerkleHash
    /// SHA-256 of the anchored checkpoint's signed-note bytes.
    public var checkpointNoteHash: [UInt8]
    public var state: AnchorState
    public var confirmations: Int
    public var requiredConfirmations: Int
    /// The ledger's evidence for this anchor that a verifier checks offline: for the local
    /// ledger, the signed ledger record (C2SP signed note).
    public var evidence: [UInt8]

    public init(
        id: String, origin: String, size: UInt64, root: MerkleHash, checkpointNoteHash: [UInt8], state: AnchorState,
        confirmations: Int, requiredConfirmations: Int, evidence: [UInt8]
    ) {
        self.id = id
        self.origin = origin
        self.size = size
        self.root = root
        self.checkpointNoteHash = checkpointNoteHash
        self.state = state
        self.confirmations = confirmations
        self.requiredConfirmations = requiredConfirmations
        self.evidence = evidence
    }
}

/// A ledger that checkpoints are committed to: the embedded `LocalLedger`, or (later) an
/// Ethereum-compatible chain over JSON-RPC. Both report the same submitted → confirmed states.
public protocol Anchor: Sendable {
    /// Commits the checkpoint and returns its anchor, usually `submitted`. Submitting a size
    /// already anchored with the same root returns the existing anchor (idempotent by size).
    func submit(_ checkpoint: AnchorSubmission) async throws -> AnchorStatus
    /// The anchor's current state, or nil if the ledger has no such anchor.
    func status(id: String) async throws -> AnchorStatus?
    /// Waits until the anchor is confirmed; cancellable.
    func awaitConfirmation(id: String) async throws -> AnchorStatus
    /// Every anchor, oldest first.
    func anchors() async throws -> [AnchorStatus]
    /// The confirmed anchor with the highest sequence whose checkpoint size is at least `size`,
    /// i.e. one whose tree contains leaf `size - 1`.
    func latestConfirmed(covering size: UInt64) async throws -> AnchorStatus?
}
