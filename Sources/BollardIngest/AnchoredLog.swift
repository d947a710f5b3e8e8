import BollardCore
import BollardLedger
import BollardLog
import BollardStore
import BollardVerify

/// Proof bundles against the newest checkpoint that is anchored, built read-only from the
/// store's tiles.
///
/// A bundle must carry the anchor of its own checkpoint (integrations/bundle-format.md §1.4),
/// but anchoring is a ledger write (on Ethereum a transaction) and integrating sequenced entries
/// needs the log-writer lease: neither may happen once per lookup, or lookups queue behind one
/// another. So one `AnchoredCheckpoint` is kept and every bundle whose records it contains is
/// proved against it; only a bundle that needs a record the anchored tree does not hold yet
/// moves it forward — once, for every request waiting at that moment.
///
/// A checkpoint's tree never changes, and tiles and entry bundles are immutable (C2SP
/// tlog-tiles: "full tiles … MUST NOT change", a partial tile is its own resource per width),
/// so the tiles, entries and what a bundle says about each entry are cached with no
/// invalidation: they are the same under every later checkpoint.
public actor AnchoredLog<S: Store> {
    /// A signed checkpoint with its confirmed anchor.
    public struct AnchoredCheckpoint: Sendable {
        /// The checkpoint exactly as signed (C2SP signed-note bytes).
        public let note: [UInt8]
        public let checkpoint: Checkpoint
        public let anchor: AnchorStatus
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public nonisolated let store: S
    public nonisolated let signer: any CheckpointSigning
    public nonisolated let logKey: VerifierKey
    public nonisolated let ledger: any Anchor
    public nonisolated let ledgerKey: VerifierKey
    /// bundle-format.md §1.4: "local" or "ethereum".
    public nonisolated let ledgerKind: String
    /// The log-writer lease holder name, when sequenced entries must be integrated first.
    public nonisolated let holder: String
    /// How long a bundle waits for another process's lease or the ledger before it fails.
    public nonisolated let patience: Duration

    private let tileCache: TileCache
    private let records: RecordCache
    private var current: AnchoredCheckpoint?
    private var advancing: Task<AnchoredCheckpoint, any Error>?

    /// - Parameters:
    ///   - tileCapacity: expanded tiles kept for proofs (a full one is about 16 KiB).
    ///   - recordCapacity: records kept with their GS1 event hash and summary.
    public init(store: S, signer: any CheckpointSigning, logKey: VerifierKey, ledger: any Anchor, ledgerKey: VerifierKey,
                ledgerKind: String = "local", holder: String, patience: Duration = .seconds(60),
                tileCapacity: Int = 4096, recordCapacity: Int = 1 << 18) {
        self.store = store
        self.signer = signer
        self.logKey = logKey
        self.ledger = ledger
        self.ledgerKey = ledgerKey
        self.ledgerKind = ledgerKind
        self.holder = holder
        self.patience = patience
        tileCache = TileCache(capacity: tileCapacity)
        records = RecordCache(capacity: recordCapacity)
    }

    /// The bundle of `indices` (0-based log indices; duplicates are ignored) against the
    /// anchored checkpoint, advanced first if it does not contain all of them. `events` may give
    /// records' events as the caller's replayed state holds them (decoded from the same leaves),
    /// so a record's GS1 hash is computed without decoding its leaf again.
    public nonisolated func bundle(subject: ProofBundle.Subject, indices: [UInt64],
                                   events: [UInt64: EPCISEvent] = [:]) async throws -> ProofBundle {
        let wanted = Array(Set(indices)).sorted()
        let anchored = try await checkpoint(covering: (wanted.last ?? 0) + 1)
        let source = StoredProofSource(tiles: store.tiles, treeSize: anchored.checkpoint.size, cache: tileCache, records: records)
        var entries: [ProofBundleBuilder.Entry] = []
        entries.reserveCapacity(wanted.count)
        for index in wanted {
            entries.append(try await source.described(index, event: events[index]).entry)
        }
        return try await ProofBundleBuilder.build(subject: subject, log: source, logKey: logKey, checkpoint: anchored.checkpoint,
                                                  checkpointNote: anchored.note,
                                                  entries: entries, anchors: [anchored.anchor], ledgerKey: ledgerKey, ledger: ledgerKind)
    }

    /// Computes and keeps the GS1 event hashes of records as a follower replays them (the
    /// events of its state, decoded from the same leaves), so that a bundle does not hash on the
    /// request path — the hash is the costliest part of describing a record. Runs in the
    /// caller's task: call it from a background one.
    public nonisolated func precomputeEventHashes(_ events: [(index: UInt64, event: EPCISEvent)]) async {
        let hasher = GS1EventHashRecomputer()
        var computed: [(UInt64, String?)] = []
        computed.reserveCapacity(256)
        for (index, event) in events {
            if Task.isCancelled { return }
            computed.append((index, try? hasher.eventHash(event: event)))
            if computed.count == 256 {
                await records.insertHashes(computed)
                computed.removeAll(keepingCapacity: true)
            }
        }
        await records.insertHashes(computed)
    }

    /// The anchored checkpoint, moved forward if its tree has fewer than `size` entries.
    public func checkpoint(covering size: UInt64) async throws -> AnchoredCheckpoint {
        while true {
            if let current, current.checkpoint.size >= max(size, 1) { return current }
            if let advancing {
                // Another request is moving it: share its result, then look again.
                _ = try? await advancing.value
                continue
            }
            // The task runs on this actor, so it is registered before it can start, and it
            // installs its checkpoint and clears itself before any waiter resumes.
            let task = Task {
                defer { self.advancing = nil }
                let next = try await self.anchorLatest(covering: size)
                if self.current.map({ $0.checkpoint.size < next.checkpoint.size }) ?? true { self.current = next }
                return next
            }
            advancing = task
            _ = try await task.value
        }
    }

    /// Reads the store's checkpoint (integrating first when it does not yet contain `size`
    /// entries), has the ledger anchor it — idempotent when it already is — and waits for the
    /// anchor's confirmation.
    private nonisolated func anchorLatest(covering size: UInt64) async throws -> AnchoredCheckpoint {
        let deadline = ContinuousClock.now + patience
        let verifiers = NoteVerifiers([logKey.verifier()])
        var integrated = false
        while true {
            let note = try await store.tiles.readCheckpoint()
            if let note {
                let checkpoint = try Checkpoint.open(note, verifiers: verifiers)
                if checkpoint.size >= max(size, 1) {
                    do {
                        let submitted = try await ledger.submit(AnchorSubmission(origin: checkpoint.origin, size: checkpoint.size,
                                                                                 root: checkpoint.root, signedNote: note))
                        if submitted.size == checkpoint.size {
                            return AnchoredCheckpoint(note: note, checkpoint: checkpoint, anchor: try await ledger.awaitConfirmation(id: submitted.id))
                        }
                    } catch let e as LedgerError where e.code == .sizeNotIncreasing {
                        // A newer checkpoint was anchored after this one was read: read again.
                    }
                    guard ContinuousClock.now < deadline else {
                        throw Failure(description: "the ledger's anchors moved past the log's checkpoint \(checkpoint.size) for \(patience)")
                    }
                    continue
                }
            }
            if integrated {
                let held = note.flatMap(TransparencyLog<S.Tiles>.checkpointTreeSize) ?? 0
                throw Failure(description: held == 0 ? "the log has no checkpoint yet" : "the log holds \(held) entries, fewer than the \(size) asked for")
            }
            // The records are sequenced but not integrated: integrate, unless another process
            // holds the lease (it integrates them itself).
            if try await LogIntegration.integrate(store, signer: signer, holder: holder) != nil {
                integrated = true
            } else {
                guard ContinuousClock.now < deadline else {
                    throw Failure(description: "another process has held the log-writer lease for \(patience)")
                }
                try await Task.sleep(for: .milliseconds(20))
            }
        }
    }
}

/// An entry of the log as a bundle shows it: its bytes, its summary, and its GS1 event hash
/// when it is a custody event — all fixed by the entry's bytes, so computed once.
struct DescribedRecord: Sendable {
    var leaf: [UInt8]
    var entry: ProofBundleBuilder.Entry

    /// The members of a record a bundle summarises (bundle-format.md §1.3).
    static let summaryMembers = ["type", "bizStep", "eventTime", CustodyRecord.submitterMember]

    /// - Parameter knownHash: the record's event hash computed earlier (`.some(nil)`: it has none).
    init(index: UInt64, leaf: [UInt8], event: EPCISEvent? = nil, knownHash: String?? = nil) throws {
        let record = try JCS.parse(leaf)
        let summary = JCSValue.object(Self.summaryMembers.compactMap { name in record[name].map { JCSMember(name, $0) } })
        self.leaf = leaf
        let hasher = GS1EventHashRecomputer()
        let hash: String?
        if let knownHash { hash = knownHash } else { hash = try? event.map { try hasher.eventHash(event: $0) } ?? hasher.eventHash(leaf: leaf) }
        entry = .init(index: index, summary: summary, eventHash: hash)
    }
}

/// Records already described, and entry bundles already read, bounded in count.
actor RecordCache {
    let capacity: Int
    private var described: [UInt64: DescribedRecord] = [:]
    private var bundles: [EntryBundleID: [[UInt8]]] = [:]
    private let bundleCapacity: Int
    /// Hashes are small (≈ 80 bytes): sixteen times as many are kept as described records.
    private var hashes: [UInt64: String?] = [:]
    private let hashCapacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        bundleCapacity = max(1, capacity / 256)
        hashCapacity = self.capacity * 16
    }

    func record(_ index: UInt64) -> DescribedRecord? { described[index] }

    /// A precomputed event hash: nil when none was computed, `.some(nil)` for a record that has none.
    func hash(_ index: UInt64) -> String?? { hashes[index] }

    func insertHashes(_ computed: [(UInt64, String?)]) {
        for (index, hash) in computed {
            if hashes.count >= hashCapacity, let victim = hashes.keys.randomElement() { hashes[victim] = nil }
            hashes[index] = .some(hash)
        }
    }

    func insert(_ record: DescribedRecord, at index: UInt64) {
        if described.count >= capacity, let victim = described.keys.randomElement() { described[victim] = nil }
        described[index] = record
    }

    func bundle(_ id: EntryBundleID) -> [[UInt8]]? { bundles[id] }

    func insert(_ entries: [[UInt8]], for id: EntryBundleID) {
        if bundles.count >= bundleCapacity, let victim = bundles.keys.randomElement() { bundles[victim] = nil }
        bundles[id] = entries
    }
}

/// Entries and proofs of the tree of one checkpoint, from stored tiles and entry bundles, with
/// no lease and no write: what `TransparencyLog` serves, for a tree it does not hold open.
struct StoredProofSource<Tiles: TileStore>: LogProofSource {
    let tiles: Tiles
    let treeSize: UInt64
    let cache: TileCache
    let records: RecordCache

    var reader: TileHashReader<Tiles> { TileHashReader(store: tiles, treeSize: treeSize, cache: cache) }

    func entry(at index: UInt64) async throws -> [UInt8] {
        try await described(index).leaf
    }

    func described(_ index: UInt64, event: EPCISEvent? = nil) async throws -> DescribedRecord {
        if let known = await records.record(index) { return known }
        let record = try DescribedRecord(index: index, leaf: try await leaf(index), event: event, knownHash: await records.hash(index))
        await records.insert(record, at: index)
        return record
    }

    private func leaf(_ index: UInt64) async throws -> [UInt8] {
        guard index < treeSize, let id = TileLayout.entryBundle(index: index >> 8, treeSize: treeSize) else {
            throw LogError(.indexOutOfRange, "entry \(index) is not below tree size \(treeSize)")
        }
        if let entries = await records.bundle(id) { return entries[Int(index & 0xff)] }
        var source = id
        var bytes = try await tiles.readEntryBundle(id)
        if bytes == nil, id.isPartial {
            // tlog-tiles §Partial Tiles: a partial bundle may be gone once the full one exists;
            // its first `width` entries are the same.
            source = try EntryBundleID(index: id.index)
            bytes = try await tiles.readEntryBundle(source)
        }
        guard let bytes else { throw LogError(.missingTile, "\(id.path) is missing for tree size \(treeSize)") }
        let entries = try EntryBundle.decode(bytes, bundle: source.path)
        guard entries.count == source.width else {
            throw LogError(.corruptEntryBundle, "\(source.path) holds \(entries.count) entries, expected \(source.width)")
        }
        let kept = Array(entries.prefix(id.width))
        await records.insert(kept, for: id)
        return kept[Int(index & 0xff)]
    }

    func inclusionProof(index: UInt64, treeSize size: UInt64) async throws -> InclusionProof {
        try checkSize(size)
        return InclusionProof(index: index, treeSize: size,
                              hashes: try await StoredHashes.inclusionProof(index: index, treeSize: size, reader: reader))
    }

    func consistencyProof(size1: UInt64, size2: UInt64) async throws -> ConsistencyProof {
        try checkSize(size2)
        return ConsistencyProof(size1: size1, size2: size2,
                                hashes: try await StoredHashes.consistencyProof(size1: size1, size2: size2, reader: reader))
    }

    private func checkSize(_ size: UInt64) throws {
        guard size <= treeSize else {
            throw LogError(.indexOutOfRange, "tree size \(size) is beyond the anchored size \(treeSize)")
        }
    }
}
