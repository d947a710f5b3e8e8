import Foundation
import PostgresNIO

/// Reads a libpq-style connection URL (`postgres://user:password@host:port/database`), the form
/// `BOLLARD_TEST_POSTGRES_URL` and `--postgres` take (PostgreSQL docs §34.1.1.2 "Connection
/// URIs"). `sslmode=disable` turns TLS off (loopback clusters); otherwise TLS is preferred.
enum PostgresURL {
    static func configuration(_ url: String) throws(StoreError) -> PostgresClient.Configuration {
        guard let c = URLComponents(string: url), c.scheme == "postgres" || c.scheme == "postgresql" else {
            throw StoreError(.configuration, "not a postgres:// URL: \(redacted(url))")
        }
        guard let user = c.user?.removingPercentEncoding, !user.isEmpty else {
            throw StoreError(.configuration, "the URL names no user: \(redacted(url))")
        }
        let host = c.host.flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        let database = String(c.path.drop(while: { $0 == "/" }))
        let sslmode = c.queryItems?.first(where: { $0.name == "sslmode" })?.value
        var config = PostgresClient.Configuration(
            host: host, port: c.port ?? 5432, username: user, password: c.password?.removingPercentEncoding,
            database: database.isEmpty ? nil : database,
            tls: sslmode == "disable" ? .disable : .prefer(.makeClientConfiguration()))
        config.options.minimumConnections = 0
        return config
    }

    /// The URL with its password replaced, for messages and logs.
    static func redacted(_ url: String) -> String {
        guard var c = URLComponents(string: url), c.password != nil else { return url }
        c.password = "xxxxx"
        return c.string ?? "(unprintable URL)"
    }
}
