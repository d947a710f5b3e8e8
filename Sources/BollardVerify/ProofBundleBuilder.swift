import BollardCore
import BollardLedger
import BollardLog

/// Assembles a proof bundle from a live log and ledger: each entry's bytes and inclusion proof
/// at the checkpoint's size, the signed checkpoint, and its anchor.
public enum ProofBundleBuilder {
    /// An entry to include and what the bundle says about it.
    public struct Entry: Sendable {
        public var index: UInt64
        public var summary: JCSValue
        /// The GS1 event hash for custody events; nil for other records.
        public var eventHash: String?

        public init(index: UInt64, summary: JCSValue, eventHash: String?) {
            self.index = index
            self.summary = summary
            self.eventHash = eventHash
        }
    }

    /// Builds the bundle for `checkpointNote` (a signed checkpoint of `log`). `anchors` should
    /// anchor exactly that checkpoint; `earlierCheckpoints` get consistency proofs to it.
    public static func build<Store: TileStore>(
        subject: ProofBundle.Subject, log: TransparencyLog<Store>, logKey: VerifierKey, checkpointNote: [UInt8],
        entries: [Entry], anchors: [AnchorStatus], ledgerKey: VerifierKey, ledger: String = "local",
        earlierCheckpoints: [[UInt8]] = []
    ) async throws -> ProofBundle {
        let checkpoint = try Checkpoint.open(checkpointNote, verifiers: NoteVerifiers([logKey.verifier()]))
        var items: [ProofBundle.Item] = []
        items.reserveCapacity(entries.count)
        for entry in entries {
            let leaf = try await log.entry(at: entry.index)
            let proof = try await log.inclusionProof(index: entry.index, treeSize: checkpoint.size)
            items.append(ProofBundle.Item(
                kind: entry.eventHash == nil ? "record" : "event", index: entry.index, leaf: Base64.encode(leaf),
                summary: entry.summary, eventHash: entry.eventHash, inclusionProof: proof.hashes.map(\.base64)))
        }
        var consistency: [ProofBundle.ConsistencyEvidence] = []
        for note in earlierCheckpoints {
            let older = try Checkpoint.open(note, verifiers: NoteVerifiers([logKey.verifier()]))
            let proof = try await log.consistencyProof(size1: older.size, size2: checkpoint.size)
            consistency.append(ProofBundle.ConsistencyEvidence(
                fromCheckpoint: String(decoding: note, as: UTF8.self), proof: proof.hashes.map(\.base64)))
        }
        return ProofBundle(
            subject: subject,
            log: ProofBundle.LogSection(origin: checkpoint.origin, checkpoint: String(decoding: checkpointNote, as: UTF8.self),
                                        key: logKey.encoded),
            items: items,
            anchors: anchors.map {
                ProofBundle.AnchorEvidence(ledger: ledger, id: $0.id, record: String(decoding: $0.evidence, as: UTF8.self),
                                           ledgerKey: ledgerKey.encoded, confirmations: $0.confirmations)
            },
            consistencyProofs: consistency)
    }
}
