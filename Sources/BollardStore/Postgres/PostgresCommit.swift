import BollardLog
import NIOCore
import PostgresNIO

/// `PostgresStore.commit` in a fixed number of round trips, whatever the batch size: leases,
/// expectations, writes, the custody index, journal records and job completions each go as one
/// statement over arrays (`unnest`). Throughput on PostgreSQL is won by batching, never by
/// weakening durability (DESIGN.md "Scale").
///
/// Changes are still applied in order: an expectation sees the writes of the changes before it
/// in the batch (an in-memory overlay over the rows read under the sequence lock).
extension PostgresStore {
    func applyBatch(_ changes: [StateChange], _ conn: PostgresConnection, next start: Int64) async throws -> ([CommitResult], Int64) {
        // Leases: every job row locked and checked.
        let jobs = changes.compactMap(\.job)
        if !jobs.isEmpty {
            var found = [Int64: (String, String?, Int)]()
            let rows = try await conn.query("""
                SELECT id, state, worker, attempts FROM jobs WHERE id = ANY(\(jobs.map(\.id.rawValue))) ORDER BY id FOR UPDATE
                """, logger: logger)
            for try await (id, state, worker, attempts) in rows.decode((Int64, String, String?, Int).self) {
                found[id] = (state, worker, attempts)
            }
            var seen = Set<Int64>()
            for job in jobs {
                guard seen.insert(job.id.rawValue).inserted, let row = found[job.id.rawValue],
                      row.0 == JobState.running.rawValue, row.1 == job.worker, row.2 == job.attempt
                else {
                    throw StoreError(.leaseLost, "job \(job.id) attempt \(job.attempt) is no longer leased to \(job.worker)")
                }
            }
        }

        // The rows the expectations name, read once per table.
        var current = [ProjectionTable: [String: [UInt8]?]]()
        var wanted = [ProjectionTable: Set<String>]()
        for c in changes { for e in c.expectations { wanted[e.table, default: []].insert(e.key) } }
        for (table, keys) in wanted {
            var values = [String: [UInt8]?]()
            for k in keys { values[k] = .some(nil) }
            let rows = try await conn.query("SELECT key, value FROM \(unescaped: table.sqlName) WHERE key = ANY(\(Array(keys)))",
                                            logger: logger)
            for try await (k, v) in rows.decode((String, ByteBuffer).self) { values[k] = .some(Array(v.readableBytesView)) }
            current[table] = values
        }

        // Apply in order to the overlay.
        var next = start
        var results = [CommitResult]()
        results.reserveCapacity(changes.count)
        var journal: [(Int64, Int64, [UInt8])] = []
        var index: [IndexEntry] = []
        for change in changes {
            if let expected = change.expectedLogSize, UInt64(next) != expected {
                throw StoreError(.conflict, "log is sequenced to \(next), the change was computed at \(expected)")
            }
            for e in change.expectations {
                let value = current[e.table]?[e.key] ?? nil
                guard value == e.value else {
                    throw StoreError(.conflict, "\(e.table.sqlName) [\(e.key)] is not as the change expected")
                }
            }
            // Only the tables some expectation reads need the overlay.
            for w in change.writes where wanted[w.table] != nil { current[w.table, default: [:]][w.key] = .some(w.value) }
            index += change.index
            results.append(CommitResult(firstLogIndex: UInt64(next), logCount: change.logEntries.count))
            if !change.logEntries.isEmpty {
                let batch = SequencedBatch(firstIndex: UInt64(next), entries: change.logEntries)
                journal.append((next, Int64(batch.endIndex), batch.encoded))
                next = Int64(batch.endIndex)
            }
        }

        // Every write of the batch in one statement: one data-modifying CTE per table touched
        // (PostgreSQL docs §7.8.4). They share a snapshot and touch disjoint rows — each written
        // key appears once, with its final value or as a delete — so their order is immaterial.
        var statement = WriteStatement()
        // A key whose first write in the batch creates it (`ProjectionWrite.creates`) is absent
        // from the table: a plain INSERT, like the custody index's. Any other is an upsert.
        var written = [ProjectionTable: [String: (value: [UInt8]?, creates: Bool)]]()
        for c in changes {
            for w in c.writes {
                let creates = written[w.table]?[w.key]?.creates ?? w.creates
                written[w.table, default: [:]][w.key] = (w.value, creates)
            }
        }
        for (table, rows) in written.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            var keys = [String](), values = [[UInt8]](), deleted = [String]()
            var newKeys = [String](), newValues = [[UInt8]]()
            for (k, row) in rows {
                switch (row.value, row.creates) {
                case (let v?, true): newKeys.append(k); newValues.append(v)
                case (let v?, false): keys.append(k); values.append(v)
                case (nil, true): break
                case (nil, false): deleted.append(k)
                }
            }
            if !newKeys.isEmpty {
                statement.add("""
                    INSERT INTO \(table.sqlName) (key, value) SELECT * FROM unnest(\(statement.bind(newKeys))::text[], \(statement.bind(ByteaArray(newValues)))::bytea[])
                    """)
            }
            if !keys.isEmpty {
                statement.add("""
                    INSERT INTO \(table.sqlName) (key, value) SELECT * FROM unnest(\(statement.bind(keys))::text[], \(statement.bind(ByteaArray(values)))::bytea[])
                    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
                    """)
            }
            if !deleted.isEmpty {
                statement.add("DELETE FROM \(table.sqlName) WHERE key = ANY(\(statement.bind(deleted))::text[])")
            }
        }
        if !index.isEmpty {
            // One row per (dimension, value) of the batch, its event keys in order (migration 7),
            // inserted without ON CONFLICT (whose check before each row was a tenth of the
            // server's CPU on the ingest path): every key names a log index this transaction
            // sequences, so no committed row can hold the first one, and duplicates within the
            // batch are dropped here.
            var groups: [IndexGroup: [String]] = [:]
            var order: [IndexGroup] = []
            for entry in index {
                let group = IndexGroup(dimension: entry.dimension, value: entry.value)
                if groups[group]?.append(entry.eventKey) == nil {
                    groups[group] = [entry.eventKey]
                    order.append(group)
                }
            }
            var dimensions = [String](), values = [String](), firsts = [String](), sortedKeys = [[String]]()
            dimensions.reserveCapacity(order.count)
            for group in order {
                var sorted: [String] = []
                for key in (groups[group] ?? []).sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) where sorted.last != key {
                    sorted.append(key)
                }
                dimensions.append(group.dimension.rawValue)
                values.append(group.value)
                firsts.append(sorted.first ?? "")
                sortedKeys.append(sorted)
            }
            if sortedKeys.allSatisfy({ $0.allSatisfy { !$0.isEmpty && !$0.utf8.contains(UInt8(ascii: ",")) } }) {
                // Event keys are log indices in decimal: each group's keys travel as one
                // comma-separated text and are split by the server (`string_to_array`), where
                // gathering a flat array back into groups (a join, a sort and `array_agg`) was
                // half the time of the commit's custody-index insert.
                statement.add("""
                    INSERT INTO custody_index (dimension, value, first_key, event_keys)
                    SELECT d, v, f, string_to_array(k, ',')
                    FROM unnest(\(statement.bind(dimensions))::text[], \(statement.bind(values))::text[],
                                \(statement.bind(firsts))::text[], \(statement.bind(sortedKeys.map { $0.joined(separator: ",") }))::text[])
                        AS g(d, v, f, k)
                    """)
            } else {
                // Keys a comma could not separate: one flat array with each key's group ordinal
                // beside it, gathered back per group.
                let keys = sortedKeys.flatMap { $0 }
                var members = [Int64]()
                members.reserveCapacity(keys.count)
                for (i, group) in sortedKeys.enumerated() { members += repeatElement(Int64(i + 1), count: group.count) }
                statement.add("""
                    INSERT INTO custody_index (dimension, value, first_key, event_keys)
                    SELECT g.d, g.v, g.f, array_agg(e.k ORDER BY e.o)
                    FROM unnest(\(statement.bind(dimensions))::text[], \(statement.bind(values))::text[],
                                \(statement.bind(firsts))::text[]) WITH ORDINALITY AS g(d, v, f, id)
                    JOIN unnest(\(statement.bind(keys))::text[], \(statement.bind(members))::bigint[]) WITH ORDINALITY AS e(k, grp, o)
                        ON e.grp = g.id
                    GROUP BY g.id, g.d, g.v, g.f
                    """)
            }
        }
        if !journal.isEmpty {
            statement.add("""
                INSERT INTO log_journal (first_index, end_index, bytes)
                SELECT * FROM unnest(\(statement.bind(journal.map(\.0)))::bigint[], \(statement.bind(journal.map(\.1)))::bigint[],
                                     \(statement.bind(ByteaArray(journal.map(\.2))))::bytea[])
                """)
            statement.add("UPDATE log_sequence SET next_index = \(statement.bind(next)) WHERE id = 1")
        }
        let completed = changes.compactMap { c in c.job.map { ($0.id.rawValue, c.outcome) } }
        if !completed.isEmpty {
            // `jobs.id = ANY(…)` as well as the join: without it the planner hashed the batch and
            // scanned every job ever queued, a cost that grew with the queue's history.
            let ids = statement.bind(completed.map(\.0))
            statement.add("""
                UPDATE jobs SET state = 'done', outcome = u.outcome, finished_at = \(Self.now), lease_expires_at = NULL
                FROM unnest(\(ids)::bigint[], \(statement.bind(ByteaArray(completed.map(\.1))))::bytea[]) AS u(id, outcome)
                WHERE jobs.id = ANY(\(ids)::bigint[]) AND jobs.id = u.id
                """)
        }
        if let query = statement.query {
            do {
                try await conn.query(query, logger: logger)
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
                // unique_violation: a created row or custody index row is already there.
                throw StoreError.rowNotInState(table: error.serverInfo?[.tableName] ?? "a table",
                                                 row: error.serverInfo?[.detail] ?? "a row already exists")
            }
        }
        return (results, next)
    }
}

/// A custody-index row's dimension and value (PostgreSQL groups a commit's event keys under it).
private struct IndexGroup: Hashable {
    var dimension: IndexDimension
    var value: String
}

/// Several data-modifying statements as one: `WITH w1 AS (…), w2 AS (…) <last>`, with `$n`
/// parameters numbered across all of them.
struct WriteStatement {
    private var parts: [String] = []
    private var binds = PostgresBindings()

    mutating func bind<T: PostgresEncodable & PostgresNonThrowingEncodable>(_ value: T) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    /// Adds a statement; returns the name its result has in the ones after it.
    @discardableResult
    mutating func add(_ sql: String) -> String {
        parts.append(sql)
        return "w\(parts.count - 1)"
    }

    var query: PostgresQuery? {
        guard let last = parts.last else { return nil }
        let ctes = parts.dropLast().enumerated().map { "w\($0.offset) AS (\($0.element))" }
        let sql = ctes.isEmpty ? last : "WITH " + ctes.joined(separator: ",\n") + "\n" + last
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }
}

/// A `bytea[]` parameter written straight from byte arrays, in the binary array format
/// PostgresNIO writes for `[ByteBuffer]` (one dimension, lower bound 1, no nulls): the values
/// are copied once, into the message, instead of first into a `ByteBuffer` each.
struct ByteaArray: PostgresNonThrowingEncodable {
    var values: [[UInt8]]

    init(_ values: [[UInt8]]) {
        self.values = values
    }

    static var psqlType: PostgresDataType { .byteaArray }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        buffer.writeInteger(values.isEmpty ? 0 : 1, as: UInt32.self)
        buffer.writeInteger(0, as: Int32.self)
        buffer.writeInteger(PostgresDataType.bytea.rawValue)
        guard !values.isEmpty else { return }
        buffer.writeInteger(Int32(values.count))
        buffer.writeInteger(1, as: Int32.self)
        buffer.reserveCapacity(minimumWritableBytes: values.reduce(0) { $0 + $1.count + 4 })
        for value in values {
            buffer.writeInteger(Int32(value.count))
            buffer.writeBytes(value)
        }
    }
}
