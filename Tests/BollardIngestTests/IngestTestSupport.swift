import BollardCore
import BollardIngest
import BollardLog
import BollardStore
import BollardTestSupport
import Foundation
import Testing

/// The backends every ingest test runs on. PostgreSQL comes from BOLLARD_TEST_POSTGRES_URL
/// (ops/test starts a cluster); without it the PostgreSQL cases fail, unless
/// BOLLARD_TEST_POSTGRES=skip is set outside CI — the same rule as the store's suite.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    static var selected: [Backend] {
        let env = ProcessInfo.processInfo.environment
        if env["BOLLARD_TEST_POSTGRES"] == "skip", env["CI"] != "true", (env["BOLLARD_TEST_POSTGRES_URL"] ?? "").isEmpty {
            return [.sqlite]
        }
        return allCases
    }
}

struct PostgresNotConfigured: Error, CustomStringConvertible {
    var description: String { "BOLLARD_TEST_POSTGRES_URL is not set: run ops/test, or set BOLLARD_TEST_POSTGRES=skip outside CI" }
}

/// A fresh database per test: a temp SQLite file, or a new database on the PostgreSQL server.
struct Database: Sendable {
    var backend: Backend
    var location: String
    var cleanupName: String
    var serverURL: String?

    static func make(_ backend: Backend) async throws -> Database {
        let tag = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        switch backend {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bollard-ingest-\(tag)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            return Database(backend: backend, location: dir.appendingPathComponent("bollard.sqlite").path, cleanupName: dir.path)
        case .postgres:
            guard let server = ProcessInfo.processInfo.environment["BOLLARD_TEST_POSTGRES_URL"], !server.isEmpty else {
                throw PostgresNotConfigured()
            }
            let name = "bollard_i_\(tag)"
            return Database(backend: backend, location: try await PostgresAdmin.createDatabase(serverURL: server, name: name),
                            cleanupName: name, serverURL: server)
        }
    }

    func open() async throws -> any Store { try await StoreLocation(location).open() }

    func cleanup() async {
        switch backend {
        case .sqlite: try? FileManager.default.removeItem(atPath: cleanupName)
        case .postgres:
            if let serverURL { try? await PostgresAdmin.dropDatabase(serverURL: serverURL, name: cleanupName) }
        }
    }
}

/// fixtures/busan/epcis: the story's documents in order, with their submitters.
struct Busan {
    struct Document {
        var stem: String
        var submitter: String
        var bytes: [UInt8]
    }

    static let directory = SharedData.packageRoot().appendingPathComponent("fixtures/busan/epcis")

    static func story(extension ext: String = "jsonld") throws -> [Document] {
        let text = try String(contentsOf: directory.appendingPathComponent("story.tsv"), encoding: .utf8)
        return try text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let c = line.split(separator: "\t")
            let stem = String(c[0])
            return Document(stem: stem, submitter: String(c[1]),
                            bytes: Array(try Data(contentsOf: directory.appendingPathComponent(stem + "." + ext))))
        }
    }

    /// A pledge of `receipt` to Suyeong, made distinct by its event time's milliseconds.
    static func pledge(receipt: String, variant: Int) -> [UInt8] {
        let ms = String(repeating: "0", count: 3 - String(variant).count) + String(variant)
        return Array("""
            {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",{"bollard":"https://ns.bollard.dev/epcis/"}],
             "type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-03-02T10:00:00.000+09:00",
             "epcisBody":{"eventList":[{"type":"TransactionEvent","eventTime":"2026-03-02T10:00:00.\(ms)+09:00",
              "eventTimeZoneOffset":"+09:00","action":"ADD","bizStep":"https://ns.bollard.dev/epcis/bizstep/pledging",
              "bizTransactionList":[{"type":"https://ns.bollard.dev/epcis/btt/warehouse_receipt",
                "bizTransaction":"urn:epcglobal:cbv:bt:8801234000048:\(receipt)"}],
              "bollard:lender":"98450012SUYE00000057"}]}}
            """.utf8)
    }

    static let suyeong = "lei:98450012SUYE00000057"
}

enum TestKeys {
    static let origin = "bollard.test/ingest"
    static func signer() throws -> CheckpointSigner {
        try CheckpointSigner(origin: origin, seed: [UInt8](repeating: 7, count: 32))
    }
}

func submit(_ store: some Store, _ bytes: [UInt8], submitter: String, name: String) async throws -> BollardStore.Submission {
    try await store.submit(bytes, metadata: SubmissionMetadata(submitter: submitter, channel: .cli, filename: name))
}

func worker<S: Store>(_ store: S, name: String = "test-worker", batch: Int = 8, reader: DocumentReader = DocumentReader()) throws -> Worker<S> {
    Worker(store: store, signer: try TestKeys.signer(), configuration: WorkerConfiguration(name: name, batchSize: batch), reader: reader)
}

/// Applies every queued job with one in-process worker.
func drainAll(_ store: some Store, name: String = "test-worker", batch: Int = 8,
              reader: DocumentReader = DocumentReader()) async throws -> [DocumentResult] {
    try await worker(store, name: name, batch: batch, reader: reader).drain()
}
