import GRDB
import PostgresNIO

/// Raw SQL for tests that edit a table behind the store's back (the audit's tamper checks).
/// Internal: reachable only through `@testable import`.
protocol RawSQLExecutable {
    func executeRaw(_ sql: String) async throws
    /// The settings that make a commit durable, as the database reports them.
    func durabilitySettings() async throws -> [String: String]
}

extension SQLiteStore: RawSQLExecutable {
    func executeRaw(_ sql: String) async throws {
        try await pool.writeWithoutTransaction { db in try db.execute(sql: sql) }
    }

    /// Read on the writer connection, the one every write goes through.
    func durabilitySettings() async throws -> [String: String] {
        try await pool.writeWithoutTransaction { db in
            [
                "journal_mode": try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
                "synchronous": try String.fetchOne(db, sql: "PRAGMA synchronous") ?? "",
            ]
        }
    }
}

extension PostgresStore: RawSQLExecutable {
    func executeRaw(_ sql: String) async throws {
        try await client.query(PostgresQuery(unsafeSQL: sql))
    }

    func durabilitySettings() async throws -> [String: String] {
        var out = [String: String]()
        for name in ["fsync", "synchronous_commit"] {
            for try await value in try await client.query(PostgresQuery(unsafeSQL: "SHOW \(name)")).decode(String.self) {
                out[name] = value
            }
        }
        return out
    }
}
