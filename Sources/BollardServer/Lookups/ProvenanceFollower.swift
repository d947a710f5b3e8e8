import BollardCore
import BollardIngest
import BollardStore
import ServiceLifecycle

/// The engine state the lookups answer from, kept in memory and brought up to the store's
/// sequenced log size by replaying only the records committed since (`StateLoader`), never the
/// whole log: the first catch-up starts from the latest snapshot.
///
/// `follow(every:)` keeps it caught up in the background while workers commit, so a lookup
/// replays at most what was committed since the last tick — not everything ingested since the
/// server started. The lookup index is rebuilt when a lookup finds the state moved, or in the
/// background once the state has stopped moving.
///
/// Catch-ups are serialised through one in-flight task, so concurrent requests never replay
/// the same records twice (actor methods may interleave at every `await`).
public actor ProvenanceFollower<S: Store> {
    public nonisolated let store: S
    private var engine: ProvenanceEngine?
    private var index = LookupIndex()
    private var indexedSequence = -1
    private var refreshing: Task<Void, any Error>?
    private var observer: (@Sendable ([(index: UInt64, event: EPCISEvent)]) -> Void)?

    public init(store: S) { self.store = store }

    /// Told of the records' events as they are replayed (all of a snapshot's when one is loaded,
    /// then each chunk applied): the server precomputes their GS1 event hashes with it.
    public func observeRecords(_ observer: @escaping @Sendable ([(index: UInt64, event: EPCISEvent)]) -> Void) {
        self.observer = observer
    }

    /// The state after every sequenced entry, and its index built for that state.
    public func current() async throws -> (ProvenanceState, LookupIndex) {
        let state = try await currentState()
        indexIfMoved(state)
        return (state, index)
    }

    /// The state after every sequenced entry, and the latest index built — for an earlier state
    /// when records were committed since (`LookupIndex.sequence` says which). Rebuilding the
    /// index is a pass over every lot, so a lookup that can answer without it (a lot named by
    /// its full URI, or a short name the index already knows) does not pay for it while
    /// workers commit; `current()` is the exact pair.
    public func currentAllowingStaleIndex() async throws -> (ProvenanceState, LookupIndex) {
        let state = try await currentState()
        if indexedSequence < 0 { indexIfMoved(state) }
        return (state, index)
    }

    private func currentState() async throws -> ProvenanceState {
        try await catchUp()
        // A catch-up started after ours holds the engine while it applies: wait for it too.
        while engine == nil, let refreshing { try await refreshing.value }
        guard let engine else { throw ProblemDetails(.serviceUnavailable, code: "state-unavailable", title: "State unavailable",
                                                     detail: "the provenance state could not be loaded", retryAfter: 1) }
        return engine.state
    }

    /// Replays what was committed since the last catch-up; returns whether the state moved.
    @discardableResult
    public func catchUp() async throws -> Bool {
        let before = engine?.state.sequence
        if let refreshing {
            try await refreshing.value
        } else {
            let task = Task { try await self.refresh() }
            refreshing = task
            defer { refreshing = nil }
            try await task.value
        }
        return engine?.state.sequence != before
    }

    /// Catches up every `interval` until cancelled; builds the index once a tick finds nothing
    /// new (ingest has paused), so the next lookup does not pay for it.
    public func follow(every interval: Duration) async {
        while !Task.isCancelled {
            if let moved = try? await catchUp(), !moved, let engine { indexIfMoved(engine.state) }
            try? await Task.sleep(for: interval)
        }
    }

    private func indexIfMoved(_ state: ProvenanceState) {
        guard indexedSequence != state.sequence else { return }
        index = LookupIndex(state)
        indexedSequence = state.sequence
    }

    private func refresh() async throws {
        // The engine is moved out while records are applied, so its storage is uniquely
        // referenced and mutated in place rather than copied (callers wait for this task).
        var engine: ProvenanceEngine
        if let held = self.engine {
            engine = held
        } else {
            engine = ProvenanceEngine(state: try await StateLoader.snapshot(store))
            observer?(engine.state.events.map { (UInt64($0.sequence - 1), $0.event) })
        }
        self.engine = nil
        defer { self.engine = engine }
        let size = try await store.sequencedLogSize()
        while UInt64(engine.state.sequence) < size {
            let next = UInt64(engine.state.sequence)
            let records = try await StateLoader.records(store, from: next, to: min(size, next + UInt64(StateLoader.chunk)))
            try StateLoader.apply(records, to: &engine)
            observer?(records.map { ($0.index, $0.event) })
        }
    }
}

/// Runs `ProvenanceFollower.follow` in the server's service group, stopping on graceful shutdown.
/// With the server's `AnchoredLog`, the records' GS1 event hashes are computed as they are
/// replayed, in background-priority tasks, off the request path.
struct FollowerService<S: Store>: Service {
    let follower: ProvenanceFollower<S>
    let anchored: AnchoredLog<S>?
    var interval: Duration = .milliseconds(250)

    func run() async throws {
        if let anchored {
            await follower.observeRecords { events in
                Task(priority: .background) { await anchored.precomputeEventHashes(events) }
            }
        }
        await cancelWhenGracefulShutdown { await follower.follow(every: interval) }
    }
}
