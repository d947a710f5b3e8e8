/// What the log writer needs from whoever signs its tree heads: the complete C2SP signed note
/// (tlog-checkpoint body followed by signature lines) for a tree of `size` leaves with `root`.
///
/// A protocol so that the writer does not care whether the key is a local Ed25519 seed, a
/// hardware module or a remote signer, and so that witnesses' cosignatures can be added later
/// without touching the writer.
public protocol CheckpointSigning: Sendable {
    /// The log's origin line (C2SP tlog-checkpoint §Note text: a schema-less URL).
    var origin: String { get }
    func signedCheckpoint(size: UInt64, root: MerkleHash) throws -> [UInt8]
}
