import Foundation
import Testing

@testable import BollardStore

/// The log's writing turn (`Store.takeTurn`), on every backend: PostgreSQL hands it from one
/// holder to the next in the order they asked; SQLite (one writer process) has none.
@Suite struct LogTurnTests {
    @Test(arguments: TestBackend.selected)
    func theTurnIsHeldByOneWorkerAtATime(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, db in
            guard backend == .postgres else {
                #expect(try await store.takeTurn(holdingAtMost: .seconds(30)) == nil)
                return
            }
            let peer = try await db.open()
            let first = try #require(try await store.takeTurn(holdingAtMost: .seconds(30)))
            #expect(try await first.othersWaiting() == false)
            let second = Task { try await peer.takeTurn(holdingAtMost: .seconds(30)) }
            let deadline = ContinuousClock.now + .seconds(10)
            while try await first.othersWaiting() == false, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(try await first.othersWaiting(), "the second worker is not waiting for the turn")
            await first.release()
            let handed = try #require(try await second.value)
            #expect(try await handed.othersWaiting() == false)
            await handed.release()
            await handed.release()  // idempotent
            try await peer.close()
        }
    }

    /// A turn not released lapses after its limit (a hung holder must not stop the others); a
    /// worker cancelled while waiting gives the turn straight back once granted.
    @Test(arguments: TestBackend.selected.filter { $0 == .postgres })
    func aTurnLapsesAndACancelledWaiterGivesItBack(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, db in
            let peer = try await db.open()
            let started = ContinuousClock.now
            let hung = try #require(try await store.takeTurn(holdingAtMost: .milliseconds(500)))
            let next = try #require(try await peer.takeTurn(holdingAtMost: .seconds(30)))
            #expect(ContinuousClock.now - started >= .milliseconds(450), "the turn was granted before the holder's limit")

            let cancelled = Task { try await store.takeTurn(holdingAtMost: .seconds(30)) }
            let deadline = ContinuousClock.now + .seconds(10)
            while try await next.othersWaiting() == false, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            cancelled.cancel()
            await #expect(throws: CancellationError.self) { _ = try await cancelled.value }
            await next.release()
            let after = Task { try await peer.takeTurn(holdingAtMost: .seconds(30)) }
            let taken = try await after.value
            #expect(taken != nil)
            await taken?.release()
            await hung.release()
            try await peer.close()
        }
    }
}
