import BollardCore
import BollardLedger
import BollardLog
import BollardStore
import BollardVerify

/// The answers of DESIGN.md "Who uses it" as proof bundles, read from the store: the subject's
/// custody records with their inclusion proofs under an anchored checkpoint that holds them all,
/// and that checkpoint's anchor (`AnchoredLog`: anchored on demand when the ledger is behind,
/// so a bundle always carries the anchor of its own checkpoint).
public struct ProofQueries<S: Store>: Sendable {
    public let store: S
    public let signer: any CheckpointSigning
    public let logKey: VerifierKey
    public let ledger: any Anchor
    public let ledgerKey: VerifierKey
    /// The bundle's name for the ledger kind (bundle-format.md §1.4): "local" or "ethereum".
    public let ledgerKind: String
    /// The log-writer lease holder name used while the log is opened.
    public let holder: String
    /// Where bundles are built: shared by every query of a server, so its caches and its
    /// anchored checkpoint serve every request.
    public let anchored: AnchoredLog<S>

    public init(store: S, signer: any CheckpointSigning, logKey: VerifierKey, ledger: any Anchor, ledgerKey: VerifierKey,
                holder: String, ledgerKind: String = "local", anchored: AnchoredLog<S>? = nil) {
        self.store = store
        self.signer = signer
        self.logKey = logKey
        self.ledger = ledger
        self.ledgerKey = ledgerKey
        self.ledgerKind = ledgerKind
        self.holder = holder
        self.anchored = anchored ?? AnchoredLog(store: store, signer: signer, logKey: logKey, ledger: ledger, ledgerKey: ledgerKey,
                                                ledgerKind: ledgerKind, holder: holder)
    }

    public struct QueryFailure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The engine state after every committed batch: the latest snapshot and the records after it.
    public func state() async throws -> ProvenanceState {
        try await StateLoader.load(store)
    }

    /// A lot by its EPC URI, or by a tail of one (`OPM26-0001`, `CU26-A`): see `LotNames`.
    /// Pass the state's `LotNames` when resolving many names against one state.
    public func lot(_ id: String, in state: ProvenanceState, names: LotNames? = nil) throws -> EPC {
        let matches = (names ?? LotNames(state)).lots(named: id, in: state)
        guard matches.count == 1, let only = matches.first else {
            throw QueryFailure(description: matches.isEmpty ? "no lot \(id)" : "\(id) names \(matches.count) lots: "
                + matches.prefix(5).map(\.uri).joined(separator: ", "))
        }
        return only
    }

    /// A receipt by `warehouse-GLN/number` or by its number alone.
    public func receipt(_ id: String, in state: ProvenanceState) throws -> WarehouseReceipt {
        let matches = state.receipts.values.filter { $0.key.description == id || $0.key.number.value == id }
        guard matches.count == 1, let only = matches.first else {
            throw QueryFailure(description: matches.isEmpty ? "no receipt \(id)" : "\(id) names \(matches.count) receipts; give warehouse/number")
        }
        return only
    }

    public func lotBundle(_ id: String) async throws -> ProofBundle {
        let state = try await state()
        let epc = try lot(id, in: state)
        let provenance = try state.provenance(of: epc)
        return try await bundle(subject: .init(kind: "lot", id: epc.uri), indices: provenance.events.map { UInt64($0.sequence - 1) })
    }

    public func receiptBundle(_ id: String) async throws -> ProofBundle {
        let state = try await state()
        let r = try receipt(id, in: state)
        return try await bundle(subject: .init(kind: "receipt", id: r.key.description), indices: r.history.map { UInt64($0.sequence - 1) })
    }

    /// Every record that issued, encumbered or closed a receipt bound to the token.
    public func collateralBundle(_ symbol: String) async throws -> (ProofBundle, ProvenanceState) {
        let state = try await state()
        let token = try TokenSymbol(symbol)
        guard state.tokens[token] != nil else { throw QueryFailure(description: "no token \(symbol)") }
        let receipts = state.receipts.values.filter { $0.encumbrance == .token(token) }.sorted { $0.key < $1.key }
        let indices = receipts.flatMap { $0.history.map { UInt64($0.sequence - 1) } }
        return (try await bundle(subject: .init(kind: "collateral", id: symbol), indices: indices), state)
    }

    /// The bundle against the anchored checkpoint (`AnchoredLog`): the ledger's newest anchor
    /// of the log when it holds every record asked for, else the log's checkpoint anchored now.
    public func bundle(subject: ProofBundle.Subject, indices: [UInt64], events: [UInt64: EPCISEvent] = [:]) async throws -> ProofBundle {
        do {
            return try await anchored.bundle(subject: subject, indices: indices, events: events)
        } catch let failure as AnchoredLog<S>.Failure {
            throw QueryFailure(description: failure.description)
        }
    }

    /// The latest signed checkpoint, after integrating whatever is sequenced. Waits for the
    /// log-writer lease: a worker killed while integrating holds it until it expires.
    public func checkpoint(wait: Duration = .seconds(60)) async throws -> [UInt8]? {
        let deadline = ContinuousClock.now + wait
        while try await LogIntegration.integrate(store, signer: signer, holder: holder) == nil {
            guard ContinuousClock.now < deadline else { throw QueryFailure(description: "another process holds the log-writer lease") }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try await store.tiles.readCheckpoint()
    }
}
