import BollardLog
import Foundation
import GRDB

/// The log's resources in the SQLite store's own tables, so journal records are written in the
/// same transactions as the state they record (`SQLiteStore.commit`).
///
/// Two writers can race only if a log-writer lease lapsed; the store keeps that harmless: full
/// tiles and bundles are immutable, partial ones are distinct resources per width (tlog-tiles
/// paths), and the tree head and checkpoint never move backwards.
public struct SQLiteTileStore: TileStore {
    let pool: DatabasePool

    func write(_ body: @escaping @Sendable (Database) throws -> Void) async throws {
        try await pool.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                try body(db)
                return .commit
            }
        }
    }

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

    private func read(_ table: String, _ path: String) async throws -> [UInt8]? {
        try await pool.read { db in
            try Data.fetchOne(db, sql: "SELECT bytes FROM \(table) WHERE path = ?", arguments: [path]).map { [UInt8]($0) }
        }
    }

    private func writeResource(_ table: String, _ path: String, _ bytes: [UInt8], immutable: Bool) async throws {
        let data = Data(bytes)
        try await write { db in
            if immutable {
                try db.execute(sql: "INSERT INTO \(table) (path, bytes) VALUES (?, ?) ON CONFLICT (path) DO NOTHING",
                               arguments: [path, data])
                if db.changesCount == 0, try Data.fetchOne(db, sql: "SELECT bytes FROM \(table) WHERE path = ?", arguments: [path]) != data {
                    throw LogError(.immutableResourceChanged, "full resource \(path) already holds different bytes")
                }
            } else {
                try db.execute(sql: "INSERT INTO \(table) (path, bytes) VALUES (?, ?) ON CONFLICT (path) DO UPDATE SET bytes = excluded.bytes",
                               arguments: [path, data])
            }
        }
    }

    public func readCheckpoint() async throws -> [UInt8]? {
        try await pool.read { db in
            try Data.fetchOne(db, sql: "SELECT note FROM log_checkpoint WHERE id = 1").map { [UInt8]($0) }
        }
    }

    public func writeCheckpoint(_ note: [UInt8]) async throws {
        let size = CheckpointNote.treeSize(note)
        let data = Data(note)
        try await write { db in
            try db.execute(sql: """
                INSERT INTO log_checkpoint (id, size, note) VALUES (1, ?, ?)
                ON CONFLICT (id) DO UPDATE SET size = excluded.size, note = excluded.note WHERE excluded.size >= log_checkpoint.size
                """, arguments: [size, data])
        }
    }

    public func readTreeHead() async throws -> TreeHead? {
        let bytes = try await pool.read { db in
            try Data.fetchOne(db, sql: "SELECT bytes FROM log_head WHERE id = 1").map { [UInt8]($0) }
        }
        return try bytes.map { try TreeHead(decoding: $0) }
    }

    public func writeTreeHead(_ head: TreeHead) async throws {
        let data = Data(head.encoded)
        let size = Int64(head.size)
        try await write { db in
            try db.execute(sql: """
                INSERT INTO log_head (id, size, bytes) VALUES (1, ?, ?)
                ON CONFLICT (id) DO UPDATE SET size = excluded.size, bytes = excluded.bytes WHERE excluded.size > log_head.size
                """, arguments: [size, data])
        }
    }

    /// The direct path (a `TransparencyLog.append` on this store): the batch must start where
    /// the sequence is, exactly as a commit's entries would.
    public func writeSequencedBatch(_ batch: SequencedBatch) async throws {
        let data = Data(batch.encoded)
        try await write { db in
            let next = try Int64.fetchOne(db, sql: "SELECT next_index FROM log_sequence WHERE id = 1") ?? 0
            guard UInt64(next) == batch.firstIndex else {
                throw LogError(.corruptJournal, "batch starts at \(batch.firstIndex) but the log is sequenced to \(next)")
            }
            try db.execute(sql: "INSERT INTO log_journal (first_index, end_index, bytes) VALUES (?, ?, ?)",
                           arguments: [Int64(batch.firstIndex), Int64(batch.endIndex), data])
            try db.execute(sql: "UPDATE log_sequence SET next_index = ? WHERE id = 1", arguments: [Int64(batch.endIndex)])
        }
    }

    /// One IMMEDIATE transaction with cached statements: the integration is one WAL fsync
    /// whatever its size.
    public func writeIntegration(_ integration: Integration) async throws {
        let tiles = integration.tiles.map { ($0.0.path, $0.0.isPartial, Data($0.1)) }
        let bundles = integration.bundles.map { ($0.0.path, $0.0.isPartial, Data($0.1)) }
        let head = (Int64(integration.head.size), Data(integration.head.encoded))
        let batches = integration.integratedBatches.map { Int64($0) }
        let checkpoint = integration.checkpoint.map { (CheckpointNote.treeSize($0), Data($0)) }
        try await write { db in
            for (table, resources) in [("log_tiles", tiles), ("log_bundles", bundles)] {
                for (path, isPartial, bytes) in resources {
                    if isPartial {
                        try db.cachedStatement(sql: "INSERT INTO \(table) (path, bytes) VALUES (?, ?) ON CONFLICT (path) DO UPDATE SET bytes = excluded.bytes")
                            .execute(arguments: [path, bytes])
                    } else {
                        try db.cachedStatement(sql: "INSERT INTO \(table) (path, bytes) VALUES (?, ?) ON CONFLICT (path) DO NOTHING")
                            .execute(arguments: [path, bytes])
                        if db.changesCount == 0,
                           try Data.fetchOne(db.cachedStatement(sql: "SELECT bytes FROM \(table) WHERE path = ?"), arguments: [path]) != bytes {
                            throw LogError(.immutableResourceChanged, "full resource \(path) already holds different bytes")
                        }
                    }
                }
            }
            try db.cachedStatement(sql: """
                INSERT INTO log_head (id, size, bytes) VALUES (1, ?, ?)
                ON CONFLICT (id) DO UPDATE SET size = excluded.size, bytes = excluded.bytes WHERE excluded.size > log_head.size
                """).execute(arguments: [head.0, head.1])
            for first in batches {
                try db.cachedStatement(sql: "DELETE FROM log_journal WHERE first_index = ?").execute(arguments: [first])
            }
            if let checkpoint {
                try db.cachedStatement(sql: """
                    INSERT INTO log_checkpoint (id, size, note) VALUES (1, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET size = excluded.size, note = excluded.note WHERE excluded.size >= log_checkpoint.size
                    """).execute(arguments: [checkpoint.0, checkpoint.1])
            }
        }
    }

    public func readSequencedBatches() async throws -> [SequencedBatch] {
        let rows = try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT first_index, bytes FROM log_journal ORDER BY first_index").map {
                (($0[0] as Int64), [UInt8]($0[1] as Data))
            }
        }
        return try rows.map { try SequencedBatch(decoding: $0.1, name: "log_journal[\($0.0)]") }
    }

    public func deleteSequencedBatch(firstIndex: UInt64) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM log_journal WHERE first_index = ?", arguments: [Int64(firstIndex)])
        }
    }
}
