import ArgumentParser
import BollardLog
import BollardStore
import Foundation

/// `bollard status`: the queue's job counts and the log's sizes, for operators and scripts;
/// `--wait` blocks until the queue is empty and the log integrated and checkpointed up to the
/// last sequenced record (what ops/bench/ingest.sh times).
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Job counts and log sizes; --wait blocks until the queue is empty and the log integrated.",
        discussion: """
            sequenced: log entries committed with their state changes; integrated: entries in
            the log's tiles; checkpoint: the size of the latest signed checkpoint. With --wait,
            prints once nothing is queued or running and integrated = checkpoint = sequenced
            (the workers do the work: start them with `bollard worker`).

            Example:
              bollard ingest --no-wait --json --data /var/tmp/b receipts/
              bollard worker --data /var/tmp/b &
              bollard status --data /var/tmp/b --wait --json
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Wait until the queue is empty and the log integrated and checkpointed.")
    var wait = false

    @Option(help: "With --wait, give up (exit status 1) after this many seconds; 0 waits for ever.")
    var timeout = 0

    @Option(help: "With --wait, milliseconds between polls.")
    var poll = 50

    @Flag(help: "Print the status as JSON.")
    var json = false

    struct Status: Codable, Equatable {
        var queued: Int
        var running: Int
        var done: Int
        var rejected: Int
        var sequenced: UInt64
        var integrated: UInt64
        var checkpoint: UInt64

        var drained: Bool { queued == 0 && running == 0 && integrated == sequenced && checkpoint == sequenced }
    }

    func run() async throws {
        let dir = try await storeOptions.open()
        do {
            try await report(dir.store)
        } catch {
            try? await dir.store.close()
            throw error
        }
        try await dir.store.close()
    }

    private func report<S: Store>(_ store: S) async throws {
        let deadline = timeout > 0 ? ContinuousClock.now + .seconds(timeout) : nil
        while true {
            // Polls count live jobs only (an index read); the report counts every job.
            let status = try await Self.status(store, live: wait)
            if !wait || status.drained {
                try print(wait ? try await Self.status(store) : status)
                return
            }
            if let deadline, ContinuousClock.now >= deadline {
                try print(status)
                FileHandle.standardError.write(Data("bollard status: still \(status.queued) queued, \(status.running) running after \(timeout) s\n".utf8))
                throw ExitCode.failure
            }
            try await Task.sleep(for: .milliseconds(max(1, poll)))
        }
    }

    static func status<S: Store>(_ store: S, live: Bool = false) async throws -> Status {
        let counts = live ? try await store.liveJobCounts() : try await store.jobCounts()
        let sequenced = try await store.sequencedLogSize()
        let integrated = try await store.tiles.readTreeHead()?.size ?? 0
        let checkpoint = try await store.tiles.readCheckpoint().flatMap(TransparencyLog<MemoryTileStore>.checkpointTreeSize) ?? 0
        return Status(queued: counts[.queued, default: 0], running: counts[.running, default: 0], done: counts[.done, default: 0],
                      rejected: counts[.rejected, default: 0], sequenced: sequenced, integrated: integrated, checkpoint: checkpoint)
    }

    private func print(_ s: Status) throws {
        if json { return try printCompactJSON(s) }
        Swift.print("jobs: \(s.queued) queued, \(s.running) running, \(s.done) done, \(s.rejected) rejected")
        Swift.print("log: \(s.sequenced) sequenced, \(s.integrated) integrated, checkpoint at \(s.checkpoint)")
    }
}
