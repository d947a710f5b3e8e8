import Foundation
import Logging
import PostgresNIO

/// Database-level operations on a server (creating a scratch database for `bollard audit`'s
/// replay, or one per test).
public enum PostgresAdmin {
    /// Creates database `name` (letters, digits, underscore) on the server `url` points at, and
    /// returns the URL of the new database.
    public static func createDatabase(serverURL url: String, name: String) async throws -> String {
        try await run(url, "CREATE DATABASE \(try checked(name))")
        guard var c = URLComponents(string: url) else { throw StoreError(.configuration, "bad URL") }
        c.path = "/" + name
        guard let out = c.string else { throw StoreError(.configuration, "bad URL") }
        return out
    }

    public static func dropDatabase(serverURL url: String, name: String) async throws {
        try await run(url, "DROP DATABASE IF EXISTS \(try checked(name)) WITH (FORCE)")
    }

    private static func checked(_ name: String) throws(StoreError) -> String {
        guard !name.isEmpty, name.utf8.count <= 63,
              name.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7a) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5f })
        else { throw StoreError(.invalidArgument, "database name \(name): lowercase letters, digits and _ only, at most 63") }
        return name
    }

    private static func run(_ url: String, _ sql: String) async throws {
        let client = PostgresClient(configuration: try PostgresURL.configuration(url), backgroundLogger: PostgresStore.defaultLogger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await client.query(PostgresQuery(unsafeSQL: sql))
        }
    }
}
