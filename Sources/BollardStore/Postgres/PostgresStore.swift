import BollardLog
import Logging
import NIOCore
import PostgresNIO

/// The production store: PostgreSQL through postgres-nio's connection pool.
///
/// Durability: PostgreSQL's defaults (`fsync = on`, `synchronous_commit = on`): COMMIT returns
/// once the WAL record is flushed (PostgreSQL docs §30.4 "Asynchronous Commit"); the store never
/// turns them off.
///
/// Concurrency (READ COMMITTED): claims take a row with `FOR UPDATE SKIP LOCKED`, so concurrent
/// workers never wait for or receive the same job. Commits that change state or the log first
/// lock the single `log_sequence` row: they are serialised in log order, which is what makes a
/// replay of the log rebuild the same tables, and makes every expectation check race-free. Lock
/// order is always sequence → job row, and claims lock job rows only, so there is no cycle.
public final class PostgresStore: Store {
    let client: PostgresClient
    let logger: Logger
    private let runner: Task<Void, Never>
    public let tiles: PostgresTileStore
    public var backend: StoreBackend { .postgres }

    /// Connects to `url` (see `PostgresURL`) and applies pending migrations.
    public init(url: String, maximumConnections: Int = 20, logger: Logger = PostgresStore.defaultLogger) async throws {
        var config = try PostgresURL.configuration(url)
        config.options.maximumConnections = maximumConnections
        let client = PostgresClient(configuration: config, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        runner = Task { await client.run() }
        tiles = PostgresTileStore(client: client, logger: logger)
        do {
            try await migrate()
        } catch {
            runner.cancel()
            throw error
        }
    }

    deinit { runner.cancel() }

    /// Errors only: the pool's connection churn at info level is noise for a store user.
    public static var defaultLogger: Logger {
        var logger = Logger(label: "bollard.store.postgres")
        logger.logLevel = .error
        return logger
    }

    static let now = "(extract(epoch from clock_timestamp()) * 1000)::bigint"

    /// One transaction on one pooled connection; rolled back when `body` throws.
    func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await client.withConnection { conn in
            try await conn.query("BEGIN", logger: self.logger)
            do {
                let result = try await body(conn)
                try await conn.query("COMMIT", logger: self.logger)
                return result
            } catch {
                _ = try? await conn.query("ROLLBACK", logger: self.logger)
                throw error
            }
        }
    }

    private func migrate() async throws {
        // Serialises concurrent migrators (several workers starting at once) on one key.
        let lock: Int64 = 0x426f_6c6c_6172_64  // "Bollard"
        try await transaction { conn in
            try await conn.query("SELECT pg_advisory_xact_lock(\(lock))", logger: self.logger)
            try await conn.query(PostgresQuery(unsafeSQL: Schema.createMigrationsTable), logger: self.logger)
        }
        for m in Schema.migrations(.postgres) {
            try await transaction { conn in
                try await conn.query("SELECT pg_advisory_xact_lock(\(lock))", logger: self.logger)
                let applied = try await conn.query("SELECT version FROM schema_migrations WHERE version = \(m.version)",
                                                   logger: self.logger)
                for try await _ in applied { return }
                for s in m.statements { try await conn.query(PostgresQuery(unsafeSQL: s), logger: self.logger) }
                try await conn.query("""
                    INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(m.version), \(m.name), \(unescaped: Self.now))
                    """, logger: self.logger)
            }
        }
        let newest = try await schemaVersion()
        if newest > Schema.latestVersion {
            throw StoreError(.migration, "database schema version \(newest) is newer than this build's \(Schema.latestVersion)")
        }
    }

    public func schemaVersion() async throws -> Int {
        try await first(client.query("SELECT coalesce(max(version), 0) FROM schema_migrations"), Int.self) ?? 0
    }

    func first<T: PostgresDecodable & Sendable>(_ rows: PostgresRowSequence, _: T.Type) async throws -> T? {
        for try await (value) in rows.decode(T.self) { return value }
        return nil
    }

    // MARK: Intake

    public func submit(_ bytes: [UInt8], metadata: SubmissionMetadata) async throws -> Submission {
        let id = DocumentID(of: bytes)
        let buffer = ByteBuffer(bytes: bytes)
        if metadata.idempotencyKey == nil, let done = try await submitInOneStatement(id, buffer, bytes.count, metadata) {
            return done
        }
        return try await transaction { conn in
            try await conn.query("""
                INSERT INTO documents (id, bytes, size, submitter, channel, filename, content_type, received_at)
                VALUES (\(id.hex), \(buffer), \(Int64(bytes.count)), \(metadata.submitter), \(metadata.channel.rawValue),
                        \(metadata.filename), \(metadata.contentType), \(unescaped: Self.now))
                ON CONFLICT (id) DO NOTHING
                """, logger: self.logger)
            let isNew = try await self.first(conn.query("""
                INSERT INTO jobs (document_id, state, enqueued_at)
                SELECT \(id.hex), 'queued', \(unescaped: Self.now)
                WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE document_id = \(id.hex))
                ON CONFLICT (document_id) DO NOTHING RETURNING id
                """, logger: self.logger), Int64.self) != nil
            guard let job = try await self.first(conn.query("SELECT id FROM jobs WHERE document_id = \(id.hex)", logger: self.logger),
                                                 Int64.self) else {
                throw StoreError(.corruptRow, "document \(id.hex) is stored without its job")
            }
            if let key = metadata.idempotencyKey {
                try await conn.query("""
                    INSERT INTO idempotency_keys (submitter, key, document_id) VALUES (\(metadata.submitter), \(key), \(id.hex))
                    ON CONFLICT DO NOTHING
                    """, logger: self.logger)
                let earlier = try await self.first(conn.query(
                    "SELECT document_id FROM idempotency_keys WHERE submitter = \(metadata.submitter) AND key = \(key)",
                    logger: self.logger), String.self)
                if let earlier, earlier != id.hex {
                    throw StoreError(.idempotencyKeyReused,
                                     "submitter \(metadata.submitter) used idempotency key \(key) for document \(earlier), now for \(id.hex)")
                }
            }
            return Submission(documentID: id, jobID: JobID(job), isNew: isNew)
        }
    }

    /// Intake in one round trip and one commit (a single statement is its own transaction):
    /// insert the document and, only if it is new, its job. Nil in the rare race where another
    /// submitter's insert of the same bytes committed after this statement's snapshot (its job
    /// is then invisible here); the caller falls back to the multi-statement path.
    private func submitInOneStatement(_ id: DocumentID, _ buffer: ByteBuffer, _ size: Int,
                                      _ metadata: SubmissionMetadata) async throws -> Submission? {
        let rows = try await client.query("""
            WITH doc AS (
                INSERT INTO documents (id, bytes, size, submitter, channel, filename, content_type, received_at)
                VALUES (\(id.hex), \(buffer), \(Int64(size)), \(metadata.submitter), \(metadata.channel.rawValue),
                        \(metadata.filename), \(metadata.contentType), \(unescaped: Self.now))
                ON CONFLICT (id) DO NOTHING RETURNING id),
            job AS (
                INSERT INTO jobs (document_id, state, enqueued_at)
                SELECT id, 'queued', \(unescaped: Self.now) FROM doc RETURNING id)
            SELECT coalesce((SELECT id FROM job), (SELECT id FROM jobs WHERE document_id = \(id.hex))),
                   EXISTS (SELECT 1 FROM job)
            """)
        for try await (job, isNew) in rows.decode((Int64?, Bool).self) {
            return job.map { Submission(documentID: id, jobID: JobID($0), isNew: isNew) }
        }
        return nil
    }

    public func document(_ id: DocumentID) async throws -> StoredDocument? {
        let rows = try await client.query("""
            SELECT bytes, submitter, channel, filename, content_type, received_at FROM documents WHERE id = \(id.hex)
            """)
        for try await (bytes, submitter, channel, filename, contentType, receivedAt)
            in rows.decode((ByteBuffer, String, String, String?, String?, Int64).self) {
            return StoredDocument(
                id: id, bytes: Array(bytes.readableBytesView),
                metadata: SubmissionMetadata(submitter: submitter, channel: .init(rawValue: channel), filename: filename,
                                             contentType: contentType),
                receivedAt: receivedAt)
        }
        return nil
    }

    public func documents(_ ids: [DocumentID]) async throws -> [DocumentID: StoredDocument] {
        var out = [DocumentID: StoredDocument]()
        guard !ids.isEmpty else { return out }
        let rows = try await client.query("""
            SELECT id, bytes, submitter, channel, filename, content_type, received_at FROM documents WHERE id = ANY(\(ids.map(\.hex)))
            """)
        for try await (hex, bytes, submitter, channel, filename, contentType, receivedAt)
            in rows.decode((String, ByteBuffer, String, String, String?, String?, Int64).self) {
            guard let id = DocumentID(hex: hex) else { throw StoreError(.corruptRow, "documents row with id \(hex)") }
            out[id] = StoredDocument(
                id: id, bytes: Array(bytes.readableBytesView),
                metadata: SubmissionMetadata(submitter: submitter, channel: .init(rawValue: channel), filename: filename,
                                             contentType: contentType),
                receivedAt: receivedAt)
        }
        return out
    }

    // MARK: Queue

    public func claim(worker: String, lease: Duration, limit: Int) async throws -> [ClaimedJob] {
        guard limit > 0 else { return [] }
        // The poison-job update reads `jobs_running_lease` (the running jobs by lease expiry,
        // migration 8); the claim repeats `jobs_live`'s predicate so that the planner scans that
        // partial index, not every job ever queued (a sequential scan of all jobs per claim before).
        let leaseMS = StoreLimits.milliseconds(lease)
        let max = StoreLimits.maxAttempts
        try await client.query("""
            UPDATE jobs SET state = 'rejected', error = \(ByteBuffer(bytes: StoreLimits.poisonError(attempts: max))),
                finished_at = \(unescaped: Self.now), lease_expires_at = NULL
            WHERE state = 'running' AND lease_expires_at < \(unescaped: Self.now) AND attempts >= \(max)
            """)
        let rows = try await client.query("""
            WITH next AS (
                SELECT id FROM jobs
                WHERE state IN ('queued', 'running') AND (state = 'queued' OR lease_expires_at < \(unescaped: Self.now))
                ORDER BY id LIMIT \(limit) FOR UPDATE SKIP LOCKED)
            UPDATE jobs SET state = 'running', worker = \(worker), attempts = jobs.attempts + 1,
                lease_expires_at = \(unescaped: Self.now) + \(leaseMS)
            FROM next WHERE jobs.id = next.id
            RETURNING jobs.id, jobs.document_id, jobs.attempts, jobs.lease_expires_at
            """)
        var out = [ClaimedJob]()
        for try await (id, document, attempts, expires) in rows.decode((Int64, String, Int, Int64).self) {
            guard let documentID = DocumentID(hex: document) else {
                throw StoreError(.corruptRow, "job \(id) names document \(document)")
            }
            out.append(ClaimedJob(id: JobID(id), documentID: documentID, worker: worker, attempt: attempts, leaseExpiresAt: expires))
        }
        return out.sorted { $0.id < $1.id }
    }

    /// Locks the job row and throws `.leaseLost` unless it is running under exactly this lease.
    func checkLease(_ conn: PostgresConnection, _ job: ClaimedJob) async throws {
        let rows = try await conn.query("SELECT state, worker, attempts FROM jobs WHERE id = \(job.id.rawValue) FOR UPDATE",
                                        logger: logger)
        for try await (state, worker, attempts) in rows.decode((String, String?, Int).self)
            where state == JobState.running.rawValue && worker == job.worker && attempts == job.attempt {
            return
        }
        throw StoreError(.leaseLost, "job \(job.id) attempt \(job.attempt) is no longer leased to \(job.worker)")
    }

    public func renew(_ jobs: [ClaimedJob], lease: Duration) async throws -> [ClaimedJob] {
        guard !jobs.isEmpty else { return [] }
        let leaseMS = StoreLimits.milliseconds(lease)
        return try await transaction { conn in
            // Locked in id order, as commits lock them, so a renewal and a commit never deadlock.
            var held = [Int64: (String, String?, Int)]()
            let rows = try await conn.query("""
                SELECT id, state, worker, attempts FROM jobs WHERE id = ANY(\(jobs.map(\.id.rawValue))) ORDER BY id FOR UPDATE
                """, logger: self.logger)
            for try await (id, state, worker, attempts) in rows.decode((Int64, String, String?, Int).self) {
                held[id] = (state, worker, attempts)
            }
            for job in jobs {
                guard let row = held[job.id.rawValue], row.0 == JobState.running.rawValue, row.1 == job.worker, row.2 == job.attempt else {
                    throw StoreError(.leaseLost, "job \(job.id) attempt \(job.attempt) is no longer leased to \(job.worker)")
                }
            }
            guard let expires = try await self.first(conn.query("""
                UPDATE jobs SET lease_expires_at = \(unescaped: Self.now) + \(leaseMS) WHERE id = ANY(\(jobs.map(\.id.rawValue)))
                RETURNING lease_expires_at
                """, logger: self.logger), Int64.self) else {
                throw StoreError(.leaseLost, "jobs \(jobs.map(\.id)) vanished")
            }
            return jobs.map { job in
                var renewed = job
                renewed.leaseExpiresAt = expires
                return renewed
            }
        }
    }

    public func commit(_ changes: [StateChange]) async throws -> [CommitResult] {
        try StoreLimits.validate(changes)
        return try await transaction { conn in
            var next: Int64 = 0
            if changes.contains(where: \.changesState) {
                guard let n = try await self.first(conn.query("SELECT next_index FROM log_sequence WHERE id = 1 FOR UPDATE",
                                                              logger: self.logger), Int64.self) else {
                    throw StoreError(.corruptRow, "log_sequence has no row")
                }
                next = n
            }
            return try await self.applyBatch(changes, conn, next: next).0
        }
    }

    public func commitSequenced(_ plan: @Sendable (UInt64) async throws -> [StateChange]) async throws -> [CommitResult] {
        try await transaction { conn in
            // Held until COMMIT or ROLLBACK: another worker's commitSequenced waits here, and
            // then plans from the size this one leaves.
            guard let n = try await self.first(conn.query("SELECT next_index FROM log_sequence WHERE id = 1 FOR UPDATE",
                                                          logger: self.logger), Int64.self) else {
                throw StoreError(.corruptRow, "log_sequence has no row")
            }
            let changes = try await plan(UInt64(n))
            try StoreLimits.validate(changes)
            return try await self.applyBatch(changes, conn, next: n).0
        }
    }

    /// The turn is a session-level advisory lock (docs §13.3.5) on a connection held for it:
    /// waiters queue in the server's lock manager, first come first served, and a worker that
    /// dies loses it with its session.
    public func takeTurn(holdingAtMost limit: Duration) async throws -> LogTurn? {
        let (released, release) = AsyncStream<Never>.makeStream()
        let (taken, signal) = AsyncThrowingStream<Void, any Error>.makeStream()
        let key = Self.turnLock, client = self.client, logger = self.logger
        let holder = Task {
            do {
                try await client.withConnection { conn in
                    try await conn.query("SELECT pg_advisory_lock(\(key))", logger: logger)
                    signal.yield()
                    await withTaskGroup(of: Void.self) { group in
                        group.addTask { for await _ in released {} }
                        group.addTask { try? await Task.sleep(for: limit) }
                        await group.next()
                        group.cancelAll()
                    }
                    try await conn.query("SELECT pg_advisory_unlock(\(key))", logger: logger)
                }
                signal.finish()
            } catch {
                signal.finish(throwing: error)
            }
        }
        let turn = LogTurn(release: { release.finish(); await holder.value }, othersWaiting: {
            // Waiters of this database's turn lock: classid and objid are its key's two halves.
            let waiting = try await client.query("""
                SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objsubid = 1
                    AND classid::bigint = \(key >> 32) AND objid::bigint = \(key & 0xffff_ffff)
                    AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """, logger: logger)
            for try await n in waiting.decode(Int64.self) { return n > 0 }
            return false
        })
        do {
            // Cancelled while waiting: the turn, once the server grants it, is given straight back.
            let granted = try await withTaskCancellationHandler {
                for try await _ in taken { return true }
                return false
            } onCancel: {
                release.finish()
            }
            guard granted, !Task.isCancelled else { throw CancellationError() }
            return turn
        } catch {
            release.finish()  // not awaited: the holder may still be queued for the lock
            throw error
        }
    }

    /// The advisory lock key of the log's writing turn ("BollardT").
    static let turnLock: Int64 = 0x426f_6c6c_6172_6454

    public func reject(_ job: ClaimedJob, error: [UInt8]) async throws {
        try await transaction { conn in
            try await self.checkLease(conn, job)
            try await conn.query("""
                UPDATE jobs SET state = 'rejected', error = \(ByteBuffer(bytes: error)), finished_at = \(unescaped: Self.now),
                    lease_expires_at = NULL
                WHERE id = \(job.id.rawValue)
                """, logger: self.logger)
        }
    }

    public func job(_ id: JobID) async throws -> JobRecord? {
        let rows = try await client.query("SELECT document_id, state, attempts, worker, outcome, error FROM jobs WHERE id = \(id.rawValue)")
        for try await (document, state, attempts, worker, outcome, error)
            in rows.decode((String, String, Int, String?, ByteBuffer?, ByteBuffer?).self) {
            guard let documentID = DocumentID(hex: document), let s = JobState(rawValue: state) else {
                throw StoreError(.corruptRow, "job \(id) has an unreadable document id or state")
            }
            return JobRecord(id: id, documentID: documentID, state: s, attempts: attempts, worker: worker,
                             outcome: outcome.map { Array($0.readableBytesView) }, error: error.map { Array($0.readableBytesView) })
        }
        return nil
    }

    public func jobCounts() async throws -> [JobState: Int] {
        try await counts("SELECT state, count(*) FROM jobs GROUP BY state")
    }

    public func liveJobCounts() async throws -> [JobState: Int] {
        // The partial index's predicate repeated, so the planner reads `jobs_live`, not every job.
        try await counts("SELECT state, count(*) FROM jobs WHERE state IN ('queued', 'running') GROUP BY state")
    }

    private func counts(_ sql: String) async throws -> [JobState: Int] {
        var out = [JobState: Int]()
        for try await (state, count) in try await client.query(PostgresQuery(unsafeSQL: sql)).decode((String, Int64).self) {
            if let s = JobState(rawValue: state) { out[s] = Int(count) }
        }
        return out
    }

    // MARK: State

    public func row(_ table: ProjectionTable, key: String) async throws -> [UInt8]? {
        try await first(client.query("SELECT value FROM \(unescaped: table.sqlName) WHERE key = \(key)"), ByteBuffer.self)
            .map { Array($0.readableBytesView) }
    }

    public func rows(_ table: ProjectionTable, from: String, to: String) async throws -> [StoredRow] {
        var out = [StoredRow]()
        let rows = try await client.query(
            "SELECT key, value FROM \(unescaped: table.sqlName) WHERE key >= \(from) AND key < \(to) ORDER BY key")
        for try await (key, value) in rows.decode((String, ByteBuffer).self) {
            out.append(StoredRow(key: key, value: Array(value.readableBytesView)))
        }
        return out
    }

    public func eventKeys(_ dimension: IndexDimension, _ value: String) async throws -> [String] {
        var out = [String]()
        let rows = try await client.query("""
            SELECT k FROM custody_index, unnest(event_keys) AS k WHERE dimension = \(dimension.rawValue) AND value = \(value)
            ORDER BY k COLLATE "C"
            """)
        for try await key in rows.decode(String.self) { out.append(key) }
        return out
    }

    public func sequencedLogSize() async throws -> UInt64 {
        UInt64(try await first(client.query("SELECT next_index FROM log_sequence WHERE id = 1"), Int64.self) ?? 0)
    }

    public func dump(_ table: StoreTable) async throws -> TableDump {
        var rows = [TableDump.Row]()
        switch table {
        case .projection, .logTiles, .logBundles:
            let (key, values) = Schema.columns(table)
            let result = try await client.query("SELECT \(unescaped: key[0]), \(unescaped: values[0]) FROM \(unescaped: table.sqlName)")
            for try await (k, v) in result.decode((String, ByteBuffer).self) {
                rows.append(TableDump.Row(key: k, value: Array(v.readableBytesView)))
            }
        case .logHead:
            for try await v in try await client.query("SELECT bytes FROM log_head").decode(ByteBuffer.self) {
                rows.append(TableDump.Row(key: "head", value: Array(v.readableBytesView)))
            }
        case .custodyIndex:
            let result = try await client.query("SELECT dimension, value, unnest(event_keys) FROM custody_index")
            for try await (d, v, e) in result.decode((String, String, String).self) {
                rows.append(TableDump.Row(key: "\(d)\t\(v)\t\(e)", value: []))
            }
        default:
            let (key, values) = Schema.columns(table)
            let render = { (cols: [String]) -> String in
                "concat_ws(',', " + cols.map { "coalesce(quote_literal(\($0)::text), 'NULL')" }.joined(separator: ", ") + ")"
            }
            let result = try await client.query("SELECT \(unescaped: render(key)), \(unescaped: render(values)) FROM \(unescaped: table.sqlName)")
            for try await (k, v) in result.decode((String, String).self) {
                rows.append(TableDump.Row(key: k, value: Array(v.utf8)))
            }
        }
        return TableDump(table: table, rows: rows)
    }

    // MARK: Local ledger

    public func ledgerRecords(from sequence: UInt64) async throws -> [[UInt8]] {
        var out = [[UInt8]]()
        let rows = try await client.query("SELECT bytes FROM ledger_records WHERE sequence >= \(Int64(clamping: sequence)) ORDER BY sequence")
        for try await bytes in rows.decode(ByteBuffer.self) { out.append(Array(bytes.readableBytesView)) }
        return out
    }

    /// Two appenders at one sequence may both see `sequence` records; the primary key lets one
    /// insert commit and the other, waiting on it, then inserts nothing and reports `.conflict`.
    public func appendLedgerRecord(_ record: [UInt8], sequence: UInt64) async throws {
        let at = Int64(clamping: sequence)
        let inserted = try await first(client.query("""
            INSERT INTO ledger_records (sequence, bytes, appended_at)
            SELECT \(at), \(ByteBuffer(bytes: record)), \(unescaped: Self.now)
            WHERE (SELECT count(*) FROM ledger_records) = \(at)
            ON CONFLICT (sequence) DO NOTHING
            RETURNING sequence
            """), Int64.self)
        guard inserted != nil else {
            throw StoreError(.conflict, "ledger record \(sequence): another record is already there, or one before it is missing")
        }
    }

    // MARK: Log writer

    public func acquireLogWriter(holder: String, lease: Duration) async throws -> Bool {
        let leaseMS = StoreLimits.milliseconds(lease)
        return try await first(client.query("""
            UPDATE log_writer SET holder = \(holder), expires_at = \(unescaped: Self.now) + \(leaseMS)
            WHERE id = 1 AND (holder IS NULL OR holder = \(holder) OR expires_at < \(unescaped: Self.now))
            RETURNING id
            """), Int.self) != nil
    }

    public func releaseLogWriter(holder: String) async throws {
        try await client.query("UPDATE log_writer SET holder = NULL, expires_at = 0 WHERE id = 1 AND holder = \(holder)")
    }

    public func coalesceLogJournal() async throws {
        try await transaction { conn in
            // Commits append to the journal under this lock; hold it so none lands mid-merge.
            try await conn.query("SELECT next_index FROM log_sequence WHERE id = 1 FOR UPDATE", logger: self.logger)
            var batches = [SequencedBatch]()
            let rows = try await conn.query("SELECT first_index, bytes FROM log_journal ORDER BY first_index", logger: self.logger)
            for try await (first, bytes) in rows.decode((Int64, ByteBuffer).self) {
                batches.append(try SequencedBatch(decoding: Array(bytes.readableBytesView), name: "log_journal[\(first)]"))
            }
            for merge in JournalCoalescing.merges(batches, maxEntries: JournalCoalescing.maxEntries) {
                try await conn.query("DELETE FROM log_journal WHERE first_index = ANY(\(merge.replaced.map { Int64($0) }))",
                                     logger: self.logger)
                try await conn.query("""
                    INSERT INTO log_journal (first_index, end_index, bytes)
                    VALUES (\(Int64(merge.merged.firstIndex)), \(Int64(merge.merged.endIndex)), \(ByteBuffer(bytes: merge.merged.encoded)))
                    """, logger: self.logger)
            }
        }
    }

    public func close() async throws {
        runner.cancel()
    }
}
