import BollardLedger
import BollardLog

/// The local ledger file shared by every worker process on one machine. `FileLedgerStore`
/// holds an exclusive lock while open (a second appender would fork the hash chain), so each
/// operation opens the ledger, verifies its chain, acts and closes it again, waiting for the
/// lock while another process holds it. Anchoring is rare (every N entries or T seconds), so
/// the re-read costs little.
public struct SharedFileLedger: Anchor {
    public let path: String
    public let key: SignerKey
    /// How long to wait for another process's lock before giving up.
    public var lockTimeout: Duration

    public init(path: String, key: SignerKey, lockTimeout: Duration = .seconds(30)) {
        self.path = path
        self.key = key
        self.lockTimeout = lockTimeout
    }

    public func withLedger<T: Sendable>(_ body: (LocalLedger) async throws -> T) async throws -> T {
        let deadline = ContinuousClock.now + lockTimeout
        while true {
            let opened: Result<FileLedgerStore, LedgerError> = Result { () throws(LedgerError) in try FileLedgerStore.open(path: path) }
            guard case .success(let store) = opened else {
                if case .failure(let error) = opened, error.code != .io || ContinuousClock.now >= deadline { throw error }
                try await Task.sleep(for: .milliseconds(20))
                continue
            }
            let ledger = try await LocalLedger.open(store: store, key: key)
            return try await body(ledger)
        }
    }

    /// Several processes anchor the same log: when another one already anchored a larger
    /// checkpoint, that anchor covers this one too and is returned instead of a refusal.
    public func submit(_ checkpoint: AnchorSubmission) async throws -> AnchorStatus {
        try await withLedger { ledger in
            if let last = try await ledger.anchors().last, last.size > checkpoint.size, last.origin == checkpoint.origin {
                return last
            }
            return try await ledger.submit(checkpoint)
        }
    }

    public func status(id: String) async throws -> AnchorStatus? {
        try await withLedger { try await $0.status(id: id) }
    }

    /// The local ledger confirms on append (K = 1), so this does not wait.
    public func awaitConfirmation(id: String) async throws -> AnchorStatus {
        try await withLedger { try await $0.awaitConfirmation(id: id) }
    }

    public func anchors() async throws -> [AnchorStatus] {
        try await withLedger { try await $0.anchors() }
    }

    public func latestConfirmed(covering size: UInt64) async throws -> AnchorStatus? {
        try await withLedger { try await $0.latestConfirmed(covering: size) }
    }
}

/// The store's latest signed checkpoint, for the `Anchorer`.
public struct StoreCheckpointSource<Tiles: TileStore>: CheckpointSource {
    public let tiles: Tiles
    public init(tiles: Tiles) { self.tiles = tiles }
    public func latestCheckpoint() async throws -> [UInt8]? { try await tiles.readCheckpoint() }
}
