import BollardLog

/// Bollard's system of record: intake, the job queue, the state projections and the
/// transparency log's resources, in one database so that one transaction can commit a state
/// change, the job that caused it and the log entries that record it (DESIGN.md "Data flow").
///
/// Two backends implement it: `SQLiteStore` (embedded default, one file, WAL) and
/// `PostgresStore` (production, several workers and servers on one database). Both pass the
/// same conformance suite. Every method that returns has made its writes durable.
///
/// A worker's loop, as the pipeline uses it:
/// 1. `claim(worker:lease:limit:)` a few jobs; read their `documents(_:)`.
/// 2. Parse and run the engine. A document refused for bad input: `reject(_:error:)` (its job
///    row alone changes). Otherwise build a `StateChange` with the job, the rows the engine read
///    as `expectations` (or `expectedLogSize`), its `writes`, `index` and the custody records
///    as `logEntries`.
/// 3. `commit(_:)` the batch: state, job completion and log sequencing in one transaction. On
///    `.conflict` another worker changed what the engine read: reload and re-apply (the engine
///    may now refuse). On `.leaseLost` drop the job: another worker owns it.
/// 4. `LogIntegration.integrate(_:signer:holder:)`: tiles, bundles and a checkpoint for
///    everything sequenced (any worker may do it; one at a time holds the writer lease). It
///    need not follow every commit: one integration covers every batch journaled before it, by
///    any process, so a worker may run it concurrently with its next claim.
///
/// Where the time goes: every commit that changes state holds the log-sequence lock until its
/// WAL flush, so commits are serialised (that is what keeps log order equal to commit order);
/// throughput comes from the number of records per commit (`claim`'s `limit`), not from more
/// concurrent commits.
public protocol Store: APIKeyStore {
    associatedtype Tiles: TileStore

    /// The log's tiles, entry bundles, tree head, journal and checkpoint, in this database.
    var tiles: Tiles { get }
    var backend: StoreBackend { get }

    /// The highest migration applied.
    func schemaVersion() async throws -> Int

    // MARK: Intake

    /// Stores `bytes` content-addressed (SHA-256) and queues one job for them, durably, before
    /// returning. The same bytes again return the same document and job, and queue nothing.
    func submit(_ bytes: [UInt8], metadata: SubmissionMetadata) async throws -> Submission
    func document(_ id: DocumentID) async throws -> StoredDocument?
    /// The stored documents among `ids`, in one query: a worker reads a claimed batch at once.
    func documents(_ ids: [DocumentID]) async throws -> [DocumentID: StoredDocument]

    // MARK: Queue

    /// Leases the oldest claimable jobs (queued, or running with an expired lease) to `worker`
    /// for `lease`; empty when there is none. Concurrent claimers never get the same lease: on
    /// PostgreSQL by `FOR UPDATE SKIP LOCKED`, on SQLite by `BEGIN IMMEDIATE`'s single writer.
    /// A job already attempted `maxAttempts` times whose lease expired is rejected instead.
    /// Up to `limit` jobs, oldest first, so a worker can apply several documents in one commit
    /// (group commit: one fsync and one log integration per batch).
    func claim(worker: String, lease: Duration, limit: Int) async throws -> [ClaimedJob]
    /// Extends the leases of jobs a worker is still applying to now + `lease`, all or none, in
    /// one transaction (`LeaseRenewal` calls it while a batch is in hand, so a long apply is not
    /// taken over and applied twice). Throws `.leaseLost`, renewing nothing, when any of them is
    /// no longer leased exactly as claimed.
    func renew(_ jobs: [ClaimedJob], lease: Duration) async throws -> [ClaimedJob]
    /// Commits the changes atomically, all or none, in order. Throws `.conflict` when an
    /// expectation fails and `.leaseLost` when a change's job is no longer leased as claimed;
    /// nothing is written then.
    func commit(_ changes: [StateChange]) async throws -> [CommitResult]
    /// Commits the changes `plan` computes from the log's sequenced size, with the sequence held
    /// from before `plan` runs until the commit: on PostgreSQL the `log_sequence` row lock, so
    /// workers that share a store take turns instead of computing changes from the same state
    /// and all but one being refused with `.conflict` (the default, for a store whose writers
    /// are one process, reads the size and commits optimistically). Throws as `commit`.
    func commitSequenced(_ plan: @Sendable (UInt64) async throws -> [StateChange]) async throws -> [CommitResult]
    /// Waits for the log's writing turn and takes it (`LogTurn`), to hold across several
    /// commits; it lapses after `limit` if not released. Nil for a store without turns (the
    /// default: a store whose writers are one process).
    func takeTurn(holdingAtMost limit: Duration) async throws -> LogTurn?
    /// Marks the job rejected with `error` (JSON), terminally. Nothing else changes.
    func reject(_ job: ClaimedJob, error: [UInt8]) async throws
    func job(_ id: JobID) async throws -> JobRecord?
    /// The job of a stored document (each document has exactly one); nil when it is unknown.
    func job(document: DocumentID) async throws -> JobRecord?
    func jobCounts() async throws -> [JobState: Int]
    /// The counts of queued and running jobs only, read through the index of live jobs: its cost
    /// does not grow with the jobs finished (`bollard status --wait` polls it).
    func liveJobCounts() async throws -> [JobState: Int]

    // MARK: State

    func row(_ table: ProjectionTable, key: String) async throws -> [UInt8]?
    /// The rows of `table` whose keys lie in `from ..< to`, in key order: a range of custody
    /// records (keyed by their zero-padded log index) in one query, not one per record.
    func rows(_ table: ProjectionTable, from: String, to: String) async throws -> [StoredRow]
    /// Keys of `custody_events` indexed under `(dimension, value)`, sorted.
    func eventKeys(_ dimension: IndexDimension, _ value: String) async throws -> [String]
    /// The size the log will have once every sequenced batch is integrated.
    func sequencedLogSize() async throws -> UInt64
    func dump(_ table: StoreTable) async throws -> TableDump

    // MARK: Local ledger

    /// The embedded ledger's records from `sequence` on, oldest first (BollardLedger's
    /// `LedgerStore` over this store: `StoreLedgerStore`).
    func ledgerRecords(from sequence: UInt64) async throws -> [[UInt8]]
    /// Appends `record` as record number `sequence`, durably, in its own transaction. Throws
    /// `.conflict`, writing nothing, unless exactly `sequence` records precede it: another
    /// process appended first (one chain, never a fork).
    func appendLedgerRecord(_ record: [UInt8], sequence: UInt64) async throws

    // MARK: Log writer

    /// Takes (or renews) the single log-writer lease for `holder`: integration of journaled
    /// batches runs under it, so only one process integrates at a time. False when another
    /// holder's lease is live.
    func acquireLogWriter(holder: String, lease: Duration) async throws -> Bool
    func releaseLogWriter(holder: String) async throws
    /// Merges consecutive journaled batches (see `JournalCoalescing`), in one transaction: a
    /// maintenance step that shrinks the journal's row count. `LogIntegration` does not need it
    /// (recovery integrates consecutive batches in one pass without rewriting them).
    func coalesceLogJournal() async throws

    /// Releases connections. The store must not be used afterwards.
    func close() async throws
}

public enum StoreBackend: String, Sendable, CaseIterable {
    case sqlite
    case postgres
}

extension Store {
    /// Leases the oldest claimable job; nil when there is none.
    public func claim(worker: String, lease: Duration) async throws -> ClaimedJob? {
        try await claim(worker: worker, lease: lease, limit: 1).first
    }

    /// Completes a job with no state change of its own (e.g. a document that records nothing).
    public func complete(_ job: ClaimedJob, outcome: [UInt8]) async throws {
        _ = try await commit([StateChange(job: job, outcome: outcome)])
    }

    /// Extends one job's lease; throws `.leaseLost` when it is no longer held.
    public func renew(_ job: ClaimedJob, lease: Duration) async throws -> ClaimedJob {
        guard let renewed = try await renew([job], lease: lease).first else {
            throw StoreError(.leaseLost, "job \(job.id) attempt \(job.attempt): no lease renewed")
        }
        return renewed
    }

    public func commitSequenced(_ plan: @Sendable (UInt64) async throws -> [StateChange]) async throws -> [CommitResult] {
        try await commit(try await plan(try await sequencedLogSize()))
    }

    public func takeTurn(holdingAtMost limit: Duration) async throws -> LogTurn? { nil }

    public func commit(_ change: StateChange) async throws -> CommitResult {
        let results = try await commit([change])
        guard let first = results.first else {
            throw StoreError(.invalidArgument, "commit of one change returned no result")
        }
        return first
    }

    /// Every table, for checks that nothing changed.
    public func dumpAll() async throws -> [TableDump] {
        var out = [TableDump]()
        for t in StoreTable.all { out.append(try await dump(t)) }
        return out
    }
}

/// Shared limits and checks.
enum StoreLimits {
    static let maxAttempts = 5

    static func validate(_ changes: [StateChange]) throws(StoreError) {
        for (c, change) in changes.enumerated() {
            for (i, e) in change.logEntries.enumerated() where e.count > EntryBundle.maxEntryLength {
                throw StoreError(.invalidArgument,
                                 "change \(c), log entry \(i): \(e.count) bytes; at most \(EntryBundle.maxEntryLength) (tlog-tiles entry bundle)")
            }
        }
    }

    static func milliseconds(_ d: Duration) -> Int64 {
        d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000
    }

    static func poisonError(attempts: Int) -> [UInt8] {
        Array(#"{"code":"attemptsExhausted","context":"the job's lease expired after \#(attempts) attempts; a worker died on it each time"}"#.utf8)
    }
}

/// One row of a projection table.
public struct StoredRow: Sendable, Hashable {
    public var key: String
    public var value: [UInt8]

    public init(key: String, value: [UInt8]) {
        self.key = key
        self.value = value
    }
}
