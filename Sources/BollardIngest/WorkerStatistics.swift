/// What a worker did since it started: logged at shutdown and printed by `bollard worker
/// --json`, so a benchmark can tell where its time went (ops/bench/ingest.sh).
public struct WorkerStatistics: Sendable, Hashable, Codable {
    /// Batches committed (each one transaction).
    public var batches = 0
    /// Documents applied (including those stored but not mapped).
    public var applied = 0
    /// Documents refused (bad input or a broken rule).
    public var refused = 0
    /// Custody records committed to the log.
    public var records = 0
    /// Batches re-applied because another worker's commit overtook the state they were computed
    /// from (`StoreError.conflict`, optimistic concurrency): the cost of sharing one log.
    public var conflictRetries = 0
    /// Lease renewals of batches still being applied (`LeaseRenewal`).
    public var leaseRenewals = 0
    /// Batches dropped because a lease was lost to another worker.
    public var leasesLost = 0
    /// Batches applied on top of one whose commit was still running (`Worker` applies ahead
    /// while it is the only worker committing).
    public var appliedAhead = 0

    /// Wall-clock seconds the worker spent waiting for a batch to be claimed and read (time
    /// the read-ahead did not hide), applying batches to the engine and building their changes
    /// (planning), and committing them: where a batch's time goes, for the benchmark.
    public var waitingSeconds = 0.0
    public var planningSeconds = 0.0
    public var committingSeconds = 0.0
    /// Records other workers committed that this one replayed to catch its engine up, and the
    /// wall-clock seconds that took (in its turn or while waiting for it).
    public var replayedRecords = 0
    public var replayingSeconds = 0.0
    /// Wall-clock seconds this worker held the log's sequence (`Store.commitSequenced`: from
    /// taking it to the commit's end): the part of its work no other worker's turn overlaps.
    public var turnSeconds = 0.0
    /// Turns on the log taken (`LogTurn`: a run of batches committed while the others wait).
    public var turnsTaken = 0

    public init() {}

    public var summary: String {
        "\(batches) batch(es), \(applied) applied, \(refused) refused, \(records) records, \(conflictRetries) conflict retries, "
            + "\(leaseRenewals) lease renewals, \(leasesLost) leases lost, \(appliedAhead) applied ahead; waited \(seconds(waitingSeconds)), planned "
            + "\(seconds(planningSeconds)), committed \(seconds(committingSeconds)), held the sequence \(seconds(turnSeconds)), \(turnsTaken) turns; "
            + "replayed \(replayedRecords) records in \(seconds(replayingSeconds))"
    }

    private func seconds(_ s: Double) -> String {
        String(Int((s * 1000).rounded())) + " ms"
    }
}
