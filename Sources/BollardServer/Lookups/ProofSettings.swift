import BollardIngest
import BollardLedger
import BollardLog
import BollardStore

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

    /// The bundle builder of one store with these keys and ledger.
    public func anchoredLog<S: Store>(_ store: S) -> AnchoredLog<S> {
        AnchoredLog(store: store, signer: signer, logKey: logKey, ledger: ledger, ledgerKey: ledgerKey, ledgerKind: ledgerKind, holder: holder)
    }

    /// Queries whose bundles come from `anchored`.
    func queries<S: Store>(_ anchored: AnchoredLog<S>) -> ProofQueries<S> {
        ProofQueries(store: anchored.store, signer: signer, logKey: logKey, ledger: ledger, ledgerKey: ledgerKey, holder: holder,
                     ledgerKind: ledgerKind, anchored: anchored)
    }
}
