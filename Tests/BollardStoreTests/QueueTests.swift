import Foundation
import Testing

@testable import BollardStore

/// The job queue, on every backend.
@Suite struct QueueTests {
    @Test(arguments: TestBackend.selected)
    func claimCompleteReject(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, _ in
            #expect(try await store.claim(worker: "w1", lease: .seconds(30)) == nil)
            let a = try await store.submit(bytes("a"), metadata: meta())
            let b = try await store.submit(bytes("b"), metadata: meta())
            let jobA = try #require(try await store.claim(worker: "w1", lease: .seconds(30)))
            #expect(jobA.id == a.jobID && jobA.documentID == a.documentID && jobA.attempt == 1)
            let jobB = try #require(try await store.claim(worker: "w2", lease: .seconds(30)))
            #expect(jobB.id == b.jobID)
            #expect(try await store.claim(worker: "w3", lease: .seconds(30)) == nil)

            try await store.complete(jobA, outcome: bytes(#"{"ack":"997 accepted"}"#))
            let error = bytes(#"{"code":"badSegment","file":"b","position":"segment 3, element 2"}"#)
            try await store.reject(jobB, error: error)

            let doneA = try #require(try await store.job(a.jobID))
            #expect(doneA.state == .done && doneA.outcome == bytes(#"{"ack":"997 accepted"}"#) && doneA.attempts == 1)
            let rejectedB = try #require(try await store.job(b.jobID))
            #expect(rejectedB.state == .rejected && rejectedB.error == error && rejectedB.worker == "w2")
            #expect(try await store.jobCounts() == [.done: 1, .rejected: 1])

            // Terminal: nothing to claim, and a finished job cannot be finished again.
            #expect(try await store.claim(worker: "w1", lease: .milliseconds(1)) == nil)
            let again = await #expect(throws: StoreError.self) { try await store.complete(jobB, outcome: []) }
            #expect(again?.code == .leaseLost)
            let twice = await #expect(throws: StoreError.self) { try await store.reject(jobA, error: error) }
            #expect(twice?.code == .leaseLost)
        }
    }

    /// The kill -9 case at the store's level: a worker claims and disappears. Its job is not
    /// claimable while the lease runs, is retried by another worker once it expires, and the
    /// dead worker's late commit (a paused process waking up) is refused and changes nothing.
    @Test(arguments: TestBackend.selected)
    func aJobWhoseWorkerDiedIsRetriedAfterItsLease(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, db in
            let s = try await store.submit(bytes("receipt 944"), metadata: meta())
            let survivor = try await db.open()
            let dead = try #require(try await store.claim(worker: "dead", lease: .seconds(2)))
            #expect(try await survivor.claim(worker: "alive", lease: .seconds(30)) == nil)
            // Both backends' clocks are this machine's (PostgreSQL runs on it).
            let remaining = dead.leaseExpiresAt - Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
            try await Task.sleep(for: .milliseconds(max(0, remaining) + 300))
            let retried = try #require(try await survivor.claim(worker: "alive", lease: .seconds(30)))
            #expect(retried.id == s.jobID && retried.attempt == 2 && retried.worker == "alive")

            let before = try await store.dumpAll()
            let late = StateChange(job: dead, outcome: bytes("late"), writes: [ProjectionWrite(.receipts, key: "R1", value: bytes("x"))],
                                   logEntries: [bytes("late record")])
            let error = await #expect(throws: StoreError.self) { try await store.commit(late) }
            #expect(error?.code == .leaseLost)
            let renew = await #expect(throws: StoreError.self) { try await store.renew(dead, lease: .seconds(5)) }
            #expect(renew?.code == .leaseLost)
            #expect(try await store.dumpAll() == before)

            let renewed = try await survivor.renew(retried, lease: .seconds(60))
            #expect(renewed.leaseExpiresAt >= retried.leaseExpiresAt)
            _ = try await survivor.commit(StateChange(job: renewed, outcome: bytes("ok"),
                                                      writes: [ProjectionWrite(.receipts, key: "R1", value: bytes("y"))],
                                                      logEntries: [bytes("record")]))
            #expect(try await store.job(s.jobID)?.state == .done)
            #expect(try await store.row(.receipts, key: "R1") == bytes("y"))
            #expect(try await store.sequencedLogSize() == 1)
            try await survivor.close()
        }
    }

    /// A job that kills its worker every time is rejected after `maxAttempts`, not retried forever.
    @Test(arguments: TestBackend.selected)
    func aPoisonJobIsRejectedAfterMaxAttempts(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, _ in
            let s = try await store.submit(bytes("poison"), metadata: meta())
            for attempt in 1...StoreLimits.maxAttempts {
                let job = try #require(try await store.claim(worker: "w\(attempt)", lease: .milliseconds(20)))
                #expect(job.attempt == attempt)
                try await Task.sleep(for: .milliseconds(40))
            }
            #expect(try await store.claim(worker: "w", lease: .milliseconds(20)) == nil)
            let record = try #require(try await store.job(s.jobID))
            #expect(record.state == .rejected)
            #expect(String(decoding: record.error ?? [], as: UTF8.self).contains("attemptsExhausted"))
        }
    }

    /// Several workers (separate connections, as separate processes) drain one queue: every job
    /// is applied exactly once — none twice, none lost — and the log holds exactly their entries.
    @Test(arguments: TestBackend.selected)
    func concurrentWorkersApplyEveryJobExactlyOnce(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, db in
            let total = 60
            var submitted = [DocumentID: JobID]()
            for i in 0..<total {
                let s = try await store.submit(bytes("manifest \(i)"), metadata: meta())
                submitted[s.documentID] = s.jobID
            }
            var peers = [store]
            for _ in 0..<3 { peers.append(try await db.open()) }
            let applied = try await withThrowingTaskGroup(of: [DocumentID].self) { group in
                for w in 0..<12 {
                    let peer = peers[w % peers.count]
                    group.addTask {
                        var mine = [DocumentID]()
                        while let job = try await peer.claim(worker: "worker-\(w)", lease: .seconds(60)) {
                            let key = job.documentID.hex
                            _ = try await peer.commit(StateChange(
                                job: job, outcome: bytes("ok"),
                                expectations: [RowExpectation(.custodyEvents, key: key, value: nil)],
                                writes: [ProjectionWrite(.custodyEvents, key: key, value: bytes("applied by \(w)"))],
                                index: [IndexEntry(.lot, "LOT-\(key.prefix(2))", eventKey: key)],
                                logEntries: [bytes("event \(key) a"), bytes("event \(key) b")]))
                            mine.append(job.documentID)
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: [DocumentID]()) { $0 += $1 }
            }
            #expect(applied.count == total)
            #expect(Set(applied) == Set(submitted.keys))
            #expect(try await store.jobCounts() == [.done: total])
            #expect(try await store.dump(.projection(.custodyEvents)).rows.count == total)
            #expect(try await store.sequencedLogSize() == UInt64(2 * total))
            // The journal is contiguous: each commit's batch starts where the previous ended.
            let batches = try await store.tiles.readSequencedBatches()
            #expect(batches.count == total)
            var next: UInt64 = 0
            for b in batches {
                #expect(b.firstIndex == next && b.entries.count == 2)
                next = b.endIndex
            }
            for p in peers.dropFirst() { try await p.close() }
        }
    }
}

/// Batch claims, on every backend.
@Suite struct BatchClaimTests {
    /// Workers claiming up to 7 jobs at a time from several connections: no job is leased twice,
    /// each batch completes in one commit, and every job ends done exactly once.
    @Test(arguments: TestBackend.selected)
    func batchClaimersNeverShareAJob(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, db in
            let total = 50
            for i in 0..<total { _ = try await store.submit(bytes("receipt \(i)"), metadata: meta()) }
            #expect(try await store.claim(worker: "w", lease: .seconds(1), limit: 0).isEmpty)
            let peers = [store, try await db.open(), try await db.open()]
            let claimed = try await withThrowingTaskGroup(of: [JobID].self) { group in
                for w in 0..<6 {
                    let peer = peers[w % peers.count]
                    group.addTask {
                        var mine = [JobID]()
                        while true {
                            let jobs = try await peer.claim(worker: "w\(w)", lease: .seconds(60), limit: 7)
                            if jobs.isEmpty { break }
                            #expect(jobs.count <= 7 && jobs.map(\.id) == jobs.map(\.id).sorted())
                            _ = try await peer.commit(jobs.map { job in
                                StateChange(job: job, outcome: bytes("ok"),
                                            writes: [ProjectionWrite(.receipts, key: job.documentID.hex, value: bytes("w\(w)"))],
                                            logEntries: [bytes(job.documentID.hex)])
                            })
                            mine += jobs.map(\.id)
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: [JobID]()) { $0 += $1 }
            }
            #expect(claimed.count == total && Set(claimed).count == total)
            #expect(try await store.jobCounts() == [.done: total])
            #expect(try await store.sequencedLogSize() == UInt64(total))
            for p in peers.dropFirst() { try await p.close() }
        }
    }

    @Test func storeLocationsPickTheBackend() {
        #expect(StoreLocation("postgres://u@h/db") == .postgres(url: "postgres://u@h/db"))
        #expect(StoreLocation("postgresql://u@h/db") == .postgres(url: "postgresql://u@h/db"))
        #expect(StoreLocation("/var/lib/bollard/bollard.sqlite") == .sqlite(path: "/var/lib/bollard/bollard.sqlite"))
    }
}

@Suite struct PostgresURLTests {
    @Test func urlsAreReadAndPasswordsNeverPrinted() throws {
        let config = try PostgresURL.configuration("postgres://bollard:s%40cret@db.example:6543/ledger?sslmode=disable")
        #expect(config.host == "db.example" && config.port == 6543)
        #expect(config.username == "bollard" && config.password == "s@cret" && config.database == "ledger")
        #expect(PostgresURL.redacted("postgres://bollard:secret@db.example/ledger") == "postgres://bollard:xxxxx@db.example/ledger")
        for bad in ["mysql://u@h/db", "postgres://db.example/ledger", "not a url"] {
            let error = #expect(throws: StoreError.self) { try PostgresURL.configuration(bad) }
            #expect(error?.code == .configuration)
        }
    }
}
