import ArgumentParser
import BollardIngest
import BollardLedger
import BollardLog
import BollardServer
import BollardStore
import BollardViewer
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// `bollard serve`: the HTTP API (SERVICE-CONTRACT.md), optionally with in-process workers in
/// the same service group. Settings: flags, then environment, then `--config FILE.json`.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API (graceful shutdown on SIGTERM).",
        discussion: """
            Precedence: flags > environment (BOLLARD_DATA, BOLLARD_POSTGRES_URL, BOLLARD_HOST,
            BOLLARD_PORT, BOLLARD_WORKERS, BOLLARD_MAX_BODY_BYTES, BOLLARD_RATE_LIMIT) > --config
            FILE.json (members data, postgres, host, port, workers, max_body_bytes, rate_limit,
            sender_directory: EDI sender "qualifier:id" → party, for the warehouse issuer check).
            Create keys first with `bollard keys add`.

            Example:
              bollard keys add --data /var/tmp/b --party gln:8801234000017 --role warehouse
              bollard serve --data /var/tmp/b --port 8080 --workers 2
            """
    )

    @Option(help: "Data folder: SQLite store, keys, local ledger (or $BOLLARD_DATA).") var data: String?
    @Option(help: "PostgreSQL URL for the store (or $BOLLARD_POSTGRES_URL).") var postgres: String?
    @Option(help: "Address to listen on (or $BOLLARD_HOST; default 127.0.0.1).") var host: String?
    @Option(help: "Port (or $BOLLARD_PORT; default 8080).") var port: Int?
    @Option(help: "In-process workers applying the queue (or $BOLLARD_WORKERS; default 0).") var workers: Int?
    @Option(help: "Largest request body in bytes (or $BOLLARD_MAX_BODY_BYTES; default 16 MiB).") var maxBodyBytes: Int?
    @Option(help: "Requests per second per API key (or $BOLLARD_RATE_LIMIT; default: no limit).") var rateLimit: Double?
    @Option(help: "JSON configuration file, the lowest precedence.") var config: String?
    @Option(help: "Party master data for the viewer's pages (default: parties.json in the data folder, when present).")
    var parties: String?
    @OptionGroup var anchorOptions: AnchorOptions

    struct FileSettings: Decodable {
        var data: String?
        var postgres: String?
        var host: String?
        var port: Int?
        var workers: Int?
        var maxBodyBytes: Int?
        var rateLimit: Double?
        var senderDirectory: [String: String]?
    }

    func settings() throws -> FileSettings {
        guard let config else { return FileSettings() }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(FileSettings.self, from: Data(contentsOf: URL(fileURLWithPath: config)))
        } catch {
            throw ValidationError("--config \(config): \(error)")
        }
    }

    func run() async throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let env = ProcessInfo.processInfo.environment
        let file = try settings()
        func int(_ flag: Int?, _ name: String, _ fromFile: Int?, _ fallback: Int) throws -> Int {
            if let flag { return flag }
            if let text = env[name] {
                guard let v = Int(text) else { throw ValidationError("\(name)=\(text) is not an integer") }
                return v
            }
            return fromFile ?? fallback
        }
        func envRateLimit() throws -> Double? {
            guard let text = env["BOLLARD_RATE_LIMIT"] else { return nil }
            guard let v = Double(text), v > 0 else { throw ValidationError("BOLLARD_RATE_LIMIT=\(text) is not a positive number") }
            return v
        }
        let folder = data ?? env["BOLLARD_DATA"] ?? file.data ?? "bollard-data"
        let postgresURL = postgres ?? env["BOLLARD_POSTGRES_URL"] ?? file.postgres
        let serverConfiguration = ServerConfiguration(
            host: host ?? env["BOLLARD_HOST"] ?? file.host ?? "127.0.0.1",
            port: try int(port, "BOLLARD_PORT", file.port, 8080),
            maxBodyBytes: try int(maxBodyBytes, "BOLLARD_MAX_BODY_BYTES", file.maxBodyBytes, 16 * 1024 * 1024),
            senderDirectory: file.senderDirectory ?? [:],
            rateLimit: try rateLimit ?? envRateLimit() ?? file.rateLimit)
        let workerCount = try int(workers, "BOLLARD_WORKERS", file.workers, 0)
        let anchoring = try anchorOptions.configuration()
        let dir = try await DataDirectory.open(folder: URL(fileURLWithPath: folder), postgres: postgresURL, origin: DataDirectory.defaultOrigin)
        try await serve(dir, dir.store, serverConfiguration, workers: workerCount, anchor: try anchoring.anchor(dir: dir),
                        ledgerKind: anchoring.ledgerKind)
    }

    private func serve<S: Store>(_ dir: DataDirectory, _ store: S, _ configuration: ServerConfiguration, workers: Int,
                                 anchor: any Anchor, ledgerKind: String) async throws {
        let logger = Logger(label: "bollard.serve")
        let proofs = ProofSettings(signer: dir.logSigner, logKey: dir.logKey, ledger: anchor, ledgerKey: dir.ledgerKey,
                                   ledgerKind: ledgerKind, holder: DataDirectory.processName + "/serve")
        let follower = ProvenanceFollower(store: store)
        let anchored = proofs.anchoredLog(store)
        let viewer = ViewerPageRoutes(follower: follower, proofs: proofs, parties: try PartyDirectory.load(option: parties, folder: dir.folder),
                                      anchored: anchored)
        let server = BollardServer(store: store, configuration: configuration, proofs: proofs, follower: follower, anchored: anchored,
                                   viewer: viewer)
        let metrics = server.metrics
        let services: [any Service] = (0..<max(0, workers)).map { i in
            let worker = Worker(
                store: store, signer: dir.logSigner,
                configuration: WorkerConfiguration(name: DataDirectory.processName + "/w\(i)", lease: .seconds(30), batchSize: 32,
                                                   idleInterval: .milliseconds(200)),
                anchor: anchor, logVerifiers: NoteVerifiers([dir.logKey.verifier()]), origin: dir.origin,
                logger: Logger(label: "bollard.worker"))
            return WorkerService(worker: worker, logger: Logger(label: "bollard.worker")) { result in
                Task {
                    var receivedAt: Int64?
                    if let id = DocumentID(hex: result.documentID) { receivedAt = try? await store.document(id)?.receivedAt }
                    metrics.document(result, receivedAt: receivedAt)
                }
            }
        }
        logger.info("serving \(dir.location) on http://\(configuration.host):\(configuration.port) with \(workers) worker(s)")
        try await server.application(services: services, logger: logger).runService()
        try await store.close()
        logger.info("server stopped")
    }

}
