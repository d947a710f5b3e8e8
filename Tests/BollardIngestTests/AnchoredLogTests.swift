import BollardCore
import BollardIngest
import BollardLedger
import BollardLog
import BollardStore
import BollardVerify
import Foundation
import Testing

/// `AnchoredLog`: bundles proved against one anchored checkpoint, read from stored tiles with
/// no lease, moved forward only when a record asked for is not under it — once for all the
/// requests waiting then.
@Suite struct AnchoredLogTests {
    static let logKey: SignerKey = {
        do { return try SignerKey(name: TestKeys.origin, seed: [UInt8](repeating: 7, count: 32)) } catch { fatalError("\(error)") }
    }()
    static let ledgerKey: SignerKey = {
        do { return try SignerKey(name: TestKeys.origin + "/ledger", seed: [UInt8](repeating: 9, count: 32)) } catch { fatalError("\(error)") }
    }()

    static func verifier() -> BundleVerifier {
        BundleVerifier(logKey: logKey.verifierKey, ledgerKey: ledgerKey.verifierKey, eventHasher: GS1EventHashRecomputer())
    }

    static func anchoredLog<S: Store>(_ store: S, patience: Duration = .seconds(30)) throws -> AnchoredLog<S> {
        AnchoredLog(store: store, signer: try TestKeys.signer(), logKey: logKey.verifierKey,
                    ledger: StoreLedger(store: store, key: ledgerKey), ledgerKey: ledgerKey.verifierKey, holder: "anchored-log-tests",
                    patience: patience)
    }

    /// Every lot of the story asked for at once, three times over: every bundle verifies, all are
    /// proved against one checkpoint, and the ledger gained exactly one anchor.
    @Test(arguments: Backend.selected)
    func concurrentBundlesShareOneAnchor(backend: Backend) async throws {
        try await withDatabase(backend) { store, _ in try await concurrent(store) }
    }

    func concurrent<S: Store>(_ store: S) async throws {
        for doc in try Busan.story() { _ = try await submit(store, doc.bytes, submitter: doc.submitter, name: doc.stem) }
        _ = try await drainAll(store)
        let ledger = StoreLedger(store: store, key: Self.ledgerKey)
        #expect(try await ledger.anchors().isEmpty)
        let state = try await StateLoader.load(store)
        let requests = try state.lots.keys.sorted().map { epc in
            (epc.uri, try state.provenance(of: epc).events.map { UInt64($0.sequence - 1) })
        }
        #expect(requests.count > 10)
        let anchored = try Self.anchoredLog(store)
        let bundles = try await withThrowingTaskGroup(of: ProofBundle.self) { group in
            for _ in 0..<3 {
                for (uri, indices) in requests {
                    group.addTask { try await anchored.bundle(subject: .init(kind: "lot", id: uri), indices: indices) }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(bundles.count == 3 * requests.count)
        for bundle in bundles {
            let report = Self.verifier().verify(bundle)
            #expect(report.passed, "\(bundle.subject.id): \(report.failures)")
            #expect(!bundle.items.isEmpty)
        }
        #expect(Set(bundles.map(\.log.checkpoint)).count == 1)
        let anchors = try await ledger.anchors()
        #expect(anchors.count == 1)
        #expect(anchors.first?.size == UInt64(state.sequence))
    }

    /// Event hashes precomputed from the replayed state's events are the ones bundles carry: the
    /// same as hashing the leaves, and — shown by handing it the wrong event for one record —
    /// used instead of hashing again, where the verifier then catches the difference.
    @Test func precomputedEventHashesAreTheOnesBundlesCarry() async throws {
        try await withDatabase(.sqlite) { store, _ in try await precomputed(store) }
    }

    func precomputed<S: Store>(_ store: S) async throws {
        for doc in try Busan.story() { _ = try await submit(store, doc.bytes, submitter: doc.submitter, name: doc.stem) }
        _ = try await drainAll(store)
        let state = try await StateLoader.load(store)
        let events = state.events.map { (index: UInt64($0.sequence - 1), event: $0.event) }
        // Every record of the log, custody events or not (receipts, pledges, listings).
        let indices = (0..<UInt64(state.sequence)).map { $0 }
        #expect(events.count > 80 && events.count < indices.count)

        let plain = try await Self.anchoredLog(store).bundle(subject: .init(kind: "record", id: "all"), indices: indices)
        let warmed = try Self.anchoredLog(store)
        await warmed.precomputeEventHashes(events)
        let fromHashes = try await warmed.bundle(subject: .init(kind: "record", id: "all"), indices: indices)
        #expect(fromHashes == plain)
        #expect(Self.verifier().verify(fromHashes).passed)
        #expect(fromHashes.items.filter { $0.eventHash != nil }.count >= events.count)

        let wrong = try Self.anchoredLog(store)
        await wrong.precomputeEventHashes([(index: 1, event: events[0].event)])
        let misled = try await wrong.bundle(subject: .init(kind: "record", id: "all"), indices: indices)
        #expect(misled.items[1].eventHash == plain.items[0].eventHash)
        #expect(misled.items[1].eventHash != plain.items[1].eventHash)
        #expect(Self.verifier().verify(misled).failures.count == 1)
    }

    /// A bundle whose records are under the anchored checkpoint is built while another process
    /// holds the log-writer lease; one that needs a record sequenced after it waits for the
    /// lease (and fails when it does not come), then moves the checkpoint forward and anchors it.
    @Test(arguments: Backend.selected)
    func bundlesUnderTheAnchorNeedNoLease(backend: Backend) async throws {
        try await withDatabase(backend) { store, _ in try await noLease(store) }
    }

    func noLease<S: Store>(_ store: S) async throws {
        let story = try Busan.story()
        let pledge = try #require(story.firstIndex { $0.stem.contains("pledge") })
        for doc in story[..<pledge] { _ = try await submit(store, doc.bytes, submitter: doc.submitter, name: doc.stem) }
        _ = try await drainAll(store)
        let before = try await StateLoader.load(store)
        let receipt = try #require(before.receipts.values.min { $0.key < $1.key })
        let anchored = try Self.anchoredLog(store, patience: .milliseconds(600))
        let first = try await anchored.bundle(subject: .init(kind: "receipt", id: receipt.key.description),
                                              indices: receipt.history.map { UInt64($0.sequence - 1) })
        #expect(Self.verifier().verify(first).passed)
        let firstSize = try #require(TransparencyLog<S.Tiles>.checkpointTreeSize(Array(first.log.checkpoint.utf8)))
        #expect(firstSize == UInt64(before.sequence))

        // Another process takes the lease; the rest of the story is committed (sequenced) but
        // cannot be integrated.
        #expect(try await store.acquireLogWriter(holder: "someone-else", lease: .seconds(120)))
        for doc in story[pledge...] { _ = try await submit(store, doc.bytes, submitter: doc.submitter, name: doc.stem) }
        _ = try await drainAll(store)
        let after = try await StateLoader.load(store)
        #expect(after.sequence > before.sequence)
        #expect(try await store.sequencedLogSize() == UInt64(after.sequence))

        let again = try await anchored.bundle(subject: .init(kind: "receipt", id: receipt.key.description),
                                              indices: receipt.history.map { UInt64($0.sequence - 1) })
        #expect(again.log.checkpoint == first.log.checkpoint)
        let newest = UInt64(after.sequence - 1)
        await #expect(throws: AnchoredLog<S>.Failure.self) {
            _ = try await anchored.bundle(subject: .init(kind: "record", id: "newest"), indices: [newest])
        }

        try await store.releaseLogWriter(holder: "someone-else")
        let moved = try await anchored.bundle(subject: .init(kind: "record", id: "newest"), indices: [0, newest])
        #expect(Self.verifier().verify(moved).passed)
        #expect(TransparencyLog<S.Tiles>.checkpointTreeSize(Array(moved.log.checkpoint.utf8)) == UInt64(after.sequence))
        #expect(moved.items.map(\.index) == [0, newest])
        let anchors = try await StoreLedger(store: store, key: Self.ledgerKey).anchors()
        #expect(anchors.map(\.size) == [UInt64(before.sequence), UInt64(after.sequence)])

        // Indices beyond the log are an error, not a wait.
        await #expect(throws: AnchoredLog<S>.Failure.self) {
            _ = try await anchored.bundle(subject: .init(kind: "record", id: "beyond"), indices: [newest + 5])
        }
    }
}
