import Foundation
import Testing

@testable import BollardStore

/// Rough durable rates (not a timed test: it checks the work was done, and prints the rate).
/// The full benchmark is ops/bench/ingest.sh.
@Suite struct InsertRateTests {
    @Test(arguments: TestBackend.selected)
    func durableSubmitsAndCommits(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, _ in
            let n = 300
            let clock = ContinuousClock()
            let t0 = clock.now
            for i in 0..<n { _ = try await store.submit(bytes("receipt document \(i)"), metadata: meta()) }
            let submitTime = clock.now - t0
            let t1 = clock.now
            for i in 0..<n {
                _ = try await store.commit([StateChange(
                    writes: (0..<5).map { ProjectionWrite(.custodyEvents, key: "E-\(i)-\($0)", value: bytes("event")) },
                    logEntries: (0..<5).map { bytes("record \(i) \($0)") })])
            }
            let commitTime = clock.now - t1
            #expect(try await store.jobCounts() == [.queued: n])
            #expect(try await store.sequencedLogSize() == UInt64(5 * n))
            // Group commit: 40 changes of 5 records per transaction.
            let batches = 15
            let t2 = clock.now
            for b in 0..<batches {
                _ = try await store.commit((0..<40).map { c in StateChange(
                    writes: (0..<5).map { ProjectionWrite(.custodyEvents, key: "B-\(b)-\(c)-\($0)", value: bytes("event")) },
                    index: (0..<5).map { IndexEntry(.lot, "LOT-\(c)", eventKey: "B-\(b)-\(c)-\($0)") },
                    logEntries: (0..<5).map { bytes("record \(b) \(c) \($0)") }) })
            }
            let batchTime = clock.now - t2
            #expect(try await store.sequencedLogSize() == UInt64(5 * n + batches * 200))
            // 8 concurrent submitters (PostgreSQL shares WAL flushes between concurrent commits).
            let t3 = clock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for t in 0..<8 {
                    group.addTask { for i in 0..<40 { _ = try await store.submit(bytes("concurrent \(t) \(i)"), metadata: meta()) } }
                }
                try await group.waitForAll()
            }
            let concurrentTime = clock.now - t3
            #expect(try await store.jobCounts() == [.queued: n + 320])
            let t4 = clock.now
            let head = try await LogIntegration.integrate(store, signer: TestSigner(), holder: "rate")
            let integrateTime = clock.now - t4
            #expect(head?.size == UInt64(5 * n + batches * 200))
            let seconds = { (d: Duration) in Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
            print("[rate] \(backend): \(Int(Double(n) / seconds(submitTime))) durable submits/s; "
                + "\(Int(Double(n) / seconds(commitTime))) durable commits/s of 5 records (\(Int(Double(5 * n) / seconds(commitTime))) records/s); "
                + "batched 40 per commit: \(Int(Double(batches * 200) / seconds(batchTime))) records/s; "
                + "8 concurrent submitters: \(Int(320 / seconds(concurrentTime))) submits/s; "
                + "integrating \(5 * n + batches * 200) journaled entries (\(n + batches * 40) commits): \(Int(1000 * seconds(integrateTime))) ms")
        }
    }
}
