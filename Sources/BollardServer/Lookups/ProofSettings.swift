import BollardLedger
import BollardLog

/// What the proof-carrying lookups need besides the store: the log's signer and key (a bundle
/// carries the signed checkpoint) and the ledger that anchors it.
public struct ProofSettings: Sendable {
    public var signer: any CheckpointSigning
    public var logKey: VerifierKey
    public var ledger: any Anchor
    public var ledgerKey: VerifierKey
    /// integrations/bundle-format.md §1.4: "local" or "ethereum".
    public var ledgerKind: String
    /// The log-writer lease holder name used while a bundle is built.
    public var holder: String

    public init(signer: any CheckpointSigning, logKey: VerifierKey, ledger: any Anchor, ledgerKey: VerifierKey,
                ledgerKind: String = "local", holder: String) {
        self.signer = signer
        self.logKey = logKey
        self.ledger = ledger
        self.ledgerKey = ledgerKey
        self.ledgerKind = ledgerKind
        self.holder = holder
    }
}
