import BollardServer
import BollardStore
import BollardTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The backends every server test runs on, under the project's PostgreSQL gate
/// (`PostgresTestGate`): both, and the PostgreSQL cases fail without BOLLARD_TEST_POSTGRES_URL
/// unless BOLLARD_TEST_POSTGRES=skip is set outside CI.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }
    static var selected: [Backend] { PostgresTestGate.backends.compactMap(Backend.init(rawValue:)) }
}

struct PostgresNotConfigured: Error, CustomStringConvertible {
    var description: String { "BOLLARD_TEST_POSTGRES_URL is not set: run ops/test, or set BOLLARD_TEST_POSTGRES=skip outside CI" }
}

/// A fresh database per test: a temp SQLite file, or a new database on the PostgreSQL server.
struct TestDatabase: Sendable {
    var backend: Backend
    var location: String
    var cleanupName: String
    var serverURL: String?

    static func make(_ backend: Backend) async throws -> TestDatabase {
        let tag = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        switch backend {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bollard-server-\(tag)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            return TestDatabase(backend: backend, location: dir.appendingPathComponent("bollard.sqlite").path, cleanupName: dir.path)
        case .postgres:
            guard let server = ProcessInfo.processInfo.environment["BOLLARD_TEST_POSTGRES_URL"], !server.isEmpty else {
                throw PostgresNotConfigured()
            }
            let name = "bollard_s_\(tag)"
            return TestDatabase(backend: backend, location: try await PostgresAdmin.createDatabase(serverURL: server, name: name),
                                cleanupName: name, serverURL: server)
        }
    }

    func cleanup() async {
        switch backend {
        case .sqlite: try? FileManager.default.removeItem(atPath: cleanupName)
        case .postgres:
            if let serverURL { try? await PostgresAdmin.dropDatabase(serverURL: serverURL, name: cleanupName) }
        }
    }
}

/// The story's parties (fixtures/busan/*/story.tsv).
enum Parties {
    static let onsan = "gln:8801234000017"
    static let terminal = "gln:8801234000031"
    static let w1 = "gln:8801234000048"
    static let w2 = "gln:8801234000055"
    static let customs = "customs:KR-BMC"
    static let bdax = "lei:98450012BDAX00000087"
    static let auditor = "lei:98450012SUYE00000057"
}

/// A running in-process app over a fresh store, with one key per role.
struct Harness {
    var store: any Store
    /// The secret key per role; warehouse is W1's.
    var keys: [Role: String]
    var w2Key: String

    static func party(for role: Role) -> String {
        switch role {
        case .warehouse: Parties.w1
        case .carrier: Parties.onsan
        case .terminal: Parties.terminal
        case .customs: Parties.customs
        case .exchange: Parties.bdax
        case .auditor, .admin: Parties.auditor
        }
    }

    func auth(_ role: Role) -> HTTPFields { [.authorization: "Bearer \(keys[role] ?? "")"] }
}

func withServer(_ backend: Backend, configuration: ServerConfiguration = ServerConfiguration(), proofs: ProofSettings? = nil,
                _ body: @Sendable (any TestClientProtocol, Harness) async throws -> Void) async throws {
    let db = try await TestDatabase.make(backend)
    do {
        let store = try await StoreLocation(db.location).open()
        do {
            try await run(store, configuration, proofs, body)
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

private func run<S: Store>(_ store: S, _ configuration: ServerConfiguration, _ proofs: ProofSettings?,
                           _ body: @Sendable (any TestClientProtocol, Harness) async throws -> Void) async throws {
    var keys: [Role: String] = [:]
    for role in Role.allCases {
        let issued = try APIKeys.issue(party: Harness.party(for: role), role: role, name: "test \(role.rawValue)")
        try await store.addAPIKey(issued.record)
        keys[role] = issued.key
    }
    let w2 = try APIKeys.issue(party: Parties.w2, role: .warehouse, name: "W2")
    try await store.addAPIKey(w2.record)
    let harness = Harness(store: store, keys: keys, w2Key: w2.key)
    let app = Application(router: BollardServer(store: store, configuration: configuration, proofs: proofs).router())
    try await app.test(.router) { client in try await body(client, harness) }
}

func fixture(_ relative: String) throws -> [UInt8] {
    Array(try Data(contentsOf: SharedData.packageRoot().appendingPathComponent("fixtures/busan/" + relative)))
}

func json(_ buffer: ByteBuffer) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView))
    guard let dict = object as? [String: Any] else { throw Unexpected(description: "not a JSON object: \(String(buffer: buffer))") }
    return dict
}

struct Unexpected: Error, CustomStringConvertible { var description: String }
