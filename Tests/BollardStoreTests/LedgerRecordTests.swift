import Foundation
import Testing

@testable import BollardStore

/// The local ledger's table (migration 4), on every backend: positional, gap-free appends that
/// a second appender at the same position cannot fork.
@Suite struct LedgerRecordTests {
    @Test(arguments: TestBackend.selected)
    func recordsAppendInOrderAndSurviveAReopen(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, db in
            #expect(try await store.schemaVersion() >= 4)
            #expect(try await store.ledgerRecords(from: 0).isEmpty)
            for i in 0..<3 { try await store.appendLedgerRecord(bytes("record \(i)\n"), sequence: UInt64(i)) }
            #expect(try await store.ledgerRecords(from: 0) == [bytes("record 0\n"), bytes("record 1\n"), bytes("record 2\n")])
            #expect(try await store.ledgerRecords(from: 2) == [bytes("record 2\n")])
            #expect(try await store.ledgerRecords(from: 3).isEmpty)

            let other = try await db.open()
            #expect(try await other.ledgerRecords(from: 1) == [bytes("record 1\n"), bytes("record 2\n")])
            try await other.close()
        }
    }

    /// A taken position (another process appended first) and a gap are both refused with
    /// `.conflict`, and change nothing.
    @Test(arguments: TestBackend.selected)
    func aTakenPositionOrAGapIsAConflictAndChangesNothing(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, _ in
            try await store.appendLedgerRecord(bytes("first"), sequence: 0)
            let before = try await store.dump(.ledgerRecords)
            let taken = await #expect(throws: StoreError.self) { try await store.appendLedgerRecord(bytes("fork"), sequence: 0) }
            #expect(taken?.code == .conflict)
            let gap = await #expect(throws: StoreError.self) { try await store.appendLedgerRecord(bytes("gap"), sequence: 2) }
            #expect(gap?.code == .conflict)
            #expect(try await store.dump(.ledgerRecords) == before)
            #expect(before.rows.count == 1)
        }
    }

    /// Appenders on separate connections (separate worker processes) racing for the same
    /// positions: each position is taken exactly once, and the losers are told so.
    @Test(arguments: TestBackend.selected)
    func racingAppendersNeverForkTheChain(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, db in
            let stores = [store, try await db.open(), try await db.open()]
            for position in 0..<5 {
                let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for (n, s) in stores.enumerated() {
                        group.addTask {
                            do {
                                try await s.appendLedgerRecord(bytes("p\(position) by \(n)"), sequence: UInt64(position))
                                return true
                            } catch let e as StoreError where e.code == .conflict {
                                return false
                            }
                        }
                    }
                    return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
                }
                #expect(wins == 1, "position \(position): \(wins) appenders won")
            }
            let records = try await store.ledgerRecords(from: 0)
            #expect(records.count == 5)
            #expect(records.enumerated().allSatisfy { String(decoding: $0.element, as: UTF8.self).hasPrefix("p\($0.offset) by ") })
            for s in stores.dropFirst() { try await s.close() }
        }
    }
}

/// `renew(_:lease:)` over several jobs: all extended together, or none when one is lost.
@Suite struct LeaseRenewalStoreTests {
    @Test(arguments: TestBackend.selected)
    func renewExtendsEveryLeaseOrNone(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, db in
            for name in ["a", "b", "c"] { _ = try await store.submit(bytes(name), metadata: meta()) }
            let jobs = try await store.claim(worker: "w1", lease: .seconds(2), limit: 2)
            #expect(jobs.count == 2)
            let renewed = try await store.renew(jobs, lease: .seconds(60))
            #expect(renewed.map(\.id) == jobs.map(\.id))
            #expect(zip(renewed, jobs).allSatisfy { $0.leaseExpiresAt >= $1.leaseExpiresAt + 50_000 })
            // Renewed past the original 2 s: another worker finds only the third job.
            try await Task.sleep(for: .milliseconds(2300))
            let other = try await db.open()
            let third = try await other.claim(worker: "w2", lease: .seconds(1), limit: 5)
            #expect(third.count == 1 && !jobs.map(\.id).contains(third[0].id))

            // One lease lost (expired and taken over): renewing it with another refuses both.
            try await Task.sleep(for: .milliseconds(1300))
            let takenOver = try await other.claim(worker: "w2", lease: .seconds(60), limit: 5)
            #expect(takenOver.map(\.id) == [third[0].id] && takenOver[0].attempt == 2)
            let stale = third[0]
            let before = try await store.dump(.jobs)
            let error = await #expect(throws: StoreError.self) { try await store.renew([renewed[0], stale], lease: .seconds(60)) }
            #expect(error?.code == .leaseLost)
            #expect(try await store.dump(.jobs) == before)
            try await other.close()
        }
    }
}
