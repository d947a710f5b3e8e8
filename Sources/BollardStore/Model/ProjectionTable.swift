/// The state tables: each a projection of the log, keyed by a string the engine chooses, with
/// the engine's canonical encoding of the row as its value. Keeping the value opaque keeps the
/// store free of parsing (DESIGN.md: "the store never parses") and makes "replaying the log
/// rebuilds every table byte for byte" a plain byte comparison (`StoreAudit`).
public enum ProjectionTable: String, Sendable, CaseIterable, Hashable {
    case lots
    case receipts
    /// Receipt ↔ token bindings.
    case bindings
    case pledges
    case discrepancies
    case custodyEvents = "custody_events"
    /// The engine's whole state snapshot (key chosen by the engine, e.g. "engine"), so a worker
    /// can resume without replaying the log.
    case stateSnapshot = "state_snapshot"

    /// The SQL table name; fixed by this enum, never taken from input.
    public var sqlName: String { "p_" + rawValue }
}

/// The dimensions custody events are found by (the queries of DESIGN.md "Who uses it").
public enum IndexDimension: String, Sendable, CaseIterable, Hashable {
    case lot
    case container
    case billOfLading = "bl"
    case receipt
    case hsCode = "hs"
    /// A UTC calendar date, `YYYY-MM-DD`.
    case date
}

/// One row of the custody index: `eventKey` (a key of `custody_events`) is found under
/// `(dimension, value)`.
public struct IndexEntry: Hashable, Sendable {
    public var dimension: IndexDimension
    public var value: String
    public var eventKey: String

    public init(_ dimension: IndexDimension, _ value: String, eventKey: String) {
        self.dimension = dimension
        self.value = value
        self.eventKey = eventKey
    }
}

/// Sets (`value` non-nil) or deletes (`value == nil`) one projection row.
public struct ProjectionWrite: Hashable, Sendable {
    public var table: ProjectionTable
    public var key: String
    public var value: [UInt8]?
    /// The engine's state had no such row before this write (a new lot, an appended
    /// discrepancy, the record of a log index the commit sequences). A store may then insert
    /// without a conflict check — on PostgreSQL a plain `INSERT`, which writes a third of the
    /// WAL records of `INSERT … ON CONFLICT` (no speculative insertion, docs §INSERT) — and a row
    /// that does exist, which only an edit behind Bollard's back can leave, fails the commit
    /// instead of being overwritten. Unset, the row is written whether or not it exists.
    public var creates: Bool

    public init(_ table: ProjectionTable, key: String, value: [UInt8]?, creates: Bool = false) {
        self.table = table
        self.key = key
        self.value = value
        self.creates = creates
    }
}

/// A precondition checked inside the commit: the row holds exactly `value` (nil: it is absent).
/// This is how "pledging a pledged receipt is refused" holds across workers: the engine's
/// decision is only committed if the rows it read are still as it read them.
public struct RowExpectation: Hashable, Sendable {
    public var table: ProjectionTable
    public var key: String
    public var value: [UInt8]?

    public init(_ table: ProjectionTable, key: String, value: [UInt8]?) {
        self.table = table
        self.key = key
        self.value = value
    }
}
