/// A job's row id in the queue.
public struct JobID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
    public static func < (a: JobID, b: JobID) -> Bool { a.rawValue < b.rawValue }
}

public enum JobState: String, Sendable, CaseIterable {
    /// Waiting for a worker.
    case queued
    /// Leased by a worker until its lease expires; then any worker may claim it again.
    case running
    /// Applied: its state change and log entries committed with it.
    case done
    /// Refused (bad input, a broken rule, or too many attempts); terminal, with its error.
    case rejected
}

/// A job leased to one worker. `(id, attempt)` names the lease: every claim increments
/// `attempt`, so a worker whose lease expired and was taken over can no longer complete the job.
public struct ClaimedJob: Hashable, Sendable {
    public var id: JobID
    public var documentID: DocumentID
    public var worker: String
    public var attempt: Int
    /// Milliseconds since the Unix epoch (the database's clock on PostgreSQL).
    public var leaseExpiresAt: Int64

    public init(id: JobID, documentID: DocumentID, worker: String, attempt: Int, leaseExpiresAt: Int64) {
        self.id = id
        self.documentID = documentID
        self.worker = worker
        self.attempt = attempt
        self.leaseExpiresAt = leaseExpiresAt
    }
}

/// A job as stored, for status queries and tests.
public struct JobRecord: Hashable, Sendable {
    public var id: JobID
    public var documentID: DocumentID
    public var state: JobState
    public var attempts: Int
    public var worker: String?
    /// What the worker reported on completion (e.g. the acknowledgment), as given.
    public var outcome: [UInt8]?
    /// The error JSON of a rejected job, as given.
    public var error: [UInt8]?

    public init(id: JobID, documentID: DocumentID, state: JobState, attempts: Int, worker: String?,
                outcome: [UInt8]?, error: [UInt8]?) {
        self.id = id
        self.documentID = documentID
        self.state = state
        self.attempts = attempts
        self.worker = worker
        self.outcome = outcome
        self.error = error
    }
}
