import Foundation
import Testing

@testable import BollardStore

/// Projections, expectations and atomic commits, on every backend.
@Suite struct StateTests {
    /// Rule 2 under contention: 50 workers (several connections) try to pledge one receipt at
    /// once, each having read it unpledged. Exactly one commit wins; the rest are refused.
    @Test(arguments: TestBackend.selected)
    func fiftyConcurrentPledgesOfOneReceiptExactlyOneWins(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, db in
            var peers = [store]
            for _ in 0..<4 { peers.append(try await db.open()) }
            let outcomes = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
                for i in 0..<50 {
                    let peer = peers[i % peers.count]
                    group.addTask {
                        do {
                            _ = try await peer.commit(StateChange(
                                expectations: [RowExpectation(.pledges, key: "KRPUS-WH1/R-001", value: nil)],
                                writes: [ProjectionWrite(.pledges, key: "KRPUS-WH1/R-001", value: bytes("lender-\(i)"))],
                                logEntries: [bytes(#"{"pledge":"R-001","lender":"lender-\#(i)"}"#)]))
                            return (i, true)
                        } catch let error as StoreError where error.code == .conflict {
                            return (i, false)
                        }
                    }
                }
                return try await group.reduce(into: [(Int, Bool)]()) { $0.append($1) }
            }
            let winners = outcomes.filter(\.1).map(\.0)
            #expect(winners.count == 1)
            let winner = try #require(winners.first)
            #expect(try await store.row(.pledges, key: "KRPUS-WH1/R-001") == bytes("lender-\(winner)"))
            #expect(try await store.sequencedLogSize() == 1)
            #expect(try await store.tiles.readSequencedBatches().map(\.entries)
                == [[bytes(#"{"pledge":"R-001","lender":"lender-\#(winner)"}"#)]])
            for p in peers.dropFirst() { try await p.close() }
        }
    }

    /// A key range comes back whole and in order, bounds half-open, and nothing outside it.
    @Test(arguments: TestBackend.selected)
    func aKeyRangeIsReadInOneQueryInKeyOrder(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, _ in
            func key(_ n: Int) -> String { String(repeating: "0", count: 16 - String(n).count) + String(n) }
            // Written out of order, in two commits, with a neighbouring table holding the same keys.
            for n in [7, 3, 12, 0, 9, 10, 11, 1, 2, 4, 5, 6, 8] {
                _ = try await store.commit(StateChange(writes: [ProjectionWrite(.custodyEvents, key: key(n), value: bytes("event \(n)")),
                                                                ProjectionWrite(.lots, key: key(n), value: bytes("lot \(n)"))]))
            }
            let rows = try await store.rows(.custodyEvents, from: key(2), to: key(10))
            #expect(rows.map(\.key) == (2..<10).map(key))
            #expect(rows.map(\.value) == (2..<10).map { bytes("event \($0)") })
            #expect(try await store.rows(.custodyEvents, from: key(12), to: key(13)).map(\.key) == [key(12)])
            #expect(try await store.rows(.custodyEvents, from: key(13), to: key(99)).isEmpty)
            #expect(try await store.rows(.custodyEvents, from: key(5), to: key(5)).isEmpty)
        }
    }

    /// A refused operation changes nothing in any table: a failed expectation, a stale log size,
    /// a lost lease and an oversized entry, each in a multi-change commit whose earlier changes
    /// were fine.
    @Test(arguments: TestBackend.selected)
    func aRefusedCommitChangesNothingInAnyTable(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, _ in
            _ = try await store.commit(StateChange(writes: [ProjectionWrite(.receipts, key: "R-1", value: bytes("live"))],
                                                   logEntries: [bytes("issued R-1")]))
            _ = try await store.submit(bytes("doc"), metadata: meta())
            let job = try #require(try await store.claim(worker: "w", lease: .seconds(30)))
            let good = StateChange(writes: [ProjectionWrite(.lots, key: "LOT-9", value: bytes("lot"))],
                                   index: [IndexEntry(.container, "MSCU1234566", eventKey: "e9")],
                                   logEntries: [bytes("lot 9")])
            let before = try await store.dumpAll()

            let refusals: [(StateChange, StoreError.Code)] = [
                (StateChange(job: job, expectations: [RowExpectation(.receipts, key: "R-1", value: bytes("released"))],
                             writes: [ProjectionWrite(.receipts, key: "R-1", value: nil)], logEntries: [bytes("x")]), .conflict),
                (StateChange(job: job, expectations: [RowExpectation(.pledges, key: "R-1", value: bytes("someone"))]), .conflict),
                (StateChange(job: job, expectedLogSize: 0, writes: [ProjectionWrite(.lots, key: "LOT-1", value: bytes("v"))]), .conflict),
                (StateChange(job: ClaimedJob(id: job.id, documentID: job.documentID, worker: "w", attempt: 7, leaseExpiresAt: 0),
                             writes: [ProjectionWrite(.lots, key: "LOT-1", value: bytes("v"))]), .leaseLost),
                (StateChange(job: job, logEntries: [[UInt8](repeating: 1, count: 70_000)]), .invalidArgument),
            ]
            for (refused, code) in refusals {
                let error = await #expect(throws: StoreError.self) { try await store.commit([good, refused]) }
                #expect(error?.code == code)
                #expect(try await store.dumpAll() == before, "after a refusal with \(code)")
            }
            // The job is still leased and can complete.
            _ = try await store.commit([good, StateChange(job: job, outcome: bytes("ok"), expectedLogSize: 2)])
            #expect(try await store.job(job.id)?.state == .done)
            #expect(try await store.sequencedLogSize() == 2)
        }
    }

    /// A document refused for bad input changes nothing but its own job row (now rejected, with
    /// its error): no state, no index, no log entry.
    @Test(arguments: TestBackend.selected)
    func aRejectedDocumentChangesOnlyItsJob(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, _ in
            _ = try await store.commit(StateChange(writes: [ProjectionWrite(.lots, key: "LOT-1", value: bytes("v"))],
                                                   logEntries: [bytes("e")]))
            let s = try await store.submit(bytes("UNA:+.? 'UNB+UNOC:3+bad"), metadata: meta())
            let job = try #require(try await store.claim(worker: "w", lease: .seconds(30)))
            let before = try await store.dumpAll()
            try await store.reject(job, error: bytes(#"{"code":"truncatedInterchange","position":"segment 2"}"#))
            let after = try await store.dumpAll()
            for (b, a) in zip(before, after) where b.table != .jobs {
                #expect(a == b, "\(a.table) changed")
            }
            #expect(try await store.job(s.jobID)?.state == .rejected)
        }
    }

    /// PostgreSQL sends each group's keys as one comma-joined text unless a key holds a comma
    /// (or is empty); then the keys travel as a flat array and are gathered per group. Both
    /// routes, in one commit and across commits, give every key once, in order.
    @Test(arguments: TestBackend.selected)
    func custodyIndexKeysWithAndWithoutCommas(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, _ in
            _ = try await store.commit(StateChange(index: [
                IndexEntry(.lot, "LOT-1", eventKey: "0000000000000002"), IndexEntry(.lot, "LOT-1", eventKey: "0000000000000001"),
                IndexEntry(.lot, "LOT-1", eventKey: "0000000000000002"), IndexEntry(.date, "2026-12-05", eventKey: "0000000000000001"),
            ]))
            _ = try await store.commit(StateChange(index: [
                IndexEntry(.lot, "LOT-1", eventKey: "k,3"), IndexEntry(.lot, "LOT-2", eventKey: "k,4"),
                IndexEntry(.lot, "LOT-2", eventKey: "k,0"), IndexEntry(.date, "2026-12-05", eventKey: "0000000000000005"),
            ]))
            #expect(try await store.eventKeys(.lot, "LOT-1") == ["0000000000000001", "0000000000000002", "k,3"])
            #expect(try await store.eventKeys(.lot, "LOT-2") == ["k,0", "k,4"])
            #expect(try await store.eventKeys(.date, "2026-12-05") == ["0000000000000001", "0000000000000005"])
        }
    }

    @Test(arguments: TestBackend.selected)
    func writesDeletesAndTheCustodyIndex(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, _ in
            let r = try await store.commit(StateChange(
                expectedLogSize: 0,
                writes: [ProjectionWrite(.lots, key: "LOT-1", value: bytes("gold bar 1")),
                         ProjectionWrite(.custodyEvents, key: "e1", value: bytes("arrived")),
                         ProjectionWrite(.custodyEvents, key: "e2", value: bytes("received")),
                         ProjectionWrite(.stateSnapshot, key: "engine", value: [0, 1, 2, 255]),
                         ProjectionWrite(.receipts, key: "R-empty", value: [], creates: true),
                         ProjectionWrite(.receipts, key: "R-binary", value: Array(0...255), creates: true)],
                index: [IndexEntry(.lot, "LOT-1", eventKey: "e2"), IndexEntry(.lot, "LOT-1", eventKey: "e1"),
                        IndexEntry(.container, "MSCU1234566", eventKey: "e1"), IndexEntry(.billOfLading, "BL-7", eventKey: "e1"),
                        IndexEntry(.hsCode, "710812", eventKey: "e2"), IndexEntry(.date, "2026-11-20", eventKey: "e2"),
                        IndexEntry(.receipt, "WH1/R-1", eventKey: "e2")],
                logEntries: [bytes("e1"), bytes("e2")]))
            #expect(r == CommitResult(firstLogIndex: 0, logCount: 2))
            #expect(try await store.eventKeys(.lot, "LOT-1") == ["e1", "e2"])
            #expect(try await store.eventKeys(.container, "MSCU1234566") == ["e1"])
            #expect(try await store.eventKeys(.hsCode, "710812") == ["e2"])
            #expect(try await store.eventKeys(.lot, "LOT-2") == [])
            #expect(try await store.row(.stateSnapshot, key: "engine") == [0, 1, 2, 255])
            // Every byte value and the empty value come back as written (bytea arrays on PostgreSQL).
            #expect(try await store.row(.receipts, key: "R-empty") == [])
            #expect(try await store.row(.receipts, key: "R-binary") == Array(0...255))

            let r2 = try await store.commit(StateChange(
                expectations: [RowExpectation(.lots, key: "LOT-1", value: bytes("gold bar 1"))],
                expectedLogSize: 2,
                writes: [ProjectionWrite(.lots, key: "LOT-1", value: nil), ProjectionWrite(.lots, key: "LOT-2", value: bytes("split"))],
                logEntries: [bytes("e3")]))
            #expect(r2 == CommitResult(firstLogIndex: 2, logCount: 1))
            #expect(try await store.row(.lots, key: "LOT-1") == nil)
            #expect(try await store.row(.lots, key: "LOT-2") == bytes("split"))
            // A batch of changes gets consecutive indices.
            let rs = try await store.commit([StateChange(logEntries: [bytes("a")]), StateChange(),
                                             StateChange(logEntries: [bytes("b"), bytes("c")])])
            #expect(rs.map(\.firstLogIndex) == [3, 4, 4] && rs.map(\.logCount) == [1, 0, 2])
            #expect(try await store.sequencedLogSize() == 6)
        }
    }

    /// Writes that create rows (`ProjectionWrite.creates`, inserted without a conflict check):
    /// within one commit a created row may be updated, or deleted again (nothing is written),
    /// and a deleted row created again; the final rows are as with plain writes. A created row
    /// that is already there (put in behind the store's back) refuses the whole commit with its
    /// table, and changes nothing.
    @Test(arguments: TestBackend.selected)
    func createdRowsAreInsertedAndAnExistingOneRefusesTheCommit(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, _ in
            _ = try await store.commit(StateChange(writes: [ProjectionWrite(.lots, key: "LOT-OLD", value: bytes("old"), creates: true)]))
            _ = try await store.commit([
                StateChange(writes: [ProjectionWrite(.lots, key: "LOT-1", value: bytes("new"), creates: true),
                                     ProjectionWrite(.lots, key: "LOT-2", value: bytes("short-lived"), creates: true),
                                     ProjectionWrite(.lots, key: "LOT-OLD", value: nil)],
                            logEntries: [bytes("e0")]),
                StateChange(writes: [ProjectionWrite(.lots, key: "LOT-1", value: bytes("updated")),
                                     ProjectionWrite(.lots, key: "LOT-2", value: nil),
                                     ProjectionWrite(.lots, key: "LOT-OLD", value: bytes("again"), creates: true),
                                     ProjectionWrite(.discrepancies, key: "d/1", value: bytes("gap"), creates: true)],
                            logEntries: [bytes("e1")]),
            ])
            #expect(try await store.row(.lots, key: "LOT-1") == bytes("updated"))
            #expect(try await store.row(.lots, key: "LOT-2") == nil)
            #expect(try await store.row(.lots, key: "LOT-OLD") == bytes("again"))
            #expect(try await store.row(.discrepancies, key: "d/1") == bytes("gap"))
            #expect(try await store.sequencedLogSize() == 2)

            let raw = try #require(store as? any RawSQLExecutable)
            try await raw.executeRaw("INSERT INTO p_lots (key, value) SELECT 'LOT-FORGED', value FROM p_lots WHERE key = 'LOT-1'")
            let before = try await store.dump(.projection(.lots))
            do {
                _ = try await store.commit(StateChange(
                    expectedLogSize: 2,
                    writes: [ProjectionWrite(.lots, key: "LOT-3", value: bytes("fine"), creates: true),
                             ProjectionWrite(.lots, key: "LOT-FORGED", value: bytes("real"), creates: true)],
                    logEntries: [bytes("e2")]))
                Issue.record("a created row that was already there was overwritten")
            } catch let error as StoreError {
                #expect(error.code == .corruptRow && error.context.contains("p_lots"), "\(error)")
            }
            #expect(try await store.dump(.projection(.lots)) == before)
            #expect(try await store.sequencedLogSize() == 2)
        }
    }

    /// A change that only writes the state snapshot takes no place in the log's order: it
    /// commits while another connection holds the sequence (a worker writes a large snapshot in
    /// the background without stopping the others' commits).
    @Test(arguments: TestBackend.selected)
    func aSnapshotIsWrittenWhileTheSequenceIsHeld(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, db in
            let peer = try await db.open()
            _ = try await store.commitSequenced { _ in
                let snapshot = Task {
                    try await peer.commit(StateChange(writes: [ProjectionWrite(.stateSnapshot, key: "engine", value: bytes("state"))]))
                }
                // Bounded: a snapshot that waits for the sequence fails the test, not hangs it
                // (refusing this commit releases the sequence).
                let deadline = ContinuousClock.now + .seconds(10)
                while try await peer.row(.stateSnapshot, key: "engine") == nil, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(20))
                }
                guard try await peer.row(.stateSnapshot, key: "engine") != nil else {
                    throw StoreError(.invalidArgument, "the snapshot waited for the sequence")
                }
                _ = try await snapshot.value
                return [StateChange(expectedLogSize: 0, logEntries: [bytes("e0")])]
            }
            #expect(try await store.row(.stateSnapshot, key: "engine") == bytes("state"))
            #expect(try await store.sequencedLogSize() == 1)
            try await peer.close()
        }
    }
}
