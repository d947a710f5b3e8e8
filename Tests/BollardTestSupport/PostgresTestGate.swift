import Foundation

/// Whether the PostgreSQL cases may be left out: only when BOLLARD_TEST_POSTGRES=skip is set
/// explicitly, outside CI, with no server given. In CI (CI=true) they always run, and fail when
/// BOLLARD_TEST_POSTGRES_URL is missing — a suite that silently tests nothing would pass CI.
public enum PostgresTestGate {
    public static var explicitlySkipped: Bool {
        let env = ProcessInfo.processInfo.environment
        return env["BOLLARD_TEST_POSTGRES"] == "skip" && env["CI"] != "true" && (env["BOLLARD_TEST_POSTGRES_URL"] ?? "").isEmpty
    }

    /// The backends a test runs on: both, unless PostgreSQL is explicitly skipped.
    public static var backends: [String] { explicitlySkipped ? ["sqlite"] : ["sqlite", "postgres"] }
}
