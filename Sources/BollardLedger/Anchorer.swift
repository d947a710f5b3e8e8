import BollardLog

/// Anchors the log's latest checkpoint every `everyEntries` new entries or every `interval`,
/// whichever comes first.
///
/// Once it decides to anchor a checkpoint it keeps that checkpoint as pending and retries it on
/// every later tick until the ledger takes it — a newer checkpoint never jumps the queue, so no
/// decided checkpoint is skipped. Submissions are idempotent by size (here and in the ledger), so
/// a retry after a lost reply or a restart anchors nothing twice.
public actor Anchorer {
    public struct Policy: Sendable, Hashable {
        public var everyEntries: UInt64
        public var interval: Duration

        public init(everyEntries: UInt64, interval: Duration) {
            self.everyEntries = max(1, everyEntries)
            self.interval = interval
        }
    }

    private let source: any CheckpointSource
    private let anchor: any Anchor
    private let logVerifiers: NoteVerifiers
    private let origin: String
    private let policy: Policy
    private let now: @Sendable () -> Duration

    private var lastAnchoredSize: UInt64?
    private var lastAnchorTime: Duration
    private var pending: AnchorSubmission?
    /// Why the latest tick failed, until one succeeds.
    public private(set) var lastError: (any Error)?

    /// `now` is a monotonic time (tests pass a manual one); checkpoints are verified against
    /// `logVerifiers` and `origin` before being anchored, so a corrupted or foreign checkpoint
    /// is never committed.
    public init(
        source: any CheckpointSource, anchor: any Anchor, logVerifiers: NoteVerifiers, origin: String, policy: Policy,
        now: (@Sendable () -> Duration)? = nil
    ) {
        self.source = source
        self.anchor = anchor
        self.logVerifiers = logVerifiers
        self.origin = origin
        self.policy = policy
        if let now {
            self.now = now
        } else {
            let start = ContinuousClock.now
            self.now = { ContinuousClock.now - start }
        }
        self.lastAnchorTime = self.now()
    }

    public var pendingSize: UInt64? { pending?.size }

    /// Anchors the pending checkpoint, or the latest one if it is due; returns the anchor made
    /// (nil if nothing was due).
    @discardableResult
    public func tick() async throws -> AnchorStatus? {
        do {
            let result = try await step()
            lastError = nil
            return result
        } catch {
            lastError = error
            throw error
        }
    }

    private func step() async throws -> AnchorStatus? {
        if lastAnchoredSize == nil {
            lastAnchoredSize = try await anchor.anchors().last?.size ?? 0
        }
        if let pending {
            return try await submit(pending)
        }
        guard let note = try await source.latestCheckpoint() else { return nil }
        let checkpoint = try Checkpoint.open(note, verifiers: logVerifiers, origin: origin)
        let last = lastAnchoredSize ?? 0
        guard checkpoint.size > last else { return nil }
        let due = checkpoint.size - last >= policy.everyEntries || now() - lastAnchorTime >= policy.interval
        guard due else { return nil }
        let submission = AnchorSubmission(origin: checkpoint.origin, size: checkpoint.size, root: checkpoint.root, signedNote: note)
        pending = submission
        return try await submit(submission)
    }

    private func submit(_ submission: AnchorSubmission) async throws -> AnchorStatus {
        let status = try await anchor.submit(submission)
        pending = nil
        lastAnchoredSize = max(lastAnchoredSize ?? 0, submission.size)
        lastAnchorTime = now()
        return status
    }

    /// Ticks every `pollInterval` until the task is cancelled; failures are kept in `lastError`
    /// and retried on the next tick.
    public func run(pollInterval: Duration) async {
        while !Task.isCancelled {
            _ = try? await tick()
            do {
                try await Task.sleep(for: pollInterval)
            } catch {
                return
            }
        }
    }
}
