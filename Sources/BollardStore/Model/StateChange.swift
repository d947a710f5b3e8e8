/// One unit of work committed atomically: a job's completion, the state it changes and the log
/// entries that record the change. Either all of it is durable or none of it is — a crash can
/// never leave state without its log entries, or a completed job without its state.
///
/// The log entries are *sequenced* in the commit (indices assigned, journaled — the first step
/// of `TransparencyLog`'s append), and integrated into tiles afterwards by `LogIntegration`,
/// which repairs from the same journal after a crash. Sequencing is the acknowledgment.
public struct StateChange: Hashable, Sendable {
    /// The job this change completes, if any; it must still be leased as claimed.
    public var job: ClaimedJob?
    /// Stored with the completed job (e.g. the acknowledgment sent back).
    public var outcome: [UInt8]
    /// Checked before anything is written; one that fails refuses the whole commit.
    public var expectations: [RowExpectation]
    /// When set, the commit is refused unless the log's sequenced size is exactly this: the
    /// engine state the change was computed from is then guaranteed current (optimistic
    /// concurrency over the whole state).
    public var expectedLogSize: UInt64?
    public var writes: [ProjectionWrite]
    /// Custody index rows of this change's own log entries: their event keys are log indices
    /// the commit sequences, so no committed row can already hold one (PostgreSQL inserts them
    /// without a conflict check; a row that does exist fails the commit).
    public var index: [IndexEntry]
    /// Leaf bytes (RFC 8785 JSON custody records), each at most 65,535 bytes.
    public var logEntries: [[UInt8]]

    public init(job: ClaimedJob? = nil, outcome: [UInt8] = [], expectations: [RowExpectation] = [],
                expectedLogSize: UInt64? = nil, writes: [ProjectionWrite] = [], index: [IndexEntry] = [],
                logEntries: [[UInt8]] = []) {
        self.job = job
        self.outcome = outcome
        self.expectations = expectations
        self.expectedLogSize = expectedLogSize
        self.writes = writes
        self.index = index
        self.logEntries = logEntries
    }

    /// Whether the change touches state or the log (and so must be serialised with every other
    /// such change, in log order). A change that only writes the state snapshot does not: a
    /// snapshot is the state after its own `sequence` records whenever it is written, and
    /// holding the sequence while a large one is written would stop every other commit.
    var changesState: Bool {
        !expectations.isEmpty || expectedLogSize != nil || !index.isEmpty || !logEntries.isEmpty
            || writes.contains { $0.table != .stateSnapshot }
    }
}

/// What a commit did: where its log entries were sequenced.
public struct CommitResult: Hashable, Sendable {
    /// The index of the first entry; entries are `firstLogIndex ..< firstLogIndex + logCount`.
    public var firstLogIndex: UInt64
    public var logCount: Int

    public init(firstLogIndex: UInt64, logCount: Int) {
        self.firstLogIndex = firstLogIndex
        self.logCount = logCount
    }
}
