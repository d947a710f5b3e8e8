/// The store's schema, as migrations for each dialect. Append new migrations; never edit one
/// that has shipped.
enum Schema {
    static let createMigrationsTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)
        """

    static func migrations(_ d: SQLDialect) -> [Migration] {
        [
            Migration(version: 1, name: "intake and job queue", statements: [
                """
                CREATE TABLE documents (
                    id TEXT PRIMARY KEY, bytes \(d.bytes) NOT NULL, size \(d.int64) NOT NULL,
                    submitter TEXT NOT NULL, channel TEXT NOT NULL, filename TEXT, content_type TEXT,
                    received_at \(d.int64) NOT NULL)
                """,
                """
                CREATE TABLE idempotency_keys (
                    submitter TEXT NOT NULL, key TEXT NOT NULL,
                    document_id TEXT NOT NULL REFERENCES documents(id), PRIMARY KEY (submitter, key))
                """,
                """
                CREATE TABLE jobs (
                    id \(d.serialKey), document_id TEXT NOT NULL UNIQUE REFERENCES documents(id),
                    state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'rejected')),
                    attempts INTEGER NOT NULL DEFAULT 0, worker TEXT, lease_expires_at \(d.int64),
                    enqueued_at \(d.int64) NOT NULL, finished_at \(d.int64), outcome \(d.bytes), error \(d.bytes))
                """,
                // Claims scan only live jobs; finished ones drop out of this index. (SQLite uses a
                // partial index only when the query repeats its predicate verbatim.)
                "CREATE INDEX jobs_live ON jobs (id) WHERE state IN ('queued', 'running')",
            ]),
            Migration(version: 2, name: "projections and custody index", statements:
                ProjectionTable.allCases.map {
                    "CREATE TABLE \($0.sqlName) (key TEXT PRIMARY KEY, value \(d.bytes) NOT NULL)"
                } + [
                    """
                    CREATE TABLE custody_index (
                        dimension TEXT NOT NULL, value TEXT NOT NULL, event_key TEXT NOT NULL,
                        PRIMARY KEY (dimension, value, event_key))
                    """,
                ]),
            Migration(version: 3, name: "transparency log", statements: [
                "CREATE TABLE log_tiles (path TEXT PRIMARY KEY, bytes \(d.bytes) NOT NULL)",
                "CREATE TABLE log_bundles (path TEXT PRIMARY KEY, bytes \(d.bytes) NOT NULL)",
                """
                CREATE TABLE log_head (id INTEGER PRIMARY KEY CHECK (id = 1), size \(d.int64) NOT NULL,
                    bytes \(d.bytes) NOT NULL)
                """,
                """
                CREATE TABLE log_checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), size \(d.int64) NOT NULL,
                    note \(d.bytes) NOT NULL)
                """,
                """
                CREATE TABLE log_journal (first_index \(d.int64) PRIMARY KEY, end_index \(d.int64) NOT NULL,
                    bytes \(d.bytes) NOT NULL)
                """,
                "CREATE TABLE log_sequence (id INTEGER PRIMARY KEY CHECK (id = 1), next_index \(d.int64) NOT NULL)",
                "INSERT INTO log_sequence (id, next_index) VALUES (1, 0)",
                """
                CREATE TABLE log_writer (id INTEGER PRIMARY KEY CHECK (id = 1), holder TEXT,
                    expires_at \(d.int64) NOT NULL)
                """,
                "INSERT INTO log_writer (id, holder, expires_at) VALUES (1, NULL, 0)",
            ]),
            // The embedded ledger's records (BollardLedger `LocalLedger`), in the database that
            // holds the log they anchor, so every worker process of one store appends to one
            // chain. `sequence` is the record's own sequence number: a second appender at the
            // same sequence (a fork of the chain) fails on the primary key.
            Migration(version: 4, name: "local ledger records", statements: [
                """
                CREATE TABLE ledger_records (sequence \(d.int64) PRIMARY KEY CHECK (sequence >= 0),
                    bytes \(d.bytes) NOT NULL, appended_at \(d.int64) NOT NULL)
                """,
            ]),
            // API keys of the HTTP service, stored as SHA-256 hashes only (BollardServer `APIKeys`).
            Migration(version: 5, name: "api keys", statements: [
                """
                CREATE TABLE api_keys (
                    id TEXT PRIMARY KEY, key_hash TEXT NOT NULL UNIQUE, party TEXT NOT NULL, role TEXT NOT NULL,
                    name TEXT, created_at \(d.int64) NOT NULL, revoked_at \(d.int64))
                """,
            ]),
            // PostgreSQL compresses values over ≈ 2 KB (TOAST) with pglz unless told otherwise; on
            // the ingest path that was a quarter of the server's CPU (entry bundles, the journal,
            // job outcomes, large custody records). LZ4 (PostgreSQL 14+, docs §73.2) compresses
            // several times faster at a similar ratio; it applies to values written from now on.
            // A server built without LZ4 keeps pglz (the statement's error is caught). SQLite
            // does not compress.
            Migration(version: 6, name: "lz4 compression of large values",
                      statements: d == .sqlite ? [] : [Self.lz4Columns]),
            // PostgreSQL: one custody-index row per (dimension, value) and commit, holding that
            // commit's event keys in order (`first_key` is the smallest), where there was one
            // row per event key. A 540-record commit wrote ≈ 2,100 rows (lot, bill of lading,
            // receipt and date of every event: half of the commit's server time, each row a
            // heap tuple, a B-tree entry and their WAL records); grouped, ≈ 680 — every event of
            // a day under one date row. Lookups unnest the arrays. SQLite, where a row costs
            // far less, keeps one row per key (the store's interface is the same).
            Migration(version: 7, name: "custody index grouped by commit",
                      statements: d == .sqlite ? [] : Self.groupedCustodyIndex),
            // Every claim first refuses the running jobs whose leases expired too often (poison
            // jobs). Through `jobs_live` that read every queued and running job — 2 ms a claim at
            // 5,000 queued, and linear in the backlog; the running jobs by lease expiry are the
            // few it wants. (SQLite uses a partial index only when the query repeats its
            // predicate verbatim: the claim writes `state = 'running'`.)
            Migration(version: 8, name: "running jobs by lease expiry", statements: [
                "CREATE INDEX jobs_running_lease ON jobs (lease_expires_at) WHERE state = 'running'",
            ]),
        ]
    }

    private static let groupedCustodyIndex = [
        "ALTER TABLE custody_index RENAME TO custody_index_rows",
        "ALTER INDEX custody_index_pkey RENAME TO custody_index_rows_pkey",
        """
        CREATE TABLE custody_index (
            dimension TEXT NOT NULL, value TEXT NOT NULL, first_key TEXT NOT NULL, event_keys TEXT[] NOT NULL,
            PRIMARY KEY (dimension, value, first_key))
        """,
        """
        INSERT INTO custody_index (dimension, value, first_key, event_keys)
        SELECT dimension, value, min(event_key COLLATE "C"), array_agg(event_key ORDER BY event_key COLLATE "C")
        FROM custody_index_rows GROUP BY dimension, value
        """,
        "DROP TABLE custody_index_rows",
    ]

    /// Every column that may hold a value over PostgreSQL's TOAST threshold.
    private static var lz4Columns: String {
        let columns = [("documents", "bytes"), ("jobs", "outcome"), ("jobs", "error"), ("log_tiles", "bytes"),
                       ("log_bundles", "bytes"), ("log_journal", "bytes"), ("ledger_records", "bytes")]
            + ProjectionTable.allCases.map { ($0.sqlName, "value") }
        let alters = columns.map { "ALTER TABLE \($0.0) ALTER COLUMN \($0.1) SET COMPRESSION lz4;" }.joined(separator: "\n    ")
        return """
            DO $$ BEGIN
                \(alters)
            EXCEPTION WHEN feature_not_supported THEN NULL;
            END $$
            """
    }

    static var latestVersion: Int { migrations(.sqlite).last?.version ?? 0 }

    /// The columns of each operational table, for dumps; derived tables are dumped as bytes.
    static func columns(_ table: StoreTable) -> (key: [String], values: [String]) {
        switch table {
        case .schemaMigrations: (["version"], ["name"])
        case .documents: (["id"], ["bytes", "size", "submitter", "channel", "filename", "content_type", "received_at"])
        case .idempotencyKeys: (["submitter", "key"], ["document_id"])
        case .jobs: (["id"], ["document_id", "state", "attempts", "worker", "lease_expires_at", "enqueued_at",
                             "finished_at", "outcome", "error"])
        case .projection: (["key"], ["value"])
        case .custodyIndex: (["dimension", "value", "event_key"], [])
        case .logTiles, .logBundles: (["path"], ["bytes"])
        case .logHead: (["id"], ["size", "bytes"])
        case .logCheckpoint: (["id"], ["size", "note"])
        case .logJournal: (["first_index"], ["end_index", "bytes"])
        case .logSequence: (["id"], ["next_index"])
        case .logWriter: (["id"], ["holder", "expires_at"])
        case .ledgerRecords: (["sequence"], ["bytes", "appended_at"])
        }
    }
}

/// Parses the tree size on line 2 of a C2SP tlog-checkpoint note, so stores can refuse to let
/// the published checkpoint go backwards when two writers race.
enum CheckpointNote {
    static func treeSize(_ note: [UInt8]) -> Int64 {
        let lines = note.split(separator: UInt8(ascii: "\n"), maxSplits: 2, omittingEmptySubsequences: false)
        guard lines.count >= 2, !lines[1].isEmpty, lines[1].count <= 19,
              lines[1].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let size = Int64(String(decoding: lines[1], as: UTF8.self))
        else { return -1 }
        return size
    }
}
