import BollardIngest
import BollardLedger
import BollardLog
import BollardStore
import Foundation
import Testing

/// `bollard ingest --no-wait`, `bollard worker` and `bollard status --wait` as ops/bench/ingest.sh
/// drives them, on a data folder an older version left a ledger file in.
@Suite(.serialized)
struct WorkerCommandTests {
    @Test func aWorkerDrainsTheQueueImportsTheOldLedgerAndStopsCleanlyOnSIGTERM() async throws {
        let data = DemoTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: data) }
        let target = ["--data", data.path]

        // A fresh folder (keys created), then the ledger file an older bollard kept beside them.
        let empty = try DemoTests.bollard(["status", "--json"] + target)
        #expect(empty.status == 0, "\(empty.output)")
        let ledgerKey = try SignerKey(parsing: String(contentsOf: data.appendingPathComponent("ledger.key"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines))
        let oldRecords = try await Self.writeOldLedger(data.appendingPathComponent("ledger").path, key: ledgerKey)

        let docs = try GeneratedDocuments.write(count: 40, to: data.appendingPathComponent("docs"))
        let queued = try DemoTests.bollard(["ingest", "--no-wait", "--json", "--concurrency", "4", "--submitter", GeneratedDocuments.submitter]
            + target + docs.map(\.path))
        #expect(queued.status == 0, "\(queued.output)")
        #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("ledger").path))
        #expect(FileManager.default.fileExists(atPath: data.appendingPathComponent("ledger.imported").path))

        let worker = try BollardProcess(["worker", "--batch", "4", "--poll", "20", "--anchor-every", "7", "--json"] + target)
        try await worker.waitForLog(containing: "worker serving")
        let status = try DemoTests.bollard(["status", "--wait", "--json", "--timeout", "120"] + target)
        #expect(status.status == 0, "\(status.output)")
        let counts = try #require(try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Int], "\(status.output)")
        let records = 40 * GeneratedDocuments.eventsPerDocument
        #expect(counts == ["queued": 0, "running": 0, "done": 40, "rejected": 0, "sequenced": records, "integrated": records,
                           "checkpoint": records])

        #expect(worker.terminate() == 0, "\(worker.log)")
        let log = worker.log
        #expect(!log.contains("CancellationError") && !log.contains("shutdown incomplete"), "\(log)")
        #expect(log.contains("totals: "), "\(log)")
        let line = try #require(log.split(separator: "\n").last { $0.hasPrefix("{") }, "no JSON totals: \(log)")
        let totals = try JSONDecoder().decode(WorkerStatistics.self, from: Data(line.utf8))
        #expect(totals.applied == 40 && totals.refused == 0 && totals.records == records && totals.leasesLost == 0, "\(totals)")

        // The ledger carries on from the imported records, in the store.
        let store = try SQLiteStore(path: data.appendingPathComponent("bollard.sqlite").path)
        let stored = try await store.ledgerRecords(from: 0)
        #expect(stored.count > oldRecords.count && Array(stored.prefix(oldRecords.count)) == oldRecords)
        let chain = try LocalLedger.verifyChain(stored, ledgerKey: ledgerKey.verifierKey)
        let anchored = chain.dropFirst(oldRecords.count).map(\.record)
        #expect(!anchored.isEmpty && anchored.allSatisfy { $0.origin == "bollard.example/busan-bonded-1" && $0.size <= UInt64(records) })
        try await store.close()
    }

    /// Two anchors of another log of sizes 1 and 2, as an older bollard's file ledger holds them.
    static func writeOldLedger(_ path: String, key: SignerKey) async throws -> [[UInt8]] {
        let file = try FileLedgerStore.open(path: path)
        let ledger = try await LocalLedger.open(store: file, key: key)
        let signer = try CheckpointSigner(origin: "bollard.example/older-log", seed: [UInt8](repeating: 3, count: 32))
        for size in UInt64(1)...2 {
            let root = try #require(MerkleHash(bytes: [UInt8](repeating: UInt8(size), count: 32)))
            _ = try await ledger.submit(try AnchorSubmission(signedNote: try signer.signedCheckpoint(size: size, root: root)))
        }
        return try await file.readAll()
    }
}
