/// One schema step. Migrations are code, applied in `version` order, each in its own
/// transaction together with its `schema_migrations` row, so a migration is applied entirely or
/// not at all, and applying the list again does nothing.
public struct Migration: Sendable {
    public var version: Int
    public var name: String
    public var statements: [String]

    public init(version: Int, name: String, statements: [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }
}

/// The SQL dialect differences the schema needs: the two backends share one logical schema.
enum SQLDialect: Sendable {
    case sqlite
    case postgres

    var bytes: String { self == .sqlite ? "BLOB" : "BYTEA" }
    var int64: String { self == .sqlite ? "INTEGER" : "BIGINT" }
    var serialKey: String {
        self == .sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
    }
}
