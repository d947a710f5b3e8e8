/// Every table the store owns, for dumps and the audit.
public enum StoreTable: Hashable, Sendable, CustomStringConvertible {
    case schemaMigrations
    case documents
    case idempotencyKeys
    case jobs
    case projection(ProjectionTable)
    case custodyIndex
    case logTiles
    case logBundles
    case logHead
    case logCheckpoint
    case logJournal
    case logSequence
    case logWriter
    case ledgerRecords

    public static var all: [StoreTable] {
        [.schemaMigrations, .documents, .idempotencyKeys, .jobs]
            + ProjectionTable.allCases.map(StoreTable.projection)
            + [.custodyIndex, .logTiles, .logBundles, .logHead, .logCheckpoint, .logJournal, .logSequence, .logWriter, .ledgerRecords]
    }

    /// The tables that are a function of the log alone, which a replay must rebuild byte for
    /// byte: the projections, the custody index, and the tiles, bundles and tree head (pure
    /// functions of the entries, tlog-tiles). Not the checkpoint (a signature over a size the
    /// publisher chose to sign), nor intake and queue bookkeeping.
    public static var derivedFromLog: [StoreTable] {
        ProjectionTable.allCases.map(StoreTable.projection) + [.custodyIndex, .logTiles, .logBundles, .logHead]
    }

    public var sqlName: String {
        switch self {
        case .schemaMigrations: "schema_migrations"
        case .documents: "documents"
        case .idempotencyKeys: "idempotency_keys"
        case .jobs: "jobs"
        case .projection(let p): p.sqlName
        case .custodyIndex: "custody_index"
        case .logTiles: "log_tiles"
        case .logBundles: "log_bundles"
        case .logHead: "log_head"
        case .logCheckpoint: "log_checkpoint"
        case .logJournal: "log_journal"
        case .logSequence: "log_sequence"
        case .logWriter: "log_writer"
        case .ledgerRecords: "ledger_records"
        }
    }

    public var description: String { sqlName }
}

/// A table's rows as `(key, value)`, sorted by key bytes, so two stores (of either backend)
/// compare row by row.
public struct TableDump: Hashable, Sendable {
    public var table: StoreTable
    public var rows: [Row]

    public struct Row: Hashable, Sendable {
        public var key: String
        public var value: [UInt8]
        public init(key: String, value: [UInt8]) {
            self.key = key
            self.value = value
        }
    }

    public init(table: StoreTable, rows: [Row]) {
        self.table = table
        self.rows = rows.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
    }
}
