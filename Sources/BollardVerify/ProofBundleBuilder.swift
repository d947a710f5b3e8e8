import BollardCore
import BollardLedger
import BollardLog

/// Assembles a proof bundle from a log (a live one, or stored tiles read at a checkpoint) and a ledger: each entry's bytes and inclusion proof
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
    public static func build(
        subject: ProofBundle.Subject, log: some LogProofSource, logKey: VerifierKey, checkpointNote: [UInt8],
        entries: [Entry], anchors: [AnchorStatus], ledgerKey: VerifierKey, ledger: String = "local",
        earlierCheckpoints: [[UInt8]] = []
    ) async throws -> ProofBundle {
        let checkpoint = try Checkpoint.open(checkpointNote, verifiers: NoteVerifiers([logKey.verifier()]))
        return try await build(subject: subject, log: log, logKey: logKey, checkpoint: checkpoint, checkpointNote: checkpointNote,
                               entries: entries, anchors: anchors, ledgerKey: ledgerKey, ledger: ledger,
                               earlierCheckpoints: earlierCheckpoints)
    }

    /// The same for a checkpoint the caller has already opened (its signature verified against
    /// `logKey`), so a server answering many bundles under one checkpoint verifies it once.
    public static func build(
        subject: ProofBundle.Subject, log: some LogProofSource, logKey: VerifierKey, checkpoint: Checkpoint, checkpointNote: [UInt8],
        entries: [Entry], anchors: [AnchorStatus], ledgerKey: VerifierKey, ledger: String = "local",
        earlierCheckpoints: [[UInt8]] = []
    ) async throws -> ProofBundle {
        var items: [ProofBundle.Item] = []
        items.reserveCapacity(entries.count)
        for entry in entries {
            let leaf = try await log.entry(at: entry.index)
            let proof = try await log.inclusionProof(index: entry.index, treeSize: checkpoint.size)
            items.append(ProofBundle.Item(
                kind: entry.eventHash == nil ? "record" : "event", index: entry.index, leaf: Base64.encode(leaf),
                summary: entry.summary.canonicallyOrdered, eventHash: entry.eventHash, inclusionProof: proof.hashes.map(\.base64)))
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
            anchors: try anchors.map { try evidence($0, ledger: ledger, ledgerKey: ledgerKey) },
            consistencyProofs: consistency)
    }

    /// The bundle's anchor section: a local ledger's signed record, or where an Ethereum anchor
    /// is on chain (it must be mined: a bundle names the block).
    static func evidence(_ anchor: AnchorStatus, ledger: String, ledgerKey: VerifierKey) throws -> ProofBundle.AnchorEvidence {
        guard ledger == "ethereum" else {
            return ProofBundle.AnchorEvidence(ledger: ledger, id: anchor.id, record: String(decoding: anchor.evidence, as: UTF8.self),
                                              ledgerKey: ledgerKey.encoded, confirmations: anchor.confirmations)
        }
        guard let chain = EthereumAnchorEvidence(evidence: anchor.evidence), let blockNumber = chain.blockNumber,
              let blockHash = chain.blockHash else {
            throw LedgerError(.unknownAnchor, "anchor \(anchor.id) has no mined Ethereum evidence")
        }
        return ProofBundle.AnchorEvidence(
            ledger: ledger, id: anchor.id, record: "", ledgerKey: "", confirmations: anchor.confirmations,
            ethereum: ProofBundle.EthereumSection(
                chainId: chain.chainId, contract: chain.contract, transactionHash: chain.transactionHash, blockNumber: blockNumber,
                blockHash: blockHash, size: anchor.size, root: anchor.root.base64))
    }
}
