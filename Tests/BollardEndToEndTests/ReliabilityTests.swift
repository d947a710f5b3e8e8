import BollardIngest
import BollardLedger
import BollardLog
import BollardStore
import BollardTestSupport
import Foundation
import Testing

/// Issue #4 "Reliability", with real `bollard worker` processes.
@Suite(.serialized)
struct ReliabilityTests {
    /// kill -9 of workers at random points, repeated: afterwards no acknowledged document is
    /// missing, none is applied twice, every earlier checkpoint is consistent with the latest,
    /// and the audit is clean.
    @Test(arguments: PostgresTestGate.backends)
    func killedWorkersLoseNothingAndApplyNothingTwice(backend: String) async throws {
        let data = DemoTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: data) }
        var target = ["--data", data.path]
        var database: (server: String, name: String)?
        let store: any Store
        if backend == "postgres" {
            let server = try #require(ProcessInfo.processInfo.environment["BOLLARD_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 },
                                      "BOLLARD_TEST_POSTGRES_URL is not set: run ops/test (it starts a PostgreSQL cluster)")
            let name = "bollard_kill_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12))"
            let url = try await PostgresAdmin.createDatabase(serverURL: server, name: name)
            database = (server, name)
            target += ["--postgres", url]
            store = try await PostgresStore(url: url)
        } else {
            try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
            store = try SQLiteStore(path: data.appendingPathComponent("bollard.sqlite").path)
        }
        try await killAndRecover(data: data, target: target, store: store)
        try await store.close()
        if let database { try? await PostgresAdmin.dropDatabase(serverURL: database.server, name: database.name) }
    }

    func killAndRecover<S: Store>(data: URL, target: [String], store: S) async throws {
        let documents = 120
        let files = try GeneratedDocuments.write(count: documents, to: data.appendingPathComponent("in"))
        let submit = try DemoTests.bollard(["ingest"] + target + ["--no-wait", "--json", "--submitter", GeneratedDocuments.submitter]
            + files.map(\.path))
        #expect(submit.status == 0, "\(submit.output)")
        let acknowledged = try #require(try JSONSerialization.jsonObject(with: Data(submit.output.utf8)) as? [[String: String]])
        #expect(acknowledged.count == documents)

        let worker = ["worker"] + target + ["--batch", "3", "--lease", "2", "--poll", "20", "--anchor-every", "7"]
        var checkpoints: [[UInt8]] = []
        var rng = SystemRandomNumberGenerator()
        for round in 0..<6 {
            let workers = try (0..<(round % 2 + 1)).map { _ in try BollardProcess(worker) }
            for w in workers { try await w.waitForLog(containing: "worker serving") }
            try await Task.sleep(for: .milliseconds(Int.random(in: 150...700, using: &rng)))
            for w in workers { w.kill9() }
            if let note = try await store.tiles.readCheckpoint(), checkpoints.last != note { checkpoints.append(note) }
        }
        // One last worker finishes the queue (after the dead workers' leases expire) and stops
        // gracefully on SIGTERM.
        let last = try BollardProcess(worker)
        try await last.waitForLog(containing: "worker serving")
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            let counts = try await store.jobCounts()
            if let note = try await store.tiles.readCheckpoint(), checkpoints.last != note { checkpoints.append(note) }
            if (counts[.queued] ?? 0) + (counts[.running] ?? 0) == 0 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(last.terminate() == 0, "\(last.log)")

        let counts = try await store.jobCounts()
        #expect(counts[.done] == documents, "\(counts)")
        #expect((counts[.rejected] ?? 0) == 0)
        // Each document's events are in the log exactly once.
        let expected = UInt64(documents * GeneratedDocuments.eventsPerDocument)
        #expect(try await store.sequencedLogSize() == expected)
        let events = try await store.dump(.projection(.custodyEvents)).rows
        #expect(events.count == Int(expected))
        var perDocument: [String: Int] = [:]
        for row in events {
            let (_, event) = try CustodyRecord.decode(row.value, index: 0)
            perDocument[event.sourcePointer.documentSHA256, default: 0] += 1
        }
        #expect(perDocument.count == documents)
        #expect(perDocument.values.allSatisfy { $0 == GeneratedDocuments.eventsPerDocument })
        for ack in acknowledged { #expect(perDocument[ack["document"] ?? ""] == GeneratedDocuments.eventsPerDocument) }

        // Every checkpoint seen along the way is a prefix of the final tree.
        let key = try String(contentsOf: data.appendingPathComponent("log.key"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let vkey = try VerifierKey(parsing: String(contentsOf: data.appendingPathComponent("log.pub"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines))
        let checkpointRun = try DemoTests.bollard(["checkpoint"] + target)
        let final = try Checkpoint.open(Array(checkpointRun.output.utf8), verifiers: NoteVerifiers([vkey.verifier()]))
        #expect(final.size == expected)
        let log = try await TransparencyLog.open(store: store.tiles, signer: try CheckpointSigner(skey: key))
        #expect(!checkpoints.isEmpty)
        for note in checkpoints {
            let earlier = try Checkpoint.open(note, verifiers: NoteVerifiers([vkey.verifier()]))
            let proof = try await log.consistencyProof(size1: earlier.size, size2: final.size)
            try proof.verify(root1: earlier.root, root2: final.root)
        }

        // The workers anchored along the way (every 7 entries): a valid chain of growing sizes.
        let ledgerKey = try SignerKey(parsing: String(contentsOf: data.appendingPathComponent("ledger.key"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines))
        let anchors = try await Self.anchors(store, key: ledgerKey)
        #expect(!anchors.isEmpty)
        // The ledger is in the store, shared by every worker process, not a file beside it.
        #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("ledger").path))
        #expect(zip(anchors, anchors.dropFirst()).allSatisfy { $0.size < $1.size })
        #expect(anchors.allSatisfy { $0.size <= final.size })

        let audit = try DemoTests.bollard(["audit"] + target)
        #expect(audit.status == 0, "\(audit.output)")
    }

    static func anchors<S: Store>(_ store: S, key: SignerKey) async throws -> [AnchorStatus] {
        try await StoreLedger(store: store, key: key).anchors()
    }

    /// 50 concurrent attempts to pledge one receipt, applied by three worker processes on one
    /// PostgreSQL database: exactly one wins.
    @Test(.enabled(if: !PostgresTestGate.explicitlySkipped, "BOLLARD_TEST_POSTGRES=skip outside CI"))
    func fiftyPledgesAcrossWorkerProcessesOnPostgreSQLExactlyOneWins() async throws {
        let env = ProcessInfo.processInfo.environment
        let server = try #require(env["BOLLARD_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 },
                                  "BOLLARD_TEST_POSTGRES_URL is not set: run ops/test (it starts a PostgreSQL cluster)")
        let name = "bollard_e2e_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12))"
        let url = try await PostgresAdmin.createDatabase(serverURL: server, name: name)
        let data = DemoTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: data) }
        let target = ["--data", data.path, "--postgres", url]

        let story = try FileManager.default.contentsOfDirectory(atPath: BollardTestSupportRoot.packageRoot.path + "/fixtures/busan/epcis")
            .filter { $0.hasSuffix(".jsonld") && Int($0.prefix(2)).map { $0 <= 9 } == true }.sorted().map { "fixtures/busan/epcis/" + $0 }
        let setup = try DemoTests.bollard(["ingest"] + target + story)
        #expect(setup.status == 0, "\(setup.output)")

        let pledges = data.appendingPathComponent("pledges")
        try FileManager.default.createDirectory(at: pledges, withIntermediateDirectories: true)
        for i in 0..<50 {
            let ms = String(format: "%03d", i)
            let text = """
                {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",{"bollard":"https://ns.bollard.dev/epcis/"}],
                 "type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-03-02T10:00:00.000+09:00",
                 "epcisBody":{"eventList":[{"type":"TransactionEvent","eventTime":"2026-03-02T10:00:00.\(ms)+09:00",
                  "eventTimeZoneOffset":"+09:00","action":"ADD","bizStep":"https://ns.bollard.dev/epcis/bizstep/pledging",
                  "bizTransactionList":[{"type":"https://ns.bollard.dev/epcis/btt/warehouse_receipt",
                    "bizTransaction":"urn:epcglobal:cbv:bt:8801234000048:WR-W1-0102"}],"bollard:lender":"98450012SUYE00000057"}]}}
                """
            try Data(text.utf8).write(to: pledges.appendingPathComponent("pledge-\(ms).jsonld"))
        }
        let queued = try DemoTests.bollard(["ingest"] + target + ["--no-wait", "--submitter", "lei:98450012SUYE00000057", pledges.path])
        #expect(queued.status == 0, "\(queued.output)")

        let workers = try (0..<3).map { _ in try BollardProcess(["worker"] + target + ["--batch", "2", "--poll", "10"]) }
        for w in workers { try await w.waitForLog(containing: "worker serving") }
        let store = try await PostgresStore(url: url)
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            let counts = try await store.jobCounts()
            if (counts[.queued] ?? 0) + (counts[.running] ?? 0) == 0 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        for w in workers { #expect(w.terminate() == 0, "\(w.log)") }
        let counts = try await store.jobCounts()
        #expect(counts[.done] == 9 + 1, "\(counts)")
        #expect(counts[.rejected] == 49, "\(counts)")
        #expect(try await store.row(.pledges, key: "8801234000048/WR-W1-0102") == Array(#"{"lender":"98450012SUYE00000057"}"#.utf8))
        // Every worker process took part.
        let served = workers.filter { $0.log.contains("applied") || $0.log.contains("refused") }.count
        #expect(served >= 2, "only \(served) of 3 workers processed a job")
        try await store.close()
        let audit = try DemoTests.bollard(["audit"] + target)
        #expect(audit.status == 0, "\(audit.output)")
        try? await PostgresAdmin.dropDatabase(serverURL: server, name: name)
    }
}
