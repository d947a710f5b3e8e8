import BollardLedger

/// How a worker claims, retries and anchors.
public struct WorkerConfiguration: Sendable {
    /// Names the worker in job leases (unique per process: host and pid).
    public var name: String
    /// How long a claimed job stays leased; a worker that dies loses it after this.
    public var lease: Duration
    /// Jobs claimed and committed together (group commit: one transaction, one integration).
    public var batchSize: Int
    /// Sleep between polls of an empty queue.
    public var idleInterval: Duration
    /// Re-applications of a batch after `.conflict` before giving up on it for this round.
    public var maxConflictRetries: Int
    /// Anchor every N entries or T seconds, whichever comes first.
    public var anchorPolicy: Anchorer.Policy
    /// The log size of the first whole-state snapshot; the next ones fall where the size has
    /// doubled (2×, 4×, …), so snapshots cost O(1) per record however large the state grows
    /// (`Worker.snapshotDue`); a worker that stops writes one too. Nil (the default): no
    /// snapshots. Measured, starting from the whole-state JSON snapshot took longer than
    /// replaying the log it stands for (13.1 s against 8.9 s at 85,190 records: `JSONDecoder`
    /// reads it slower than the records replay), and writing it costs ≈ 37 µs per record of
    /// state each time; until a snapshot loads faster than the log replays, it is opt-in.
    public var snapshotInterval: Int?
    /// Batches a worker commits in one turn on the log (`LogTurn`) before it lets a waiting
    /// worker have it; it keeps the turn while nobody waits. Longer turns hand over less often
    /// (each hand-over costs the next holder a replay of the last batch and one commit it
    /// cannot overlap); shorter ones keep the others' claimed batches waiting less.
    public var batchesPerTurn: Int = 4
    /// Testing only: a pause between applying a batch and committing it, standing in for a slow
    /// engine or a large document, to show that `LeaseRenewal` keeps a long batch's leases.
    public var applyDelay: Duration = .zero

    public init(name: String, lease: Duration = .seconds(30), batchSize: Int = 32, idleInterval: Duration = .milliseconds(200),
                maxConflictRetries: Int = 50, anchorPolicy: Anchorer.Policy = .init(everyEntries: 256, interval: .seconds(10)),
                snapshotInterval: Int? = nil) {
        self.name = name
        self.lease = lease
        self.batchSize = max(1, batchSize)
        self.idleInterval = idleInterval
        self.maxConflictRetries = maxConflictRetries
        self.anchorPolicy = anchorPolicy
        self.snapshotInterval = snapshotInterval.map { max(1, $0) }
    }
}
