/// Where a store lives, as the command line and configuration name it: a `postgres://` URL, or
/// a file path for the embedded SQLite store.
public enum StoreLocation: Sendable, Hashable {
    case sqlite(path: String)
    case postgres(url: String)

    public init(_ text: String) {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else {
            self = .sqlite(path: text)
        }
    }

    /// Opens the store (migrating it) as an existential, for code that serves either backend.
    public func open() async throws -> any Store {
        switch self {
        case .sqlite(let path): try SQLiteStore(path: path)
        case .postgres(let url): try await PostgresStore(url: url)
        }
    }
}
