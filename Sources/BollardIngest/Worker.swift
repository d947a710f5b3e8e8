import BollardCore
import BollardEPCIS
import BollardLedger
import BollardLog
import BollardStore
import Foundation
import Logging

/// Claims jobs, reads each document, applies it to the provenance engine and commits one
/// `StateChange` per document — projections, custody index, the custody records as log entries
/// and the job's completion in one transaction — then integrates the log and anchors.
///
/// Concurrency (several workers, several processes on one database): workers take turns over
/// the whole engine state. The worker keeps the engine in memory together with the log size it
/// reflects (`state.sequence`: every accepted command is exactly one log entry). Reading a batch
/// (claiming, parsing, mapping) needs no turn, so workers read in parallel and ahead of their
/// turn; applying it does: `Store.commitSequenced` holds the log's sequence (on PostgreSQL its
/// row lock) while the worker replays the records other workers committed since its own from
/// `custody_events` (`StateLoader`; on start, from the latest `state_snapshot`), applies the batch
/// and commits — so two workers never compute changes from one state, where before all but one
/// were refused and re-applied whole. Each change still carries `expectedLogSize`, and a store
/// that cannot hold the sequence (SQLite's default, one writer process) refuses a commit that
/// another overtook with `.conflict`: it is undone through the engine's journal and re-applied
/// on the fresh state — where the engine may now refuse it (two pledges of one receipt: exactly
/// one wins). Refusals are committed only after the batch's accepted documents, so a refusal
/// never rests on a state that was not committed. Over a run of batches, workers take turns on
/// the log (`Store.takeTurn`, `LogTurn`: PostgreSQL): the holder applies each batch while the one
/// before commits, and the others replay its commits while they wait (`followUntilTurn`).
///
/// Cost: a batch is applied in place and writes the projection rows of what it changed, found
/// from the engine's journal — never a pass over the whole state. The whole-state snapshot is
/// opt-in (`WorkerConfiguration.snapshotInterval`): taken by the batch that crosses
/// `snapshotInterval`·2ᵏ records (`snapshotDue`) — so encoding it costs O(1) per record,
/// amortised — and written in the background once that batch has committed; and when `run`
/// stops. The boundaries are fixed by the log's size alone: with several workers on one store
/// exactly one batch crosses each, where a worker-local count made every worker that had not
/// seen the last snapshot write one per batch.
///
/// Pipelined (`run`, `drain`): the next batch is claimed and read while one is applied and
/// committed, and the log is integrated in a background task. One pipeline at a time: `run`,
/// `drain` and `processBatch` are not to be called concurrently on one worker (use several
/// workers instead).
public actor Worker<S: Store> {
    public nonisolated let store: S
    public nonisolated let configuration: WorkerConfiguration
    private let reader: DocumentReader
    private let signer: any CheckpointSigning
    private let anchorer: Anchorer?
    private let logger: Logger
    private var engine = ProvenanceEngine()
    private var loaded = false
    /// The sequence of the latest snapshot this worker read or wrote.
    private var snapshotSequence = 0
    /// Totals since this worker started.
    public private(set) var statistics = WorkerStatistics()
    /// The background integration (`integrateInBackground`), while one runs.
    private var integration: Task<Void, Never>?
    /// Set by a commit while an integration runs: it goes round once more.
    private var integrationWanted = false
    /// The last background integration's failure, reported by `drain`.
    private var integrationError: (any Error)?
    /// The plan of the batch being committed, made while the store holds the sequence.
    private var planned: Planned?
    /// The batch whose commit runs while the next is applied (`advance`).
    private var inFlight: InFlight?
    /// Whether batches are applied ahead of the previous one's commit (`advance`).
    private var applyingAhead = false
    /// Whether the engine replayed another worker's records (or reloaded) since this worker's
    /// last turn; `loaded` false counts as replayed, so a fresh worker starts in turns.
    private var replayedSinceTurn = true
    /// When this worker took the log's sequence, while it holds it (`WorkerStatistics.turnSeconds`).
    private var turnStarted: ContinuousClock.Instant?
    /// The log's writing turn while this worker holds it, and the batches committed in it.
    private var turn: LogTurn?
    private var turnBatches = 0
    /// False once the store turned out to have no turns (SQLite: one writer process).
    private var storeHasTurns = true
    /// Encodes and writes a snapshot while the worker goes on (`saveSnapshotInBackground`).
    private var snapshotting: Task<Void, Never>?
    /// Replays other workers' commits while this one waits for its turn (`followUntilTurn`).
    private var following: Task<Void, Never>?
    /// How often a worker waiting for its turn looks for new commits: one small query each.
    static var followInterval: Duration { .milliseconds(10) }

    public init(store: S, signer: any CheckpointSigning, configuration: WorkerConfiguration, reader: DocumentReader = DocumentReader(),
                anchor: (any Anchor)? = nil, logVerifiers: NoteVerifiers? = nil, origin: String? = nil,
                logger: Logger = Logger(label: "bollard.worker")) {
        self.store = store
        self.signer = signer
        self.configuration = configuration
        self.reader = reader
        self.logger = logger
        if let anchor, let logVerifiers, let origin {
            anchorer = Anchorer(source: StoreCheckpointSource(tiles: store.tiles), anchor: anchor, logVerifiers: logVerifiers,
                                origin: origin, policy: configuration.anchorPolicy)
        } else {
            anchorer = nil
        }
    }

    /// The engine state as of the last batch this worker committed or loaded.
    public var state: ProvenanceState { engine.state }

    // MARK: Loop

    /// Processes batches until cancelled; an empty queue is polled every `idleInterval`, and
    /// integrated when another worker's last commit left entries sequenced but not integrated
    /// (its integration found the writer lease taken). A cancellation lets the batch in hand
    /// finish (its jobs are committed or, if the process dies instead, their leases expire and
    /// another worker takes them), then `shutdown()` runs. Returns the worker's totals, which it
    /// also logs.
    @discardableResult
    public func run(onResult: @Sendable (DocumentResult) -> Void = { _ in }) async -> WorkerStatistics {
        var ahead: Task<Prepared?, any Error>?
        while !Task.isCancelled {
            do {
                let next = ahead ?? Task { try await self.prepare() }
                ahead = nil
                let waited = ContinuousClock.now
                let prepared = try await next.value
                statistics.waitingSeconds += Self.seconds(since: waited)
                guard let batch = prepared else {
                    for r in try await Task(operation: { try await self.settleInFlight() }).value { onResult(r) }
                    await releaseTurn()
                    try await Task { try await self.integrateIfBehind() }.value
                    try? await Task.sleep(for: configuration.idleInterval)
                    continue
                }
                // The next batch is claimed and read while this one is applied and committed.
                ahead = Task { try await self.prepare() }
                // Not cancelled with the loop: a claimed batch is committed (or refused) whole.
                let results = try await Task { try await self.advance(batch) }.value
                for r in results { onResult(r) }
            } catch {
                logger.error("batch failed: \(error)")
                try? await Task.sleep(for: configuration.idleInterval)
            }
        }
        // The batch read ahead is claimed: it is applied too, not left to its leases' expiry.
        do {
            if let ahead, let batch = try await ahead.value {
                for r in try await Task(operation: { try await self.advance(batch) }).value { onResult(r) }
            }
        } catch {
            logger.error("batch failed: \(error)")
        }
        do {
            for r in try await Task(operation: { try await self.settleInFlight() }).value { onResult(r) }
        } catch {
            logger.error("batch failed: \(error)")
        }
        await releaseTurn()
        do { try await shutdown() } catch { logger.warning("shutdown incomplete: \(error)") }
        logger.info("worker \(configuration.name) totals: \(statistics.summary)")
        return statistics
    }

    /// What a stopping worker does last: writes the snapshot when snapshots are on (so the next
    /// worker replays no records) and integrates and anchors what is sequenced. It runs in a
    /// task of its own, so the cancellation that stopped the loop (SIGTERM's graceful shutdown)
    /// does not abort it halfway with a `CancellationError`.
    public func shutdown() async throws {
        try await Task {
            await self.integrationSettled()
            await self.snapshotFinished()
            if self.configuration.snapshotInterval != nil { try await self.saveSnapshot() }
            try await self.integrateAndAnchor()
        }.value
    }

    /// Integrates (and anchors) when entries are sequenced but not yet integrated; otherwise
    /// lets the anchorer's interval run.
    private func integrateIfBehind() async throws {
        let sequenced = try await store.sequencedLogSize()
        let integrated = try await store.tiles.readTreeHead()?.size ?? 0
        if integrated < sequenced {
            try await integrateAndAnchor()
        } else if let anchorer {
            do { try await anchorer.tick() } catch { logger.warning("anchoring failed (retried on the next tick): \(error)") }
        }
    }

    /// Writes the state after every sequenced record as the snapshot, so the next worker or query
    /// replays no records (`StateLoader`). Skipped when it is already current, or when another
    /// worker commits in between (its own snapshot policy then applies).
    public func saveSnapshot() async throws {
        try await refreshEngine()
        let sequence = engine.state.sequence
        guard sequence > snapshotSequence else { return }
        let write = ProjectionWrite(.stateSnapshot, key: StateProjection.snapshotKey, value: try StateProjection.snapshot(engine.state))
        do {
            _ = try await store.commit(StateChange(expectedLogSize: UInt64(sequence), writes: [write]))
            snapshotSequence = sequence
        } catch let error as StoreError where error.code == .conflict {
            loaded = false
        }
    }

    /// Processes every queued job, then integrates and anchors; for `bollard ingest` and tests.
    /// Pipelined like `run`: the next batch is read while one is applied, and the log is
    /// integrated in the background; it returns once the integration has caught up.
    @discardableResult
    public func drain(onResult: @Sendable (DocumentResult) -> Void = { _ in }) async throws -> [DocumentResult] {
        var all: [DocumentResult] = []
        var next = try await prepare()
        while let batch = next {
            let ahead = Task { try await self.prepare() }
            let results: [DocumentResult]
            do {
                results = try await advance(batch)
            } catch {
                // The batch read ahead is given up: its leases expire and a worker takes it again.
                if let abandoned = try? await ahead.value { abandoned.renewal.cancel() }
                _ = try? await settleInFlight()
                await releaseTurn()
                await integrationSettled()
                throw error
            }
            for r in results { onResult(r) }
            all += results
            let waited = ContinuousClock.now
            do {
                next = try await ahead.value
            } catch {
                _ = try? await settleInFlight()
                await releaseTurn()
                await integrationSettled()
                throw error
            }
            statistics.waitingSeconds += Self.seconds(since: waited)
        }
        let last: [DocumentResult]
        do { last = try await settleInFlight() } catch {
            await releaseTurn()
            throw error
        }
        await releaseTurn()
        for r in last { onResult(r) }
        all += last
        await integrationSettled()
        await snapshotFinished()
        if let error = integrationError {
            integrationError = nil
            throw error
        }
        return all
    }

    // MARK: One batch

    private static func read(_ job: ClaimedJob, _ document: StoredDocument?, with reader: DocumentReader,
                             cache: inout EPCISReadCache) -> Claimed
    {
        guard let document else {
            return Claimed(job: job, fileName: job.documentID.hex, submitter: "",
                           read: .failure(IngestError(.malformed, "the stored document \(job.documentID) is missing")))
        }
        let name = document.metadata.filename ?? job.documentID.hex
        let read: Result<ReadDocument, IngestError>
        do {
            read = .success(try reader.read(document.bytes, fileName: name, receivedAt: document.receivedAt, cache: &cache))
        } catch {
            read = .failure(error)
        }
        var claimed = Claimed(job: job, fileName: name, submitter: document.metadata.submitter, read: read)
        // A record's leaf and index rows depend on its event and submitter alone: written here,
        // in parallel and ahead of the batch's turn, not while it holds the log's sequence.
        if case .success(let r) = read, case .mapped(let mapped) = r.content, let submitter = try? PartyID(claimed.submitter) {
            claimed.records = try? mapped.events.map { e in
                PreparedRecord(leaf: try CustodyRecord.leaf(event: e.event, submitter: submitter),
                               index: StateProjection.indexEntries(event: e.event, command: e.command, index: 0))
            }
        }
        return claimed
    }

    private struct Claimed: Sendable {
        var job: ClaimedJob
        var fileName: String
        var submitter: String
        /// Read once per batch; re-applied on every retry.
        var read: Result<ReadDocument, IngestError>
        /// Each event's record, when the document is mapped and its submitter a party.
        var records: [PreparedRecord]?
    }

    /// A custody record written ahead: its leaf, and its custody index rows with the event key
    /// of log index 0 (the real one is set once the batch's turn gives it a log index).
    private struct PreparedRecord: Sendable {
        var leaf: [UInt8]
        var index: [IndexEntry]
    }

    private struct Planned {
        var changes: [StateChange] = []
        var rejections: [(ClaimedJob, IngestError)] = []
        var results: [DocumentResult] = []
        /// The log size after the batch's accepted documents, and the state to write as the
        /// snapshot once the batch has committed, when it crosses a snapshot boundary.
        var sequence = 0
        var snapshot: ProvenanceState?
    }

    /// A claimed batch, read and waiting to be applied. Its leases are renewed from the claim
    /// until its commit (`LeaseRenewal`), so a batch read ahead of its turn is not taken over.
    private struct Prepared: Sendable {
        var jobs: [ClaimedJob]
        var claimed: [Claimed]
        var renewal: Task<Int, Never>
    }

    /// Where a committed batch's log entries are integrated.
    private enum Integration {
        /// Before `apply` returns (`processBatch`).
        case inline
        /// In a background task that overlaps the next batch (`run`, `drain`).
        case inBackground
    }

    /// Claims up to `batchSize` jobs and processes them; empty when the queue had none. The log
    /// is integrated before it returns.
    public func processBatch() async throws -> [DocumentResult] {
        guard let batch = try await prepare() else { return [] }
        return try await apply(batch, integrating: .inline)
    }

    /// Claims up to `batchSize` jobs and reads their documents; nil when the queue had none.
    private func prepare() async throws -> Prepared? {
        let jobs = try await store.claim(worker: configuration.name, lease: configuration.lease, limit: configuration.batchSize)
        guard !jobs.isEmpty else { return nil }
        let renewal = LeaseRenewal(store: store, lease: configuration.lease)
        let renewing = Task { await renewal.keep(jobs) }
        do {
            return Prepared(jobs: jobs, claimed: try await read(jobs), renewal: renewing)
        } catch {
            renewing.cancel()
            throw error
        }
    }

    /// Reads a batch's documents: one query for all of them, not one per job. Reading (parsing
    /// and mapping) a document depends on nothing but its bytes, so they are read in parallel,
    /// off this actor; only applying them to the engine is sequential.
    private nonisolated func read(_ jobs: [ClaimedJob]) async throws -> [Claimed] {
        let documents = try await store.documents(jobs.map(\.documentID))
        let reader = self.reader
        // Contiguous slices, a few per core, each read in turn through one `EPCISReadCache`
        // (documents of one sender share their member names).
        let slices = min(jobs.count, 4 * max(1, ProcessInfo.processInfo.activeProcessorCount))
        return await withTaskGroup(of: (Int, [Claimed]).self) { group in
            for s in 0..<slices {
                let range = (s * jobs.count / slices)..<((s + 1) * jobs.count / slices)
                let slice = jobs[range].map { ($0, documents[$0.documentID]) }
                group.addTask {
                    var cache = EPCISReadCache()
                    return (s, slice.map { Self.read($0.0, $0.1, with: reader, cache: &cache) })
                }
            }
            var out = [[Claimed]](repeating: [], count: slices)
            for await (s, claimed) in group { out[s] = claimed }
            return out.flatMap { $0 }
        }
    }

    /// Applies and commits one read batch in its turn (`commitInTurn`), then finishes it.
    private func apply(_ batch: Prepared, integrating: Integration) async throws -> [DocumentResult] {
        let plan: Planned?
        do {
            plan = try await commitInTurn(batch.claimed, jobs: batch.jobs)
        } catch {
            batch.renewal.cancel()
            statistics.leaseRenewals += await batch.renewal.value
            throw error
        }
        let (results, logged) = await finish(batch, plan)
        if logged {
            switch integrating {
            case .inline: try await integrateAndAnchor()
            case .inBackground: integrateInBackground()
            }
        }
        return results
    }

    /// What follows a batch's commit (or the loss of its lease, `plan == nil`): its leases are
    /// no longer renewed and its refusals are committed. Returns its results and whether it
    /// logged records (to integrate).
    private func finish(_ batch: Prepared, _ plan: Planned?) async -> (results: [DocumentResult], logged: Bool) {
        batch.renewal.cancel()
        statistics.leaseRenewals += await batch.renewal.value
        guard let plan else { return ([], false) }
        if let state = plan.snapshot { saveSnapshotInBackground(state) }
        statistics.batches += 1
        statistics.applied += plan.changes.count
        statistics.refused += plan.rejections.count
        statistics.records += plan.changes.reduce(0) { $0 + $1.logEntries.count }
        for (job, error) in plan.rejections {
            do { try await store.reject(job, error: error.json) } catch {
                // A lost lease: another worker applies it; otherwise its lease expires and it is retried.
                logger.warning("could not reject job \(job.id): \(error)")
            }
        }
        return (plan.results, plan.changes.contains(where: { !$0.logEntries.isEmpty }))
    }

    /// Applies one batch to the engine and commits it with the log's sequence held
    /// (`Store.commitSequenced`), re-applying it on a fresh state after a conflict (a store that
    /// commits optimistically). Returns its plan, or nil when a lease was lost (another worker
    /// applies the batch).
    private func commitInTurn(_ claimed: [Claimed], jobs: [ClaimedJob]) async throws -> Planned? {
        var attempt = 0
        while true {
            do {
                let committing = ContinuousClock.now, planningBefore = statistics.planningSeconds
                planned = nil
                if !applyingAhead { followUntilTurn() }
                _ = try await store.commitSequenced { size in try await self.plan(claimed, at: size) }
                statistics.committingSeconds += Self.seconds(since: committing) - (statistics.planningSeconds - planningBefore)
                if let turnStarted { statistics.turnSeconds += Self.seconds(since: turnStarted) }
                turnStarted = nil
                guard let plan = planned else { throw StoreError(.invalidArgument, "the store committed without planning") }
                engine.endChanges()
                return plan
            } catch let error as StoreError where error.code == .conflict && attempt < configuration.maxConflictRetries {
                // Another worker committed first: undo, catch up with its records, re-apply.
                await stopFollowing()
                engine.rollBackChanges()
                attempt += 1
                statistics.conflictRetries += 1
            } catch let error as StoreError where error.code == .leaseLost {
                // Another worker took a job over after our lease expired: it will apply the batch.
                logger.warning("lease lost on a batch of \(jobs.count): \(error)")
                await stopFollowing()
                engine.rollBackChanges()
                statistics.leasesLost += 1
                return nil
            } catch {
                await stopFollowing()
                engine.rollBackChanges()
                throw error
            }
        }
    }

    /// While this worker waits for the log's sequence (another worker holds it), replays the
    /// records the others commit as they land, every `followInterval`: its turn then begins
    /// with only the last of them to replay, where it began with all of them — with 4 workers,
    /// replaying in the turn was two thirds of it, and turns are what workers cannot overlap.
    /// The engine is never in a batch's changes here (`commitInTurn` runs with none in flight).
    private func followUntilTurn() {
        guard following == nil else { return }
        following = Task {
            while !Task.isCancelled {
                do { try await refreshEngine() } catch {
                    // The turn catches up itself and reports what fails there.
                    logger.debug("catching up while waiting for the turn: \(error)")
                    return
                }
                try? await Task.sleep(for: Self.followInterval)
            }
        }
    }

    /// Stops `followUntilTurn` and waits until it has (a replay in progress finishes first).
    private func stopFollowing() async {
        guard let task = following else { return }
        following = nil
        task.cancel()
        await task.value
    }

    // MARK: Applying ahead of the commit

    /// A batch applied to the engine whose commit is running while the next batch is applied
    /// on top of it.
    private struct InFlight {
        var batch: Prepared
        var plan: Planned
        var commit: Task<Void, any Error>
    }

    /// Applies a read batch in the pipeline (`run`, `drain`); returns the results of the batches
    /// it finished. While this worker is the only one committing (its last turn found no record
    /// of another's), a batch is applied on top of the one whose commit is running and committed
    /// right after it (`expectedLogSize` chains them), so applying one batch overlaps the
    /// database's commit of the one before. When the commit before fails — another worker
    /// committed in between, a lost lease — both batches are undone through the journal and each
    /// applied again in its turn (`commitInTurn`), and the worker stops applying ahead until a
    /// turn finds it alone again.
    private func advance(_ batch: Prepared) async throws -> [DocumentResult] {
        do {
            try await takeTurn()
            let results = try await applyAhead(batch)
            return results + (try await passTurnIfDue())
        } catch {
            // Given up: its leases expire and a worker takes it again.
            batch.renewal.cancel()
            await releaseTurn()
            throw error
        }
    }

    /// Waits for the log's turn (`LogTurn`), replaying the others' commits meanwhile; holding
    /// it, the worker applies ahead as if alone. A store without turns leaves things as they
    /// were: the worker applies ahead while it finds itself alone (`plan(_:at:)`).
    private func takeTurn() async throws {
        guard turn == nil, storeHasTurns else { return }
        if inFlight == nil { followUntilTurn() }
        let taken: LogTurn?
        do {
            taken = try await store.takeTurn(holdingAtMost: configuration.lease)
        } catch {
            await stopFollowing()
            throw error
        }
        await stopFollowing()
        guard let taken else {
            storeHasTurns = false
            return
        }
        turn = taken
        turnBatches = 0
        statistics.turnsTaken += 1
        applyingAhead = true
    }

    /// After `batchesPerTurn` batches, hands the turn to a waiting worker, if any, once the
    /// batch in flight has committed (so the next holder starts from it).
    private func passTurnIfDue() async throws -> [DocumentResult] {
        guard let turn else { return [] }
        applyingAhead = true  // a conflict in the turn (a lapsed turn) stopped it for one batch
        turnBatches += 1
        guard turnBatches >= configuration.batchesPerTurn else { return [] }
        turnBatches = 0
        guard try await turn.othersWaiting() else { return [] }
        let settled = try await settleInFlight()
        await releaseTurn()
        return settled
    }

    private func releaseTurn() async {
        guard let held = turn else { return }
        turn = nil
        applyingAhead = false
        await held.release()
    }

    private func applyAhead(_ batch: Prepared) async throws -> [DocumentResult] {
        guard applyingAhead else {
            let settled = try await settleInFlight()
            return settled + (try await apply(batch, integrating: .inBackground))
        }
        let mark: ProvenanceEngine.ChangeMark?
        if inFlight == nil {
            try await refreshEngine()
            engine.beginChanges()
            mark = nil
        } else {
            mark = engine.markChanges()
            statistics.appliedAhead += 1
        }
        let plan: Planned
        do {
            let planning = ContinuousClock.now
            plan = try self.plan(batch.claimed, since: mark)
            statistics.planningSeconds += Self.seconds(since: planning)
        } catch {
            if let mark { engine.rollBackChanges(to: mark) } else { engine.rollBackChanges() }
            applyingAhead = false
            let settled = try await settleInFlight()
            return settled + (try await apply(batch, integrating: .inBackground))
        }
        var finished: [DocumentResult] = []
        if let previous = inFlight {
            inFlight = nil
            guard await committed(previous) else {
                // Both undone (the journal held them from the previous batch's start): each is
                // applied in its turn.
                let redone = try await apply(previous.batch, integrating: .inBackground)
                return redone + (try await apply(batch, integrating: .inBackground))
            }
            finished = await finishCommitted(previous)
            if let mark { engine.keepChanges(before: mark) }
        }
        let changes = plan.changes, store = self.store
        inFlight = InFlight(batch: batch, plan: plan, commit: Task { _ = try await store.commit(changes) })
        return finished
    }

    /// Waits for the batch in flight, if any, and finishes it (applying it again in its turn
    /// when its commit failed); the engine's journal is then closed.
    private func settleInFlight() async throws -> [DocumentResult] {
        guard let previous = inFlight else { return [] }
        inFlight = nil
        guard await committed(previous) else { return try await apply(previous.batch, integrating: .inBackground) }
        engine.endChanges()
        return await finishCommitted(previous)
    }

    /// Waits for a batch's commit. When it failed, every journaled change (that batch's and any
    /// applied on top of it) is undone and the worker stops applying ahead.
    private func committed(_ batch: InFlight) async -> Bool {
        let committing = ContinuousClock.now
        do {
            try await batch.commit.value
            statistics.committingSeconds += Self.seconds(since: committing)
            return true
        } catch {
            engine.rollBackChanges()
            applyingAhead = false
            statistics.conflictRetries += 1
            logger.debug("a batch applied ahead was overtaken: \(error)")
            return false
        }
    }

    private func finishCommitted(_ batch: InFlight) async -> [DocumentResult] {
        let (results, logged) = await finish(batch.batch, batch.plan)
        if logged { integrateInBackground() }
        return results
    }

    /// Writes `state` (the state after a committed batch that crossed a snapshot boundary) as
    /// the snapshot, encoded and committed in a task of its own: a snapshot is O(state) — at
    /// 65,536 records, ≈ 2 s to encode and a value of ≈ 150 MB to write — and written inside the
    /// batch it stalled every worker's commits while it lasted. Any snapshot is the state after
    /// its own `sequence` records, so it may land after later commits. One at a time per worker
    /// (the next boundary is twice as far).
    private func saveSnapshotInBackground(_ state: ProvenanceState) {
        guard snapshotting == nil else { return }
        let store = self.store, logger = self.logger
        snapshotting = Task.detached(priority: .background) {
            do {
                let bytes = try StateProjection.snapshot(state)
                _ = try await store.commit(StateChange(writes: [ProjectionWrite(.stateSnapshot, key: StateProjection.snapshotKey,
                                                                                value: bytes)]))
                await self.snapshotWritten(at: state.sequence)
            } catch {
                logger.warning("the snapshot at \(state.sequence) records was not written (the next one will be): \(error)")
            }
            await self.snapshotSettled()
        }
    }

    private func snapshotWritten(at sequence: Int) {
        snapshotSequence = max(snapshotSequence, sequence)
    }

    private func snapshotSettled() {
        snapshotting = nil
    }

    /// Waits until no background snapshot runs.
    private func snapshotFinished() async {
        while let running = snapshotting { await running.value }
    }

    /// Integrates and anchors in a background task, so the database writes the tiles while this
    /// worker reads and applies its next batch. Commits while it runs make it go round once
    /// more: one integration at a time per worker, each taking every batch journaled so far.
    private func integrateInBackground() {
        integrationWanted = true
        guard integration == nil else { return }
        integration = Task {
            while integrationWanted {
                integrationWanted = false
                do {
                    try await integrateAndAnchor()
                    integrationError = nil
                } catch {
                    // Nothing is lost: the entries stay journaled for the next integration.
                    logger.warning("integration failed (retried after the next commit): \(error)")
                    integrationError = error
                }
            }
            integration = nil
        }
    }

    /// Waits until no background integration runs.
    private func integrationSettled() async {
        while let running = integration { await running.value }
    }

    /// Integrates sequenced entries into tiles and a checkpoint (under the log-writer lease),
    /// then lets the anchorer anchor if N entries or T seconds have passed.
    public func integrateAndAnchor() async throws {
        // The job lease bounds integration too: a worker killed while integrating blocks the
        // others' integration no longer than it blocks its jobs.
        _ = try await LogIntegration.integrate(store, signer: signer, holder: configuration.name, lease: configuration.lease)
        if let anchorer {
            do { try await anchorer.tick() } catch { logger.warning("anchoring failed (retried on the next tick): \(error)") }
        }
    }

    /// Brings the engine up to the store's sequenced log size: on first use from the latest
    /// snapshot, then by replaying the records other workers committed since (`StateLoader`).
    private func refreshEngine(to knownSize: UInt64? = nil) async throws {
        let size: UInt64
        if let knownSize { size = knownSize } else { size = try await store.sequencedLogSize() }
        if loaded, UInt64(engine.state.sequence) == size { return }
        let replaying = ContinuousClock.now
        replayedSinceTurn = true
        if !loaded || UInt64(engine.state.sequence) > size {
            loaded = false
            engine = ProvenanceEngine(state: try await StateLoader.snapshot(store))
            snapshotSequence = engine.state.sequence
        }
        while UInt64(engine.state.sequence) < size {
            let next = UInt64(engine.state.sequence)
            let records = try await StateLoader.records(store, from: next, to: min(size, next + UInt64(StateLoader.chunk)))
            try StateLoader.apply(records, to: &engine)
            statistics.replayedRecords += records.count
        }
        // A commit between the size read and now is caught by the batch's expectedLogSize.
        loaded = true
        statistics.replayingSeconds += Self.seconds(since: replaying)
    }

    /// Catches the engine up with the log's sequenced size (the store holds the sequence while
    /// this runs: `commitSequenced`), then applies the batch in place (`plan(_:)`), keeping the
    /// plan for `commit` once the store has committed its changes.
    private func plan(_ claimed: [Claimed], at size: UInt64) async throws -> [StateChange] {
        turnStarted = ContinuousClock.now
        await stopFollowing()
        try await refreshEngine(to: size)
        // Alone since this worker's last turn (nothing replayed since): the next batches may be
        // applied ahead (`advance`).
        applyingAhead = !replayedSinceTurn
        replayedSinceTurn = false
        engine.beginChanges()
        let planning = ContinuousClock.now
        let plan = try self.plan(claimed)
        statistics.planningSeconds += Self.seconds(since: planning)
        if configuration.applyDelay > .zero { try await Task.sleep(for: configuration.applyDelay) }
        planned = plan
        return plan.changes
    }

    /// Applies the batch to the engine in place (journaled by `beginChanges()`, undone by the
    /// caller if the commit is refused): one change per accepted or unmapped document, one
    /// rejection per refused one.
    private func plan(_ claimed: [Claimed], since mark: ProvenanceEngine.ChangeMark? = nil) throws -> Planned {
        var plan = Planned()
        let start = engine.state.sequence
        var lastStateChange: Int?
        for c in claimed {
            let read: ReadDocument
            switch c.read {
            case .failure(let error):
                plan.rejections.append((c.job, error))
                plan.results.append(result(c, format: nil, .refused, error: error))
                continue
            case .success(let r):
                read = r
            }
            let ack = read.acknowledgment.map { String(decoding: $0, as: UTF8.self) }
            let mapped: MappedDocument
            switch read.content {
            case .notMapped(let reason):
                var r = result(c, format: read.format, .notMapped, note: reason, acknowledgment: ack)
                r.edi = read.edi
                plan.changes.append(StateChange(job: c.job, outcome: r.json))
                plan.results.append(r)
                continue
            case .mapped(let m):
                mapped = m
            }
            let submitter: PartyID
            do { submitter = try PartyID(c.submitter) } catch {
                let e = IngestError(.invalidSubmitter, file: c.fileName, "the document was submitted as \"\(c.submitter)\": \(error)")
                plan.rejections.append((c.job, e))
                plan.results.append(result(c, format: read.format, .refused, error: e))
                continue
            }
            let first = UInt64(engine.state.sequence)
            let outcomes: [ApplyOutcome]
            do {
                outcomes = try engine.apply(mapped, submitter: submitter)
            } catch {
                let e = IngestError(.refused, file: c.fileName, position: error.source.map { "\($0.position)" },
                                    rule: error.rule?.rawValue, error.description)
                plan.rejections.append((c.job, e))
                plan.results.append(result(c, format: read.format, .refused, error: e))
                continue
            }
            var leaves: [[UInt8]] = []
            var index: [IndexEntry] = []
            var writes: [ProjectionWrite] = []
            for (i, event) in mapped.events.enumerated() {
                let at = first + UInt64(i)
                let key = StateProjection.eventKey(at)
                let leaf: [UInt8]
                if let record = c.records?[i] {
                    leaf = record.leaf
                    index += record.index.map { IndexEntry($0.dimension, $0.value, eventKey: key) }
                } else {
                    leaf = try CustodyRecord.leaf(event: event.event, submitter: submitter)
                    index += StateProjection.indexEntries(event: event.event, command: event.command, index: at)
                }
                leaves.append(leaf)
                writes.append(ProjectionWrite(.custodyEvents, key: key, value: leaf, creates: true))
            }
            var r = result(c, format: read.format, .applied, firstLogIndex: leaves.isEmpty ? nil : first, events: leaves.count,
                           flags: outcomes.flatMap(\.flags), acknowledgment: ack)
            r.edi = read.edi
            if !leaves.isEmpty { lastStateChange = plan.changes.count }
            plan.changes.append(StateChange(job: c.job, outcome: r.json, expectedLogSize: first, writes: writes, index: index,
                                            logEntries: leaves))
            plan.results.append(r)
        }
        // The state rows go with the batch's last change (a snapshot, when due, is written once
        // the batch has committed, in the background: `saveSnapshotInBackground`): the batch
        // commits all or nothing, so one diff per batch gives the same tables as one per
        // document. The diff covers only what the journal says the batch touched.
        plan.sequence = engine.state.sequence
        if let last = lastStateChange, let delta = mark.map({ engine.changes(since: $0) }) ?? engine.changes {
            plan.changes[last].writes += try StateProjection.writes(delta, to: engine.state)
            if let interval = configuration.snapshotInterval, Self.snapshotDue(from: start, to: plan.sequence, interval: interval) {
                plan.snapshot = engine.state
            }
        }
        return plan
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// Whether a batch taking the log from `start` to `end` records crosses a snapshot boundary,
    /// `interval`·2ᵏ (k ≥ 0): the snapshot is encoded at sizes that double, so its cost stays
    /// O(1) per record however large the state grows.
    public static func snapshotDue(from start: Int, to end: Int, interval: Int) -> Bool {
        var boundary = max(1, interval)
        while boundary <= end {
            if boundary > start { return true }
            let (next, overflow) = boundary.multipliedReportingOverflow(by: 2)
            if overflow { return false }
            boundary = next
        }
        return false
    }

    private func result(_ c: Claimed, format: DocumentFormat?, _ status: DocumentResult.Status, firstLogIndex: UInt64? = nil,
                        events: Int = 0, flags: [Flag] = [], error: IngestError? = nil, note: String? = nil,
                        acknowledgment: String? = nil) -> DocumentResult {
        DocumentResult(documentID: c.job.documentID.hex, jobID: c.job.id.rawValue, fileName: c.fileName, format: format, status: status,
                       firstLogIndex: firstLogIndex, events: events, flags: flags, error: error, note: note, acknowledgment: acknowledgment)
    }
}
