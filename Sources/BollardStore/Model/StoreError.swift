/// Why the store refused or failed an operation. A refused operation changes nothing: every
/// check runs inside the transaction that would have made the change, before it commits.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable {
        /// A `RowExpectation` or the expected log size did not hold: another writer got there
        /// first. Reload and retry (or refuse, if the engine now says no).
        case conflict
        /// The job is no longer leased by this worker and attempt (its lease expired and another
        /// worker claimed it, or it already finished). Nothing was applied.
        case leaseLost
        /// The submitter reused an idempotency key for different bytes.
        case idempotencyKeyReused
        case invalidArgument
        case notFound
        /// The database's schema is newer than this build knows, or a migration failed.
        case migration
        case configuration
        /// The database returned something the store cannot read (a corrupted row).
        case corruptRow
    }

    public var code: Code
    public var context: String

    public init(_ code: Code, _ context: String) {
        self.code = code
        self.context = context
    }

    public var description: String { "\(code.rawValue): \(context)" }

    /// A write that creates a row (`ProjectionWrite.creates`) found one already there: the
    /// table holds a row the state it projects does not — an edit behind Bollard's back, which
    /// `bollard audit` reports with its table and key. The commit is refused, not overwritten.
    static func rowNotInState(table: String, row: String) -> StoreError {
        StoreError(.corruptRow, "\(table): \(row) — a row the state it projects does not hold (edited behind Bollard's back? "
                   + "`bollard audit` reports it); the commit is refused")
    }
}
