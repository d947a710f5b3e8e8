import BollardIngest
import BollardStore
import Foundation
import Testing

/// DESIGN.md rule 2 across workers: 50 pledges of one receipt, applied by 5 workers with their
/// own connections at once — exactly one wins, 49 are refused, and the log holds one pledge.
@Suite(.serialized)
struct ConcurrentPledgeTests {
    @Test(arguments: Backend.selected)
    func fiftyPledgesOfOneReceiptExactlyOneWins(backend: Backend) async throws {
        let db = try await Database.make(backend)
        let setup = try await db.open()
        for d in try Busan.story().prefix(9) {
            _ = try await submit(setup, d.bytes, submitter: d.submitter, name: d.stem)
        }
        _ = try await drainAll(setup)
        let sizeBefore = try await setup.sequencedLogSize()
        for i in 0..<50 {
            _ = try await submit(setup, Busan.pledge(receipt: "WR-W1-0101", variant: i), submitter: Busan.suyeong, name: "pledge-\(i)")
        }
        var stores: [any Store] = []
        for _ in 0..<5 { stores.append(try await db.open()) }
        let results = try await withThrowingTaskGroup(of: [DocumentResult].self) { group in
            for (n, s) in stores.enumerated() {
                group.addTask { try await Self.drain(s, name: "w\(n)") }
            }
            var all: [DocumentResult] = []
            for try await r in group { all += r }
            return all
        }
        #expect(results.count == 50)
        #expect(results.filter { $0.status == .applied }.count == 1)
        #expect(results.filter { $0.status == .refused }.allSatisfy { $0.error?.rule == "singleEncumbrance" })
        #expect(try await setup.sequencedLogSize() == sizeBefore + 1)
        #expect(try await setup.row(.pledges, key: "8801234000048/WR-W1-0101") == Array(#"{"lender":"98450012SUYE00000057"}"#.utf8))
        for s in stores { try await s.close() }
        try await setup.close()
        await db.cleanup()
    }

    static func drain<S: Store>(_ store: S, name: String) async throws -> [DocumentResult] {
        try await drainAll(store, name: name, batch: 4)
    }
}
