import BollardCore
import BollardIngest
import BollardStore

/// The engine state the lookups answer from, kept in memory and brought up to the store's
/// sequenced log size before each answer by replaying only the records committed since
/// (`StateLoader`), never the whole log: the first call starts from the latest snapshot. The
/// lookup index is rebuilt only when the state moved.
///
/// Refreshes are serialised through one in-flight task, so concurrent requests never replay
/// the same records twice (actor methods may interleave at every `await`).
public actor ProvenanceFollower<S: Store> {
    public nonisolated let store: S
    private var engine: ProvenanceEngine?
    private var index = LookupIndex()
    private var refreshing: Task<Void, any Error>?

    public init(store: S) { self.store = store }

    /// The state after every sequenced entry, and its index.
    public func current() async throws -> (ProvenanceState, LookupIndex) {
        if let refreshing {
            try await refreshing.value
        } else {
            let task = Task { try await self.refresh() }
            refreshing = task
            defer { refreshing = nil }
            try await task.value
        }
        guard let engine else { throw ProblemDetails(.serviceUnavailable, code: "state-unavailable", title: "State unavailable",
                                                     detail: "the provenance state could not be loaded", retryAfter: 1) }
        return (engine.state, index)
    }

    private func refresh() async throws {
        var engine = try await loaded()
        let before = engine.state.sequence
        let size = try await store.sequencedLogSize()
        while UInt64(engine.state.sequence) < size {
            let next = UInt64(engine.state.sequence)
            try StateLoader.apply(try await StateLoader.records(store, from: next, to: min(size, next + 1024)), to: &engine)
        }
        if engine.state.sequence != before || self.engine == nil { index = LookupIndex(engine.state) }
        self.engine = engine
    }

    private func loaded() async throws -> ProvenanceEngine {
        if let engine { return engine }
        return ProvenanceEngine(state: try await StateLoader.snapshot(store))
    }
}
