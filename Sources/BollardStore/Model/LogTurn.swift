/// The log's writing turn, held by one worker across several commits (`Store.takeTurn`).
///
/// Workers that share a store serialise on the log: a commit needs the state as of every record
/// before it. Holding the sequence only for one commit (`Store.commitSequenced`) makes every
/// commit a hand-over, and a worker taking over first replays the last holder's records and
/// cannot overlap applying a batch with committing the one before (what a worker alone does).
/// A turn is held for a run of batches instead: the holder applies ahead as if alone, and the
/// others replay its commits while they wait. The turn orders workers; it guards nothing —
/// every commit is still checked against the log's size (`StateChange.expectedLogSize`), so a
/// turn that lapses (a holder that hangs past its limit) costs a conflict retry, never a wrong
/// state.
public final class LogTurn: Sendable {
    private let onRelease: @Sendable () async -> Void
    private let onWaiting: @Sendable () async throws -> Bool

    public init(release: @escaping @Sendable () async -> Void, othersWaiting: @escaping @Sendable () async throws -> Bool) {
        onRelease = release
        onWaiting = othersWaiting
    }

    /// Gives the turn to the next worker waiting for it. Idempotent.
    public func release() async { await onRelease() }

    /// Whether another worker waits for the turn (a holder keeps it while nobody does).
    public func othersWaiting() async throws -> Bool { try await onWaiting() }
}
