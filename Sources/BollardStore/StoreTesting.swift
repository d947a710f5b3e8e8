import PostgresNIO

/// Raw SQL for tests that edit a table behind the store's back (the audit's tamper checks).
/// Internal: reachable only through `@testable import`.
protocol RawSQLExecutable {
    func executeRaw(_ sql: String) async throws
}

extension SQLiteStore: RawSQLExecutable {
    func executeRaw(_ sql: String) async throws {
        try await pool.writeWithoutTransaction { db in try db.execute(sql: sql) }
    }
}

extension PostgresStore: RawSQLExecutable {
    func executeRaw(_ sql: String) async throws {
        try await client.query(PostgresQuery(unsafeSQL: sql))
    }
}
