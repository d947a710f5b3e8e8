import BollardLedger
import BollardLog
import Testing

/// `LocalLedger.refresh()`: two ledgers over one shared store, as two worker processes have.
@Suite struct LedgerRefreshTests {
    @Test func aLedgerCatchesUpWithAnotherAppenderAndCarriesOnFromItsTail() async throws {
        let keys = try Keys()
        let shared = MemoryLedgerStore()
        let a = try await LocalLedger.open(store: shared, key: keys.ledger, now: fixedNow)
        let b = try await LocalLedger.open(store: shared, key: keys.ledger, now: fixedNow)
        _ = try await a.submit(try keys.checkpoint(size: 3))
        _ = try await a.submit(try keys.checkpoint(size: 5))
        #expect(await b.count == 0)
        try await b.refresh()
        #expect(await b.count == 2)
        #expect(try await b.anchors() == a.anchors())
        let next = try await b.submit(try keys.checkpoint(size: 8))
        #expect(next.id == "local:2")
        try await a.refresh()
        #expect(try await LocalLedger.verifyChain(try await shared.readAll(), ledgerKey: keys.ledger.verifierKey).count == 3)
        #expect(try await a.anchors() == b.anchors())
    }

    /// A record another appender wrote that does not chain onto the verified tail is refused.
    @Test func aForkedRecordIsRefusedOnRefresh() async throws {
        let keys = try Keys()
        let shared = MemoryLedgerStore()
        let a = try await LocalLedger.open(store: shared, key: keys.ledger, now: fixedNow)
        _ = try await a.submit(try keys.checkpoint(size: 3))
        // Another ledger that never saw record 0 signs its own record 0 into the same store.
        let stale = try await LocalLedger.open(store: MemoryLedgerStore(), key: keys.ledger, now: fixedNow)
        _ = try await stale.submit(try keys.checkpoint(size: 4))
        let forked = try #require(await stale.signedRecords.first)
        try await shared.append(forked.note)
        let error = await #expect(throws: LedgerError.self) { try await a.refresh() }
        #expect(error?.code == .brokenChain)
    }
}
