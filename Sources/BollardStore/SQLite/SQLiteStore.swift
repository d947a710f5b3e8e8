import BollardLog
import Foundation
import GRDB

/// The embedded store: one SQLite file in WAL mode, via GRDB.
///
/// Durability: `synchronous=FULL`. In WAL mode NORMAL fsyncs only at checkpoints, so a power
/// loss can roll back transactions that already returned — an acknowledged document could
/// vanish. FULL fsyncs the WAL at every commit (sqlite.org/pragma.html#pragma_synchronous).
///
/// Concurrency: every write transaction is `BEGIN IMMEDIATE`, taking SQLite's single write lock
/// up front, so a claim or commit reads and writes with no other writer in between — the
/// single-writer equivalent of PostgreSQL's row locks — across threads and processes alike.
public final class SQLiteStore: Store {
    let pool: DatabasePool
    public let tiles: SQLiteTileStore
    public let path: String
    public var backend: StoreBackend { .sqlite }

    /// Opens (creating if needed) the database at `path` and applies pending migrations.
    public init(path: String) throws {
        var config = Configuration()
        config.journalMode = .wal
        // Other processes may hold the write lock for a commit; wait rather than fail.
        config.busyMode = .timeout(60)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch {
            throw StoreError(.configuration, "cannot open SQLite database \(path): \(error)")
        }
        self.path = path
        tiles = SQLiteTileStore(pool: pool)
        // GRDB sets `synchronous = NORMAL` when it activates WAL, after `prepareDatabase`; all
        // writes go through the pool's one writer connection, so set FULL there, last.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        try Self.migrate(pool)
    }

    static func migrate(_ pool: DatabasePool) throws {
        try pool.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                try db.execute(sql: Schema.createMigrationsTable)
                return .commit
            }
            for m in Schema.migrations(.sqlite) {
                try db.inTransaction(.immediate) {
                    if try Int64.fetchOne(db, sql: "SELECT version FROM schema_migrations WHERE version = ?",
                                          arguments: [m.version]) != nil {
                        return .commit
                    }
                    for s in m.statements { try db.execute(sql: s) }
                    try db.execute(sql: "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                                   arguments: [m.version, m.name, Self.now()])
                    return .commit
                }
            }
            let newest = try Int.fetchOne(db, sql: "SELECT max(version) FROM schema_migrations") ?? 0
            if newest > Schema.latestVersion {
                throw StoreError(.migration, "database schema version \(newest) is newer than this build's \(Schema.latestVersion)")
            }
        }
    }

    static func now() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }

    /// One IMMEDIATE transaction on the writer.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await pool.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            guard let result else { throw StoreError(.invalidArgument, "transaction produced no result") }
            return result
        }
    }

    public func schemaVersion() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT max(version) FROM schema_migrations") ?? 0 }
    }

    // MARK: Intake

    public func submit(_ bytes: [UInt8], metadata: SubmissionMetadata) async throws -> Submission {
        let id = DocumentID(of: bytes)
        let data = Data(bytes)
        return try await write { db in
            if let key = metadata.idempotencyKey,
               let earlier = try String.fetchOne(db, sql: "SELECT document_id FROM idempotency_keys WHERE submitter = ? AND key = ?",
                                                 arguments: [metadata.submitter, key]), earlier != id.hex {
                throw StoreError(.idempotencyKeyReused,
                                 "submitter \(metadata.submitter) used idempotency key \(key) for document \(earlier), now for \(id.hex)")
            }
            let now = Self.now()
            try db.execute(sql: """
                INSERT INTO documents (id, bytes, size, submitter, channel, filename, content_type, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING
                """, arguments: [id.hex, data, bytes.count, metadata.submitter, metadata.channel.rawValue,
                                 metadata.filename, metadata.contentType, now])
            let isNew = db.changesCount == 1
            if isNew {
                try db.execute(sql: "INSERT INTO jobs (document_id, state, enqueued_at) VALUES (?, 'queued', ?)",
                               arguments: [id.hex, now])
            }
            guard let job = try Int64.fetchOne(db, sql: "SELECT id FROM jobs WHERE document_id = ?", arguments: [id.hex]) else {
                throw StoreError(.corruptRow, "document \(id.hex) is stored without its job")
            }
            if let key = metadata.idempotencyKey {
                try db.execute(sql: "INSERT INTO idempotency_keys (submitter, key, document_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                               arguments: [metadata.submitter, key, id.hex])
            }
            return Submission(documentID: id, jobID: JobID(job), isNew: isNew)
        }
    }

    public func document(_ id: DocumentID) async throws -> StoredDocument? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT bytes, submitter, channel, filename, content_type, received_at FROM documents WHERE id = ?
                """, arguments: [id.hex]) else { return nil }
            let data: Data = row[0]
            return StoredDocument(
                id: id, bytes: [UInt8](data),
                metadata: SubmissionMetadata(submitter: row[1], channel: .init(rawValue: row[2]), filename: row[3],
                                             contentType: row[4]),
                receivedAt: row[5])
        }
    }

    public func documents(_ ids: [DocumentID]) async throws -> [DocumentID: StoredDocument] {
        try await pool.read { db in
            var out = [DocumentID: StoredDocument]()
            for id in ids {
                guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                    SELECT bytes, submitter, channel, filename, content_type, received_at FROM documents WHERE id = ?
                    """), arguments: [id.hex]) else { continue }
                let data: Data = row[0]
                out[id] = StoredDocument(
                    id: id, bytes: [UInt8](data),
                    metadata: SubmissionMetadata(submitter: row[1], channel: .init(rawValue: row[2]), filename: row[3],
                                                 contentType: row[4]),
                    receivedAt: row[5])
            }
            return out
        }
    }

    // MARK: Queue

    public func claim(worker: String, lease: Duration, limit: Int) async throws -> [ClaimedJob] {
        guard limit > 0 else { return [] }
        let leaseMS = StoreLimits.milliseconds(lease)
        return try await write { db in
            let now = Self.now()
            try db.execute(sql: """
                UPDATE jobs SET state = 'rejected', error = ?, finished_at = ?, lease_expires_at = NULL
                WHERE state = 'running' AND lease_expires_at < ? AND attempts >= ?
                """, arguments: [Data(StoreLimits.poisonError(attempts: StoreLimits.maxAttempts)), now, now,
                                 StoreLimits.maxAttempts])
            var rows = try Row.fetchAll(db, sql: """
                SELECT id, document_id, attempts FROM jobs
                WHERE state IN ('queued', 'running') AND state = 'queued' ORDER BY id LIMIT ?
                """, arguments: [limit])
            if rows.count < limit {
                rows += try Row.fetchAll(db, sql: """
                    SELECT id, document_id, attempts FROM jobs
                    WHERE state IN ('queued', 'running') AND state = 'running' AND lease_expires_at < ? ORDER BY id LIMIT ?
                    """, arguments: [now, limit - rows.count])
            }
            let expires = now + leaseMS
            return try rows.map { row in
                let id: Int64 = row[0]
                let attempt = (row[2] as Int) + 1
                try db.cachedStatement(sql: "UPDATE jobs SET state = 'running', worker = ?, attempts = ?, lease_expires_at = ? WHERE id = ?")
                    .execute(arguments: [worker, attempt, expires, id])
                guard let document = DocumentID(hex: row[1]) else {
                    throw StoreError(.corruptRow, "job \(id) names an unreadable document id")
                }
                return ClaimedJob(id: JobID(id), documentID: document, worker: worker, attempt: attempt, leaseExpiresAt: expires)
            }
        }
    }

    /// Throws `.leaseLost` unless the job is running under exactly this lease.
    static func checkLease(_ db: Database, _ job: ClaimedJob) throws {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT state, worker, attempts FROM jobs WHERE id = ?"),
                                         arguments: [job.id.rawValue]),
              (row[0] as String) == JobState.running.rawValue, (row[1] as String?) == job.worker, (row[2] as Int) == job.attempt
        else {
            throw StoreError(.leaseLost, "job \(job.id) attempt \(job.attempt) is no longer leased to \(job.worker)")
        }
    }

    public func renew(_ jobs: [ClaimedJob], lease: Duration) async throws -> [ClaimedJob] {
        guard !jobs.isEmpty else { return [] }
        let leaseMS = StoreLimits.milliseconds(lease)
        return try await write { db in
            let expires = Self.now() + leaseMS
            return try jobs.map { job in
                try Self.checkLease(db, job)
                try db.cachedStatement(sql: "UPDATE jobs SET lease_expires_at = ? WHERE id = ?").execute(arguments: [expires, job.id.rawValue])
                var renewed = job
                renewed.leaseExpiresAt = expires
                return renewed
            }
        }
    }

    public func commit(_ changes: [StateChange]) async throws -> [CommitResult] {
        try StoreLimits.validate(changes)
        return try await write { db in
            var next: Int64 = 0
            if changes.contains(where: \.changesState) {
                guard let n = try Int64.fetchOne(db, sql: "SELECT next_index FROM log_sequence WHERE id = 1") else {
                    throw StoreError(.corruptRow, "log_sequence has no row")
                }
                next = n
            }
            var results = [CommitResult]()
            results.reserveCapacity(changes.count)
            for change in changes { results.append(try Self.apply(change, db, next: &next)) }
            return results
        }
    }

    static func apply(_ change: StateChange, _ db: Database, next: inout Int64) throws -> CommitResult {
        if let job = change.job { try checkLease(db, job) }
        let first = next
        if let expected = change.expectedLogSize, UInt64(next) != expected {
            throw StoreError(.conflict, "log is sequenced to \(next), the change was computed at \(expected)")
        }
        for e in change.expectations {
            let found = try Data.fetchOne(db.cachedStatement(sql: "SELECT value FROM \(e.table.sqlName) WHERE key = ?"), arguments: [e.key])
            guard found.map({ [UInt8]($0) }) == e.value else {
                throw StoreError(.conflict, "\(e.table.sqlName) [\(e.key)] is not as the change expected")
            }
        }
        for w in change.writes {
            if let value = w.value, w.creates {
                // Writes apply in order, so a created key is absent here unless edited in.
                do {
                    try db.cachedStatement(sql: "INSERT INTO \(w.table.sqlName) (key, value) VALUES (?, ?)")
                        .execute(arguments: [w.key, Data(value)])
                } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                    throw StoreError.rowNotInState(table: w.table.sqlName, row: "key \(w.key) already exists")
                }
            } else if let value = w.value {
                try db.cachedStatement(sql: "INSERT INTO \(w.table.sqlName) (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
                    .execute(arguments: [w.key, Data(value)])
            } else {
                try db.cachedStatement(sql: "DELETE FROM \(w.table.sqlName) WHERE key = ?")
                    .execute(arguments: [w.key])
            }
        }
        for i in change.index {
            try db.cachedStatement(sql: "INSERT INTO custody_index (dimension, value, event_key) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .execute(arguments: [i.dimension.rawValue, i.value, i.eventKey])
        }
        if !change.logEntries.isEmpty {
            let batch = SequencedBatch(firstIndex: UInt64(next), entries: change.logEntries)
            try db.cachedStatement(sql: "INSERT INTO log_journal (first_index, end_index, bytes) VALUES (?, ?, ?)")
                .execute(arguments: [next, Int64(batch.endIndex), Data(batch.encoded)])
            try db.cachedStatement(sql: "UPDATE log_sequence SET next_index = ? WHERE id = 1")
                .execute(arguments: [Int64(batch.endIndex)])
            next = Int64(batch.endIndex)
        }
        if let job = change.job {
            try db.cachedStatement(sql: "UPDATE jobs SET state = 'done', outcome = ?, finished_at = ?, lease_expires_at = NULL WHERE id = ?")
                .execute(arguments: [Data(change.outcome), now(), job.id.rawValue])
        }
        return CommitResult(firstLogIndex: UInt64(first), logCount: change.logEntries.count)
    }

    public func reject(_ job: ClaimedJob, error: [UInt8]) async throws {
        try await write { db in
            try Self.checkLease(db, job)
            try db.execute(sql: "UPDATE jobs SET state = 'rejected', error = ?, finished_at = ?, lease_expires_at = NULL WHERE id = ?",
                           arguments: [Data(error), Self.now(), job.id.rawValue])
        }
    }

    public func job(_ id: JobID) async throws -> JobRecord? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT document_id, state, attempts, worker, outcome, error FROM jobs WHERE id = ?",
                                             arguments: [id.rawValue]) else { return nil }
            guard let document = DocumentID(hex: row[0]), let state = JobState(rawValue: row[1]) else {
                throw StoreError(.corruptRow, "job \(id) has an unreadable document id or state")
            }
            return JobRecord(id: id, documentID: document, state: state, attempts: row[2], worker: row[3],
                             outcome: (row[4] as Data?).map { [UInt8]($0) }, error: (row[5] as Data?).map { [UInt8]($0) })
        }
    }

    public func jobCounts() async throws -> [JobState: Int] {
        try await counts("SELECT state, count(*) FROM jobs GROUP BY state")
    }

    public func liveJobCounts() async throws -> [JobState: Int] {
        // The predicate repeated verbatim, so SQLite uses the partial index `jobs_live`.
        try await counts("SELECT state, count(*) FROM jobs WHERE state IN ('queued', 'running') GROUP BY state")
    }

    private func counts(_ sql: String) async throws -> [JobState: Int] {
        try await pool.read { db in
            var out = [JobState: Int]()
            for row in try Row.fetchAll(db, sql: sql) {
                if let s = JobState(rawValue: row[0]) { out[s] = row[1] }
            }
            return out
        }
    }

    // MARK: State

    public func row(_ table: ProjectionTable, key: String) async throws -> [UInt8]? {
        try await pool.read { db in
            try Data.fetchOne(db, sql: "SELECT value FROM \(table.sqlName) WHERE key = ?", arguments: [key]).map { [UInt8]($0) }
        }
    }

    public func rows(_ table: ProjectionTable, from: String, to: String) async throws -> [StoredRow] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT key, value FROM \(table.sqlName) WHERE key >= ? AND key < ? ORDER BY key",
                             arguments: [from, to]).map { row in
                StoredRow(key: row["key"], value: [UInt8](row["value"] as Data))
            }
        }
    }

    public func eventKeys(_ dimension: IndexDimension, _ value: String) async throws -> [String] {
        try await pool.read { db in
            try String.fetchAll(db, sql: "SELECT event_key FROM custody_index WHERE dimension = ? AND value = ? ORDER BY event_key",
                                arguments: [dimension.rawValue, value])
        }
    }

    public func sequencedLogSize() async throws -> UInt64 {
        try await pool.read { db in UInt64(try Int64.fetchOne(db, sql: "SELECT next_index FROM log_sequence WHERE id = 1") ?? 0) }
    }

    public func dump(_ table: StoreTable) async throws -> TableDump {
        try await pool.read { db in
            let rows: [TableDump.Row]
            switch table {
            case .projection, .logTiles, .logBundles:
                let (key, values) = Schema.columns(table)
                rows = try Row.fetchAll(db, sql: "SELECT \(key[0]), \(values[0]) FROM \(table.sqlName)").map {
                    TableDump.Row(key: $0[0], value: [UInt8]($0[1] as Data))
                }
            case .logHead:
                rows = try Data.fetchAll(db, sql: "SELECT bytes FROM log_head").map { TableDump.Row(key: "head", value: [UInt8]($0)) }
            case .custodyIndex:
                rows = try Row.fetchAll(db, sql: "SELECT dimension, value, event_key FROM custody_index").map {
                    TableDump.Row(key: "\($0[0] as String)\t\($0[1] as String)\t\($0[2] as String)", value: [])
                }
            default:
                let (key, values) = Schema.columns(table)
                let keySQL = key.map { "quote(\($0))" }.joined(separator: " || ',' || ")
                let valueSQL = values.map { "quote(\($0))" }.joined(separator: " || ',' || ")
                rows = try Row.fetchAll(db, sql: "SELECT \(keySQL), \(valueSQL) FROM \(table.sqlName)").map {
                    TableDump.Row(key: $0[0], value: Array(($0[1] as String).utf8))
                }
            }
            return TableDump(table: table, rows: rows)
        }
    }

    // MARK: Local ledger

    public func ledgerRecords(from sequence: UInt64) async throws -> [[UInt8]] {
        try await pool.read { db in
            try Data.fetchAll(db, sql: "SELECT bytes FROM ledger_records WHERE sequence >= ? ORDER BY sequence",
                              arguments: [Int64(clamping: sequence)]).map { [UInt8]($0) }
        }
    }

    public func appendLedgerRecord(_ record: [UInt8], sequence: UInt64) async throws {
        try await write { db in
            let count = try Int64.fetchOne(db, sql: "SELECT count(*) FROM ledger_records") ?? 0
            guard UInt64(count) == sequence else {
                throw StoreError(.conflict, "ledger record \(sequence): the ledger holds \(count) records")
            }
            try db.execute(sql: "INSERT INTO ledger_records (sequence, bytes, appended_at) VALUES (?, ?, ?)",
                           arguments: [Int64(count), Data(record), Self.now()])
        }
    }

    // MARK: Log writer

    public func acquireLogWriter(holder: String, lease: Duration) async throws -> Bool {
        let leaseMS = StoreLimits.milliseconds(lease)
        return try await write { db in
            let now = Self.now()
            try db.execute(sql: "UPDATE log_writer SET holder = ?, expires_at = ? WHERE id = 1 AND (holder IS NULL OR holder = ? OR expires_at < ?)",
                           arguments: [holder, now + leaseMS, holder, now])
            return db.changesCount == 1
        }
    }

    public func releaseLogWriter(holder: String) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE log_writer SET holder = NULL, expires_at = 0 WHERE id = 1 AND holder = ?", arguments: [holder])
        }
    }

    public func coalesceLogJournal() async throws {
        try await write { db in
            let batches = try Row.fetchAll(db, sql: "SELECT first_index, bytes FROM log_journal ORDER BY first_index").map {
                try SequencedBatch(decoding: [UInt8]($0[1] as Data), name: "log_journal[\($0[0] as Int64)]")
            }
            for merge in JournalCoalescing.merges(batches, maxEntries: JournalCoalescing.maxEntries) {
                for first in merge.replaced {
                    try db.execute(sql: "DELETE FROM log_journal WHERE first_index = ?", arguments: [Int64(first)])
                }
                try db.execute(sql: "INSERT INTO log_journal (first_index, end_index, bytes) VALUES (?, ?, ?)",
                               arguments: [Int64(merge.merged.firstIndex), Int64(merge.merged.endIndex), Data(merge.merged.encoded)])
            }
        }
    }

    public func close() async throws {
        try pool.close()
    }
}
