import ArgumentParser
import BollardLog
import BollardStore
import Foundation

/// `bollard bench ingest`: the store path an ingestion worker takes, driven by separate
/// processes as ops/bench/ingest.sh runs them: `submit` fills the queue, `work` is one worker
/// process, `status` waits until the queue is drained and the log integrated.
///
/// Until `bollard ingest` and `bollard worker` exist, `work` stands in for the worker: the same
/// claim → map → engine-shaped `StateChange` → commit → integrate loop (`BenchWorker`), with the
/// real EPCIS mapping, GS1 event hashes and RFC 8785 leaves.
struct IngestBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Durable ingestion throughput: submit documents, run worker processes, wait.",
        discussion: """
            STORE is a postgres:// URL or an SQLite file path.

            Example:
              python3 ops/bench/receipt_documents.py 2000 /tmp/receipts
              bollard bench ingest submit --store /tmp/b.sqlite /tmp/receipts
              bollard bench ingest work --store /tmp/b.sqlite --worker w1 &
              bollard bench ingest status --store /tmp/b.sqlite --wait
              ops/bench/ingest.sh 5000     # PostgreSQL 1/2/4 workers, pgbench, SQLite
            """,
        subcommands: [Submit.self, Work.self, Status.self]
    )

    /// The key checkpoints are signed with in benchmarks: fixed, so every worker process of a
    /// run signs for the same log.
    static func signer() throws -> CheckpointSigner {
        try CheckpointSigner(origin: "bench.bollard.example/ingest", seed: Array(repeating: 7, count: 32))
    }

    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Submit every file in DIR (durable intake; not timed as ingestion).")

        @Option(help: "postgres:// URL or SQLite file.") var store: String
        @Option(help: "Concurrent submissions.") var concurrency = 16
        @Argument(help: "Folder of documents.") var directory: String

        func run() async throws {
            let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
            let store = try await StoreLocation(self.store).open()
            let clock = ContinuousClock()
            let start = clock.now
            let dir = directory
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (i, name) in names.enumerated() {
                    if i >= concurrency { try await group.next() }
                    group.addTask {
                        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)))
                        _ = try await store.submit(bytes, metadata: SubmissionMetadata(
                            submitter: "gln:8801234000048", channel: .cli, filename: name, contentType: "application/ld+json"))
                    }
                }
                try await group.waitForAll()
            }
            let seconds = (clock.now - start).seconds
            try await store.close()
            print(#"{"documents":\#(names.count),"seconds":\#(seconds)}"#)
        }
    }

    struct Work: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One worker process: claim, map, commit and integrate until the queue is empty.")

        @Option(help: "postgres:// URL or SQLite file.") var store: String
        @Option(help: "This worker's name (lease holder).") var worker = "bench-\(ProcessInfo.processInfo.processIdentifier)"
        @Option(help: "Documents claimed and committed per transaction.") var batch = 64

        func validate() throws {
            guard batch > 0 else { throw ValidationError("--batch must be positive") }
        }

        func run() async throws {
            let store = try await StoreLocation(self.store).open()
            let report = try await BenchWorker(store: store, name: worker, batch: batch, signer: try IngestBench.signer()).run()
            try await store.close()
            print(report.json)
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Job counts and log sizes; with --wait, once nothing is queued or running and the log is integrated.")

        @Option(help: "postgres:// URL or SQLite file.") var store: String
        @Flag(help: "Poll until drained and integrated.") var wait = false

        func run() async throws {
            let store = try await StoreLocation(self.store).open()
            while true {
                let counts = try await store.jobCounts()
                let sequenced = try await store.sequencedLogSize()
                let integrated = try await store.tiles.readTreeHead()?.size ?? 0
                let checkpoint = try await store.tiles.readCheckpoint().flatMap(TransparencyLog<MemoryTileStore>.checkpointTreeSize) ?? 0
                let drained = counts[.queued, default: 0] == 0 && counts[.running, default: 0] == 0
                if !wait || (drained && integrated == sequenced && checkpoint == integrated) {
                    let jobs = JobState.allCases.map { #""\#($0.rawValue)":\#(counts[$0, default: 0])"# }.joined(separator: ",")
                    print(#"{\#(jobs),"sequenced":\#(sequenced),"integrated":\#(integrated),"checkpoint":\#(checkpoint)}"#)
                    break
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            try await store.close()
        }
    }
}
