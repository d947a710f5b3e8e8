import BollardLog
import Logging
import NIOCore
import PostgresNIO

/// The log's resources in the PostgreSQL store's own tables, so journal records are written in
/// the same transactions as the state they record (`PostgresStore.commit`).
///
/// As for `SQLiteTileStore`, a race between two integrators (a lapsed log-writer lease) is
/// harmless: full resources are immutable, partial ones distinct per width, and the tree head
/// and checkpoint never move backwards.
public struct PostgresTileStore: TileStore {
    let client: PostgresClient
    let logger: Logger

    public func readTile(_ id: TileID) async throws -> [UInt8]? {
        try await read("log_tiles", id.path)
    }

    public func writeTile(_ id: TileID, _ bytes: [UInt8]) async throws {
        try await writeResource("log_tiles", id.path, bytes, immutable: !id.isPartial)
    }

    public func readEntryBundle(_ id: EntryBundleID) async throws -> [UInt8]? {
        try await read("log_bundles", id.path)
    }

    public func writeEntryBundle(_ id: EntryBundleID, _ bytes: [UInt8]) async throws {
        try await writeResource("log_bundles", id.path, bytes, immutable: !id.isPartial)
    }

    private func bytes(_ rows: PostgresRowSequence) async throws -> [UInt8]? {
        for try await b in rows.decode(ByteBuffer.self) { return Array(b.readableBytesView) }
        return nil
    }

    private func read(_ table: String, _ path: String) async throws -> [UInt8]? {
        try await bytes(client.query("SELECT bytes FROM \(unescaped: table) WHERE path = \(path)"))
    }

    private func writeResource(_ table: String, _ path: String, _ value: [UInt8], immutable: Bool) async throws {
        let buffer = ByteBuffer(bytes: value)
        if immutable {
            let inserted = try await bytes(client.query("""
                INSERT INTO \(unescaped: table) (path, bytes) VALUES (\(path), \(buffer)) ON CONFLICT (path) DO NOTHING RETURNING ''::bytea
                """)) != nil
            if !inserted, try await read(table, path) != value {
                throw LogError(.immutableResourceChanged, "full resource \(path) already holds different bytes")
            }
        } else {
            try await client.query("""
                INSERT INTO \(unescaped: table) (path, bytes) VALUES (\(path), \(buffer))
                ON CONFLICT (path) DO UPDATE SET bytes = EXCLUDED.bytes
                """)
        }
    }

    public func readCheckpoint() async throws -> [UInt8]? {
        try await bytes(client.query("SELECT note FROM log_checkpoint WHERE id = 1"))
    }

    public func writeCheckpoint(_ note: [UInt8]) async throws {
        try await client.query("""
            INSERT INTO log_checkpoint (id, size, note) VALUES (1, \(CheckpointNote.treeSize(note)), \(ByteBuffer(bytes: note)))
            ON CONFLICT (id) DO UPDATE SET size = EXCLUDED.size, note = EXCLUDED.note WHERE EXCLUDED.size >= log_checkpoint.size
            """)
    }

    public func readTreeHead() async throws -> TreeHead? {
        try await bytes(client.query("SELECT bytes FROM log_head WHERE id = 1")).map { try TreeHead(decoding: $0) }
    }

    public func writeTreeHead(_ head: TreeHead) async throws {
        try await client.query("""
            INSERT INTO log_head (id, size, bytes) VALUES (1, \(Int64(head.size)), \(ByteBuffer(bytes: head.encoded)))
            ON CONFLICT (id) DO UPDATE SET size = EXCLUDED.size, bytes = EXCLUDED.bytes WHERE EXCLUDED.size > log_head.size
            """)
    }

    /// The direct path (a `TransparencyLog.append` on this store): the batch must start where
    /// the sequence is, exactly as a commit's entries would.
    public func writeSequencedBatch(_ batch: SequencedBatch) async throws {
        let encoded = ByteBuffer(bytes: batch.encoded)
        try await client.withConnection { conn in
            try await conn.query("BEGIN", logger: logger)
            do {
                var next: Int64 = -1
                for try await n in try await conn.query("SELECT next_index FROM log_sequence WHERE id = 1 FOR UPDATE",
                                                        logger: logger).decode(Int64.self) { next = n }
                guard next >= 0, UInt64(next) == batch.firstIndex else {
                    throw LogError(.corruptJournal, "batch starts at \(batch.firstIndex) but the log is sequenced to \(next)")
                }
                try await conn.query("""
                    INSERT INTO log_journal (first_index, end_index, bytes)
                    VALUES (\(Int64(batch.firstIndex)), \(Int64(batch.endIndex)), \(encoded))
                    """, logger: logger)
                try await conn.query("UPDATE log_sequence SET next_index = \(Int64(batch.endIndex)) WHERE id = 1", logger: logger)
                try await conn.query("COMMIT", logger: logger)
            } catch {
                _ = try? await conn.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    /// One transaction, and one statement for all the writes (data-modifying CTEs over arrays,
    /// PostgreSQL docs §7.8.4): the integration is one round trip and one WAL flush whatever
    /// its size. Full resources are inserted if absent; those already present must hold the
    /// same bytes (a re-integration after a crash), checked before COMMIT.
    public func writeIntegration(_ integration: Integration) async throws {
        var statement = WriteStatement()
        var full: [String: [UInt8]] = [:]
        var inserted: [String] = []
        for (table, resources) in [("log_tiles", integration.tiles.map { ($0.0.path, $0.0.isPartial, $0.1) }),
                                   ("log_bundles", integration.bundles.map { ($0.0.path, $0.0.isPartial, $0.1) })] {
            let immutable = resources.filter { !$0.1 }
            let partial = resources.filter(\.1)
            if !immutable.isEmpty {
                for r in immutable { full[r.0] = r.2 }
                inserted.append(statement.add("""
                    INSERT INTO \(table) (path, bytes)
                    SELECT * FROM unnest(\(statement.bind(immutable.map(\.0)))::text[], \(statement.bind(immutable.map { ByteBuffer(bytes: $0.2) }))::bytea[])
                    ON CONFLICT (path) DO NOTHING RETURNING path
                    """))
            }
            if !partial.isEmpty {
                statement.add("""
                    INSERT INTO \(table) (path, bytes)
                    SELECT * FROM unnest(\(statement.bind(partial.map(\.0)))::text[], \(statement.bind(partial.map { ByteBuffer(bytes: $0.2) }))::bytea[])
                    ON CONFLICT (path) DO UPDATE SET bytes = EXCLUDED.bytes
                    """)
            }
        }
        statement.add("""
            INSERT INTO log_head (id, size, bytes) VALUES (1, \(statement.bind(Int64(integration.head.size))), \(statement.bind(ByteBuffer(bytes: integration.head.encoded))))
            ON CONFLICT (id) DO UPDATE SET size = EXCLUDED.size, bytes = EXCLUDED.bytes WHERE EXCLUDED.size > log_head.size
            """)
        if !integration.integratedBatches.isEmpty {
            statement.add("DELETE FROM log_journal WHERE first_index = ANY(\(statement.bind(integration.integratedBatches.map { Int64($0) }))::bigint[])")
        }
        if let note = integration.checkpoint {
            statement.add("""
                INSERT INTO log_checkpoint (id, size, note) VALUES (1, \(statement.bind(CheckpointNote.treeSize(note))), \(statement.bind(ByteBuffer(bytes: note))))
                ON CONFLICT (id) DO UPDATE SET size = EXCLUDED.size, note = EXCLUDED.note WHERE EXCLUDED.size >= log_checkpoint.size
                """)
        }
        statement.add(inserted.isEmpty ? "SELECT ''::text WHERE false" : inserted.map { "SELECT path FROM \($0)" }.joined(separator: " UNION ALL "))
        guard let query = statement.query else { return }
        try await client.withConnection { conn in
            try await conn.query("BEGIN", logger: logger)
            do {
                for try await path in try await conn.query(query, logger: logger).decode(String.self) { full[path] = nil }
                if !full.isEmpty {
                    let rows = try await conn.query("""
                        SELECT path, bytes FROM log_tiles WHERE path = ANY(\(Array(full.keys)))
                        UNION ALL SELECT path, bytes FROM log_bundles WHERE path = ANY(\(Array(full.keys)))
                        """, logger: logger)
                    for try await (path, bytes) in rows.decode((String, ByteBuffer).self) where full[path] != Array(bytes.readableBytesView) {
                        throw LogError(.immutableResourceChanged, "full resource \(path) already holds different bytes")
                    }
                }
                try await conn.query("COMMIT", logger: logger)
            } catch {
                _ = try? await conn.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    public func readSequencedBatches() async throws -> [SequencedBatch] {
        var out = [SequencedBatch]()
        let rows = try await client.query("SELECT first_index, bytes FROM log_journal ORDER BY first_index")
        for try await (first, bytes) in rows.decode((Int64, ByteBuffer).self) {
            out.append(try SequencedBatch(decoding: Array(bytes.readableBytesView), name: "log_journal[\(first)]"))
        }
        return out
    }

    public func deleteSequencedBatch(firstIndex: UInt64) async throws {
        try await client.query("DELETE FROM log_journal WHERE first_index = \(Int64(firstIndex))")
    }
}
