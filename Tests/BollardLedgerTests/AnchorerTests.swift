import BollardLog
import Synchronization
import Testing

@testable import BollardLedger

/// A log whose latest checkpoint the test sets.
actor FakeCheckpointSource: CheckpointSource {
    var note: [UInt8]?
    func set(_ note: [UInt8]) { self.note = note }
    func latestCheckpoint() async throws -> [UInt8]? { note }
}

/// An anchor that refuses its first `failures` submissions, as a ledger that is down would.
actor FlakyAnchor: Anchor {
    let base: LocalLedger
    var failures: Int
    private(set) var submittedSizes: [UInt64] = []

    init(base: LocalLedger, failures: Int) {
        self.base = base
        self.failures = failures
    }

    struct Down: Error {}

    func submit(_ checkpoint: AnchorSubmission) async throws -> AnchorStatus {
        submittedSizes.append(checkpoint.size)
        if failures > 0 {
            failures -= 1
            throw Down()
        }
        return try await base.submit(checkpoint)
    }
    func status(id: String) async throws -> AnchorStatus? { try await base.status(id: id) }
    func awaitConfirmation(id: String) async throws -> AnchorStatus { try await base.awaitConfirmation(id: id) }
    func anchors() async throws -> [AnchorStatus] { try await base.anchors() }
    func latestConfirmed(covering size: UInt64) async throws -> AnchorStatus? { try await base.latestConfirmed(covering: size) }
}

final class ManualTime: Sendable {
    private let value = Mutex<Duration>(.zero)
    var now: Duration { value.withLock { $0 } }
    func advance(_ d: Duration) { value.withLock { $0 += d } }
}

struct AnchorerTests {
    func setUp(failures: Int = 0) async throws -> (Keys, FakeCheckpointSource, LocalLedger, FlakyAnchor, ManualTime, Anchorer) {
        let keys = try Keys()
        let source = FakeCheckpointSource()
        let ledger = try await LocalLedger.open(store: MemoryLedgerStore(), key: keys.ledger, now: fixedNow)
        let flaky = FlakyAnchor(base: ledger, failures: failures)
        let time = ManualTime()
        let anchorer = Anchorer(source: source, anchor: flaky, logVerifiers: NoteVerifiers([keys.log.verifierKey.verifier()]),
                                origin: testOrigin, policy: .init(everyEntries: 10, interval: .seconds(60)),
                                now: { time.now })
        return (keys, source, ledger, flaky, time, anchorer)
    }

    @Test func anchorsEveryNEntriesOrEveryTSeconds() async throws {
        let (keys, source, ledger, _, time, anchorer) = try await setUp()
        #expect(try await anchorer.tick() == nil)  // no checkpoint yet
        await source.set(try keys.checkpoint(size: 5).signedNote)
        #expect(try await anchorer.tick() == nil)  // 5 entries, 0 s: not due
        await source.set(try keys.checkpoint(size: 10).signedNote)
        #expect(try await anchorer.tick()?.size == 10)  // 10 entries: due
        await source.set(try keys.checkpoint(size: 15).signedNote)
        time.advance(.seconds(30))
        #expect(try await anchorer.tick() == nil)  // 5 entries, 30 s
        time.advance(.seconds(31))
        #expect(try await anchorer.tick()?.size == 15)  // 61 s: due
        time.advance(.seconds(600))
        #expect(try await anchorer.tick() == nil)  // nothing new to anchor
        #expect(try await ledger.anchors().map(\.size) == [10, 15])
    }

    @Test func aDecidedCheckpointIsRetriedBeforeANewerOne() async throws {
        let (keys, source, ledger, flaky, _, anchorer) = try await setUp(failures: 2)
        await source.set(try keys.checkpoint(size: 20).signedNote)
        await #expect(throws: FlakyAnchor.Down.self) { try await anchorer.tick() }
        #expect(await anchorer.pendingSize == 20)
        await source.set(try keys.checkpoint(size: 40).signedNote)
        await #expect(throws: FlakyAnchor.Down.self) { try await anchorer.tick() }
        #expect(try await anchorer.tick()?.size == 20)
        #expect(await anchorer.pendingSize == nil)
        #expect(try await anchorer.tick()?.size == 40)
        #expect(await flaky.submittedSizes == [20, 20, 20, 40])
        #expect(try await ledger.anchors().map(\.size) == [20, 40])
    }

    @Test func restartAnchorsNothingTwice() async throws {
        let (keys, source, ledger, _, _, anchorer) = try await setUp()
        await source.set(try keys.checkpoint(size: 12).signedNote)
        #expect(try await anchorer.tick()?.size == 12)
        let restarted = Anchorer(source: source, anchor: ledger, logVerifiers: NoteVerifiers([keys.log.verifierKey.verifier()]),
                                 origin: testOrigin, policy: .init(everyEntries: 1, interval: .zero))
        #expect(try await restarted.tick() == nil)
        #expect(await ledger.count == 1)
    }

    @Test func aCheckpointNotSignedByTheLogIsNeverAnchored() async throws {
        let (_, source, ledger, _, _, anchorer) = try await setUp()
        let other = try Keys()
        await source.set(try other.checkpoint(size: 50).signedNote)
        await #expect(throws: NoteError.self) { try await anchorer.tick() }
        #expect(await ledger.count == 0)
    }

    @Test func anchorsARealLogsCheckpoints() async throws {
        let keys = try Keys()
        let log = try await TransparencyLog.inMemory(signer: keys.checkpointSigner)
        let ledger = try await LocalLedger.open(store: MemoryLedgerStore(), key: keys.ledger, now: fixedNow)
        let anchorer = Anchorer(source: log, anchor: ledger, logVerifiers: NoteVerifiers([keys.log.verifierKey.verifier()]),
                                origin: testOrigin, policy: .init(everyEntries: 4, interval: .seconds(3600)))
        for i in 0..<10 {
            _ = try await log.append(Array("entry \(i)".utf8))
            _ = try await anchorer.tick()
        }
        let anchors = try await ledger.anchors()
        #expect(anchors.map(\.size) == [4, 8])
        #expect(anchors[1].root == (try await log.rootHash(treeSize: 8)))
    }
}
