import ArgumentParser
import BollardIngest
import BollardLog
import BollardLedger
import BollardStore
import Foundation
import Logging
import ServiceLifecycle

/// `bollard worker`: a long-running worker on the store's queue. On SIGTERM or SIGINT it stops
/// claiming, finishes the batch in hand (committed or refused whole), writes its snapshot,
/// integrates and anchors, logs its totals and exits; a worker that is killed instead leaves its
/// jobs leased until the lease expires, then another takes them.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Apply queued documents until stopped (graceful on SIGTERM).",
        discussion: """
            Several workers, in one or many processes, may share one store: each document is
            applied exactly once. Anchors the log on the local ledger (or, with --ethereum,
            --contract and --key-file, on the chain) every --anchor-every entries or
            --anchor-interval seconds.

            Workers on one PostgreSQL store take turns on the log: the holder commits up to
            --batches-per-turn batches, applying each while the one before commits, and the
            others replay its commits while they wait.

            While a batch is applied its leases are renewed every third of --lease. On exit
            the worker logs its totals (batches, documents, records, optimistic-concurrency
            conflict retries, lease renewals); --json also prints them on standard output.

            Example:
              bollard worker --data /var/tmp/b
              bollard worker --postgres postgres://bollard@127.0.0.1:5432/bollard --data /var/tmp/b --batch 64 --json
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var anchorOptions: AnchorOptions

    @Option(help: "Jobs per batch (one transaction each).")
    var batch = 32

    @Option(help: "Batches committed in one turn on the log before a waiting worker gets it (PostgreSQL).")
    var batchesPerTurn = 4

    @Option(help: "Write a whole-state snapshot when the log reaches this many records, then at each doubling and on exit (default: none; a fresh worker replays the log).")
    var snapshotInterval: Int?

    @Option(help: "Seconds a claimed job stays leased to this worker.")
    var lease = 30

    @Option(help: "Anchor after this many new log entries.")
    var anchorEvery = 256

    @Option(help: "Anchor after this many seconds with new entries.")
    var anchorInterval = 10

    @Option(help: "Milliseconds between polls of an empty queue.")
    var poll = 200

    @Flag(help: "Print the worker's totals as JSON on standard output when it stops.")
    var json = false

    func validate() throws {
        guard batch > 0 else { throw ValidationError("--batch must be positive") }
        guard lease > 0 else { throw ValidationError("--lease must be positive") }
        guard batchesPerTurn > 0 else { throw ValidationError("--batches-per-turn must be positive") }
        if let snapshotInterval, snapshotInterval <= 0 { throw ValidationError("--snapshot-interval must be positive") }
    }

    func run() async throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let anchoring = try anchorOptions.configuration()
        let dir = try await storeOptions.open()
        try await serve(dir: dir, store: dir.store, anchor: try anchoring.anchor(dir: dir))
    }

    private func serve<S: Store>(dir: DataDirectory, store: S, anchor: any Anchor) async throws {
        let logger = Logger(label: "bollard.worker")
        var configuration = WorkerConfiguration(
            name: DataDirectory.processName, lease: .seconds(lease), batchSize: batch, idleInterval: .milliseconds(poll),
            anchorPolicy: Anchorer.Policy(everyEntries: UInt64(anchorEvery), interval: .seconds(anchorInterval)),
            snapshotInterval: snapshotInterval)
        configuration.batchesPerTurn = batchesPerTurn
        let worker = Worker(
            store: store, signer: dir.logSigner,
            configuration: configuration,
            anchor: anchor, logVerifiers: NoteVerifiers([dir.logKey.verifier()]), origin: dir.origin, logger: logger)
        let service = WorkerService(worker: worker, logger: logger, printJSON: json)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [.init(service: service)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        logger.info("worker \(DataDirectory.processName) on \(dir.location)")
        // Logged by the service once running: signal handlers are installed from then on.
        try await group.run()
        try await store.close()
        logger.info("worker stopped")
    }
}

/// The worker's loop as a service: graceful shutdown cancels the loop between batches; the
/// worker's own shutdown (snapshot, integration, anchor) then runs shielded from that
/// cancellation (`Worker.shutdown()`).
struct WorkerService<S: Store>: Service {
    let worker: Worker<S>
    let logger: Logger
    var printJSON = false
    /// Also told of every finished document (`bollard serve` feeds its metrics).
    var onResult: @Sendable (DocumentResult) -> Void = { _ in }

    func run() async throws {
        logger.info("worker serving; SIGTERM stops it gracefully")
        let statistics = await cancelWhenGracefulShutdown {
            await worker.run { [onResult] result in
                onResult(result)
                logger.info("\(result.status.rawValue) \(result.fileName ?? result.documentID) job \(result.jobID)")
            }
        }
        if printJSON { try printCompactJSON(statistics) }
    }
}

/// One JSON value on one line (sorted keys), for scripts that read several.
func printCompactJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}
