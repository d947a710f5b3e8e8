import BollardLog
import Foundation
import Testing

@testable import BollardStore

/// The backends the conformance suite runs against. PostgreSQL is never silently left out: its
/// URL comes from BOLLARD_TEST_POSTGRES_URL (ops/test starts a cluster and sets it), and without
/// it every PostgreSQL case fails — unless BOLLARD_TEST_POSTGRES=skip is set explicitly outside CI.
enum TestBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    static var selected: [TestBackend] {
        let env = ProcessInfo.processInfo.environment
        if env["BOLLARD_TEST_POSTGRES"] == "skip", env["CI"] != "true", (env["BOLLARD_TEST_POSTGRES_URL"] ?? "").isEmpty {
            return [.sqlite]
        }
        return allCases
    }
}

struct PostgresNotConfigured: Error, CustomStringConvertible {
    var description: String {
        "BOLLARD_TEST_POSTGRES_URL is not set, so the PostgreSQL backend cannot be tested: run ops/test "
            + "(it starts a PostgreSQL 15 cluster), point the variable at a server, or — outside CI only — "
            + "set BOLLARD_TEST_POSTGRES=skip"
    }
}

/// One fresh, empty database per test: a temp file for SQLite, a new database on the server for
/// PostgreSQL. `open()` may be called several times: each call is another independent
/// connection (pool), as another worker process would have.
final class TestDatabase: Sendable {
    let backend: TestBackend
    let location: String
    private let cleanupName: String?
    private let serverURL: String?

    private init(backend: TestBackend, location: String, cleanupName: String?, serverURL: String?) {
        self.backend = backend
        self.location = location
        self.cleanupName = cleanupName
        self.serverURL = serverURL
    }

    static func make(_ backend: TestBackend) async throws -> TestDatabase {
        let tag = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        switch backend {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bollard-store-\(tag)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            return TestDatabase(backend: backend, location: dir.appendingPathComponent("bollard.sqlite").path,
                                cleanupName: dir.path, serverURL: nil)
        case .postgres:
            guard let server = ProcessInfo.processInfo.environment["BOLLARD_TEST_POSTGRES_URL"], !server.isEmpty else {
                throw PostgresNotConfigured()
            }
            let name = "bollard_t_\(tag)"
            let url = try await PostgresAdmin.createDatabase(serverURL: server, name: name)
            return TestDatabase(backend: backend, location: url, cleanupName: name, serverURL: server)
        }
    }

    func open() async throws -> any Store {
        switch backend {
        case .sqlite: try SQLiteStore(path: location)
        case .postgres: try await PostgresStore(url: location)
        }
    }

    func cleanup() async {
        switch backend {
        case .sqlite:
            if let cleanupName { try? FileManager.default.removeItem(atPath: cleanupName) }
        case .postgres:
            if let cleanupName, let serverURL { try? await PostgresAdmin.dropDatabase(serverURL: serverURL, name: cleanupName) }
        }
    }
}

/// Runs `body` with one store on a fresh database, closing and removing it afterwards.
func withStore(_ backend: TestBackend, _ body: (any Store, TestDatabase) async throws -> Void) async throws {
    let db = try await TestDatabase.make(backend)
    do {
        let store = try await db.open()
        do {
            try await body(store, db)
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }
    } catch {
        await db.cleanup()
        throw error
    }
    await db.cleanup()
}

func meta(_ submitter: String = "urn:epc:id:sgln:0614141.00001.0", key: String? = nil, filename: String? = "doc.edi") -> SubmissionMetadata {
    SubmissionMetadata(submitter: submitter, channel: .http, filename: filename, contentType: "application/edi-x12",
                       idempotencyKey: key)
}

func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

/// A checkpoint signer test double: the C2SP tlog-checkpoint body and a fixed signature line.
struct TestSigner: CheckpointSigning {
    var origin = "bollard.example/store-test"
    func signedCheckpoint(size: UInt64, root: MerkleHash) throws -> [UInt8] {
        Array("\(origin)\n\(size)\n\(root.base64)\n\n— test AAAA\n".utf8)
    }
}

/// SplitMix64, for reproducible random trees.
struct SeededRNG: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func syntheticEntry(_ i: UInt64) -> [UInt8] {
    var out = Array("custody-record-\(i)".utf8)
    out.append(contentsOf: repeatElement(UInt8(truncatingIfNeeded: i), count: Int(i % 11)))
    return out
}
