import BollardLedger
import BollardLog
import BollardStore

/// The embedded ledger every command and worker anchors on by default: a `LocalLedger` over the
/// store's `ledger_records` (`StoreLedgerStore`), shared by every process on the database.
///
/// Each operation first catches up with what other processes appended (`LocalLedger.refresh`:
/// one query, and a signature check per new record only), so it answers for the whole store. An
/// append that loses the race for its sequence number (`.conflict`) is signed again on the new
/// tail; when another process already anchored a larger checkpoint of the same log, that anchor
/// covers this one and is returned instead.
///
/// Operations through one `StoreLedger` run one at a time: `LocalLedger.submit` signs the
/// record for the tail it holds and then awaits the append, so another submission or a refresh
/// interleaved with it on the actor would sign one sequence number twice or read a record twice.
public actor StoreLedger<S: Store>: Anchor {
    public nonisolated let store: S
    private let key: SignerKey
    private var ledger: LocalLedger?
    /// Appends re-signed after losing a race, before giving up.
    private let maxConflictRetries = 16
    /// The operation started last; the next one waits for it.
    private var lastOperation: Task<Void, Never>?

    public init(store: S, key: SignerKey) {
        self.store = store
        self.key = key
    }

    /// The ledger, caught up with the store.
    private func current() async throws -> LocalLedger {
        if let ledger {
            try await ledger.refresh()
            return ledger
        }
        let opened = try await LocalLedger.open(store: StoreLedgerStore(store: store), key: key)
        ledger = opened
        return opened
    }

    /// Runs `body` after every operation started before it has finished.
    private func inTurn<T: Sendable>(_ body: @escaping @Sendable (isolated StoreLedger) async throws -> T) async throws -> T {
        let previous = lastOperation
        let operation = Task {
            await previous?.value
            return try await body(self)
        }
        lastOperation = Task { _ = try? await operation.value }
        return try await operation.value
    }

    public func submit(_ checkpoint: AnchorSubmission) async throws -> AnchorStatus {
        try await inTurn { me in
            var attempt = 0
            while true {
                let ledger = try await me.current()
                if let last = await ledger.signedRecords.last?.record, last.size > checkpoint.size, last.origin == checkpoint.origin,
                   let covering = try await ledger.status(id: "local:\(last.sequence)") {
                    return covering
                }
                do {
                    return try await ledger.submit(checkpoint)
                } catch let error as StoreError where error.code == .conflict && attempt < me.maxConflictRetries {
                    attempt += 1
                }
            }
        }
    }

    public func status(id: String) async throws -> AnchorStatus? {
        try await inTurn { try await $0.current().status(id: id) }
    }

    /// The local ledger confirms on append (K = 1), so this does not wait.
    public func awaitConfirmation(id: String) async throws -> AnchorStatus {
        try await inTurn { try await $0.current().awaitConfirmation(id: id) }
    }

    public func anchors() async throws -> [AnchorStatus] {
        try await inTurn { try await $0.current().anchors() }
    }

    public func latestConfirmed(covering size: UInt64) async throws -> AnchorStatus? {
        try await inTurn { try await $0.current().latestConfirmed(covering: size) }
    }
}
