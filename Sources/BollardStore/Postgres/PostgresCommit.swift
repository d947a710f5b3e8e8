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
        var journal: [(Int64, Int64, ByteBuffer)] = []
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
            for w in change.writes { current[w.table, default: [:]][w.key] = .some(w.value) }
            index += change.index
            results.append(CommitResult(firstLogIndex: UInt64(next), logCount: change.logEntries.count))
            if !change.logEntries.isEmpty {
                let batch = SequencedBatch(firstIndex: UInt64(next), entries: change.logEntries)
                journal.append((next, Int64(batch.endIndex), ByteBuffer(bytes: batch.encoded)))
                next = Int64(batch.endIndex)
            }
        }

        // Final value per written row, in one upsert and one delete per table.
        var written = [ProjectionTable: [String: [UInt8]?]]()
        for c in changes { for w in c.writes { written[w.table, default: [:]][w.key] = .some(w.value) } }
        for (table, rows) in written {
            var keys = [String](), values = [ByteBuffer](), deleted = [String]()
            for (k, v) in rows {
                if let v { keys.append(k); values.append(ByteBuffer(bytes: v)) } else { deleted.append(k) }
            }
            if !keys.isEmpty {
                try await conn.query("""
                    INSERT INTO \(unescaped: table.sqlName) (key, value) SELECT * FROM unnest(\(keys)::text[], \(values)::bytea[])
                    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
                    """, logger: logger)
            }
            if !deleted.isEmpty {
                try await conn.query("DELETE FROM \(unescaped: table.sqlName) WHERE key = ANY(\(deleted))", logger: logger)
            }
        }
        if !index.isEmpty {
            try await conn.query("""
                INSERT INTO custody_index (dimension, value, event_key)
                SELECT * FROM unnest(\(index.map(\.dimension.rawValue))::text[], \(index.map(\.value))::text[],
                                     \(index.map(\.eventKey))::text[])
                ON CONFLICT DO NOTHING
                """, logger: logger)
        }
        if !journal.isEmpty {
            try await conn.query("""
                INSERT INTO log_journal (first_index, end_index, bytes)
                SELECT * FROM unnest(\(journal.map(\.0))::bigint[], \(journal.map(\.1))::bigint[], \(journal.map(\.2))::bytea[])
                """, logger: logger)
            try await conn.query("UPDATE log_sequence SET next_index = \(next) WHERE id = 1", logger: logger)
        }
        let completed = changes.compactMap { c in c.job.map { ($0.id.rawValue, ByteBuffer(bytes: c.outcome)) } }
        if !completed.isEmpty {
            try await conn.query("""
                UPDATE jobs SET state = 'done', outcome = u.outcome, finished_at = \(unescaped: Self.now), lease_expires_at = NULL
                FROM unnest(\(completed.map(\.0))::bigint[], \(completed.map(\.1))::bytea[]) AS u(id, outcome)
                WHERE jobs.id = u.id
                """, logger: logger)
        }
        return (results, next)
    }
}
