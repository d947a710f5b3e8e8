/// The tiled transparency log's single writer and its read side.
///
/// Appends are batched in three steps, as in Tessera and Trillian:
/// 1. **Sequence** — the batch gets its indices and is journaled durably
///    (`TileStore.writeSequencedBatch`). Once that returns, the entries are acknowledged: a
///    crash from here on loses nothing.
/// 2. **Integrate** — one pass computes the new hashes, tiles and entry bundles
///    (`TileIntegrator`), writes them, then writes the tree head, which is the commit point,
///    then drops the journal record.
/// 3. **Publish** — one checkpoint per batch or per interval (`CheckpointPolicy`), signed by a
///    `CheckpointSigning`.
///
/// Concurrent `append` calls are grouped: while one batch is being written, later calls queue up
/// and are written together as the next batch (group commit), so a busy log pays one journal
/// fsync and one integration per batch, not per caller.
///
/// `open` repairs whatever a crash left: a journaled batch not yet integrated (or integrated
/// only in part — tiles are rewritten with identical bytes) is integrated, and a checkpoint
/// behind the tree is re-signed.
///
/// One `TransparencyLog` writes a store at a time: like Tessera's and Trillian's sequencer it
/// is the single writer, and readers scale out over the immutable tiles instead.
public actor TransparencyLog<Store: TileStore> {
    public nonisolated let store: Store
    private let signer: any CheckpointSigning
    private let policy: CheckpointPolicy
    private let clock = ContinuousClock()
    private let tileCache: TileCache

    private var edge: TileIntegrator
    /// The integrated tree: everything the tiles and bundles in the store describe.
    public private(set) var treeHead: TreeHead
    public private(set) var checkpointSize: UInt64?
    private var lastCheckpoint: ContinuousClock.Instant?
    /// Why the latest attempt to publish a checkpoint after a batch failed, until one succeeds.
    /// Appends do not fail for it: their entries are already integrated.
    public private(set) var checkpointFailure: (any Error)?
    private var failure: LogError?

    private struct Waiter {
        var entries: [[UInt8]]
        var continuation: CheckedContinuation<AppendResult, any Error>
    }
    /// Appends waiting for the next batch, in arrival order.
    private var waiters: [Waiter] = []
    private let maxGroupedEntries: Int
    private var checkpointWaiters: [CheckedContinuation<Void, any Error>] = []
    private var draining = false

    private init(
        store: Store, signer: any CheckpointSigning, policy: CheckpointPolicy, edge: TileIntegrator, tileCache: TileCache,
        maxGroupedEntries: Int
    ) {
        self.store = store
        self.maxGroupedEntries = maxGroupedEntries
        self.tileCache = tileCache
        self.signer = signer
        self.policy = policy
        self.edge = edge
        self.treeHead = edge.treeHead
    }

    /// Opens the log in `store` (empty or not), repairing any batch a crash left journaled but
    /// not integrated, and publishing a checkpoint if the stored one is behind the tree.
    /// `tileCacheCapacity` bounds the expanded full tiles kept for proof generation (about
    /// 16 KiB each; a tree of n entries has about n/255 full tiles). Concurrent appends are
    /// grouped into batches of up to `maxGroupedEntries` entries.
    public static func open(
        store: Store, signer: any CheckpointSigning, policy: CheckpointPolicy = .everyBatch,
        tileCacheCapacity: Int = 1024, maxGroupedEntries: Int = 4096
    ) async throws -> TransparencyLog {
        let head = try await store.readTreeHead() ?? .empty
        let edge = try await TileIntegrator.load(from: store, head: head)
        let log = TransparencyLog(store: store, signer: signer, policy: policy, edge: edge,
                                  tileCache: TileCache(capacity: tileCacheCapacity), maxGroupedEntries: maxGroupedEntries)
        try await log.recover()
        return log
    }

    /// Integrates the journal in runs of consecutive batches, each run in one pass and one
    /// `writeIntegration` (a busy store journals many small batches between two openings: one
    /// write per touched tile instead of one per batch), the last run with its checkpoint.
    private func recover() async throws {
        let stored = try await store.readCheckpoint().flatMap(Self.checkpointTreeSize)
        checkpointSize = stored
        var run = [SequencedBatch]()
        var runEntries = 0
        let batches = try await store.readSequencedBatches()
        for (i, batch) in batches.enumerated() {
            if batch.endIndex <= treeHead.size, run.isEmpty {
                try await store.deleteSequencedBatch(firstIndex: batch.firstIndex)
                continue
            }
            guard batch.firstIndex == treeHead.size + UInt64(runEntries) else {
                throw LogError(.corruptJournal,
                               "journaled batch \(batch.firstIndex)..<\(batch.endIndex) does not follow the tree of size \(treeHead.size + UInt64(runEntries))")
            }
            run.append(batch)
            runEntries += batch.entries.count
            if runEntries >= maxRecoveryEntries || i == batches.count - 1 {
                try await integrate(run, publishing: i == batches.count - 1)
                run = []
                runEntries = 0
            }
        }
        if checkpointSize != treeHead.size { try await publish() }
    }

    /// Entries integrated per pass in `recover` (about 16 MiB of 1 KiB entries).
    private let maxRecoveryEntries = 16_384

    // MARK: Writing

    /// Appends `entries` as one batch (grouped with any concurrent appends) and returns once they
    /// are durably sequenced and integrated. Each entry is at most 65,535 bytes (the entry
    /// bundle's uint16 length prefix, tlog-tiles §Log entries).
    public func append(_ entries: [[UInt8]]) async throws -> AppendResult {
        for (i, e) in entries.enumerated() where e.count > EntryBundle.maxEntryLength {
            throw LogError(.entryTooLarge, "entry \(i) of the batch is \(e.count) bytes; at most \(EntryBundle.maxEntryLength)")
        }
        if let failure { throw LogError(.needsRecovery, "reopen the log: \(failure.context)") }
        guard !entries.isEmpty else { return AppendResult(firstIndex: treeHead.size, count: 0, treeHead: treeHead) }
        return try await withCheckedThrowingContinuation { continuation in
            waiters.append(Waiter(entries: entries, continuation: continuation))
            startDraining()
        }
    }

    public func append(_ entry: [UInt8]) async throws -> UInt64 {
        try await append([entry]).firstIndex
    }

    /// Signs and publishes a checkpoint for the current tree now if the latest one is behind it;
    /// for `.interval` logs, to be called from the owner's timer.
    public func publishCheckpoint() async throws {
        if let failure { throw LogError(.needsRecovery, "reopen the log: \(failure.context)") }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            checkpointWaiters.append(continuation)
            startDraining()
        }
    }

    /// Appends and checkpoint requests waiting for the next batch (for tests).
    var queued: (appends: Int, checkpoints: Int) { (waiters.count, checkpointWaiters.count) }

    private func startDraining() {
        guard !draining else { return }
        draining = true
        Task { await self.drain() }
    }

    /// Writes queued batches one at a time, so indices are journaled in order and checkpoints
    /// never go backwards.
    private func drain() async {
        while !waiters.isEmpty || !checkpointWaiters.isEmpty {
            // Whole appends, in order, up to `maxGroupedEntries` (a larger single append
            // still goes alone, as one batch).
            var taken = 0
            var grouped = 0
            while taken < waiters.count, taken == 0 || grouped + waiters[taken].entries.count <= maxGroupedEntries {
                grouped += waiters[taken].entries.count
                taken += 1
            }
            let batchWaiters = Array(waiters[..<taken])
            waiters.removeFirst(taken)
            var entries = [[UInt8]]()
            entries.reserveCapacity(grouped)
            for w in batchWaiters { entries.append(contentsOf: w.entries) }
            let checkpointRequests = checkpointWaiters
            checkpointWaiters = []
            if !entries.isEmpty {
                do {
                    let head = try await commit(entries, publishing: checkpointRequests.isEmpty)
                    var offset = head.size - UInt64(entries.count)
                    for w in batchWaiters {
                        w.continuation.resume(returning: AppendResult(firstIndex: offset, count: w.entries.count, treeHead: head))
                        offset += UInt64(w.entries.count)
                    }
                } catch {
                    for w in batchWaiters { w.continuation.resume(throwing: error) }
                }
            }
            if !checkpointRequests.isEmpty {
                do {
                    if let failure { throw LogError(.needsRecovery, "reopen the log: \(failure.context)") }
                    if checkpointSize != treeHead.size {
                        try await publish()
                        checkpointFailure = nil
                    }
                    for c in checkpointRequests { c.resume() }
                } catch {
                    for c in checkpointRequests { c.resume(throwing: error) }
                }
            }
        }
        draining = false
    }

    /// Sequences, integrates and (if due and `publishing`) checkpoints one batch; returns the
    /// tree that first contains it.
    private func commit(_ entries: [[UInt8]], publishing: Bool) async throws -> TreeHead {
        if let failure { throw LogError(.needsRecovery, "reopen the log: \(failure.context)") }
        let batch = SequencedBatch(firstIndex: treeHead.size, entries: entries)
        try await store.writeSequencedBatch(batch)
        do {
            try await integrate(batch)
        } catch {
            let reason = LogError(.needsRecovery,
                                  "entries \(batch.firstIndex)..<\(batch.endIndex) are journaled and will be integrated when the log is reopened; integration failed: \(error)")
            failure = reason
            throw reason
        }
        let head = treeHead
        if publishing, checkpointDue() {
            // The entries are integrated whatever happens to the checkpoint, so the append
            // succeeds; the next batch or `publishCheckpoint()` retries.
            do {
                try await publish()
                checkpointFailure = nil
            } catch {
                checkpointFailure = error
            }
        }
        return head
    }

    private func checkpointDue() -> Bool {
        switch policy {
        case .everyBatch:
            return true
        case .interval(let interval):
            guard let lastCheckpoint else { return true }
            return clock.now - lastCheckpoint >= interval
        }
    }

    private func integrate(_ batch: SequencedBatch) async throws {
        try await integrate([batch], publishing: false)
    }

    /// Integrates consecutive `batches` in one pass and one `writeIntegration`; with
    /// `publishing`, the checkpoint for the new head goes in the same write (signed first: a
    /// signing failure leaves the integration to be written without it, and is thrown after).
    private func integrate(_ batches: [SequencedBatch], publishing: Bool) async throws {
        guard let first = batches.first else { return }
        var next = edge
        let output: TileIntegrator.Output
        if batches.count == 1 {
            output = try next.integrate(first.entries)
        } else {
            // Intermediate sizes are never tree heads, so they need no partial tiles: one pass.
            var entries = [[UInt8]]()
            entries.reserveCapacity(batches.reduce(0) { $0 + $1.entries.count })
            for b in batches { entries.append(contentsOf: b.entries) }
            output = try next.integrate(entries)
        }
        var note: [UInt8]?
        var signingError: LogError?
        if publishing {
            do {
                note = try signer.signedCheckpoint(size: output.head.size, root: output.head.rootHash)
            } catch {
                signingError = LogError(.signingFailed, "checkpoint for size \(output.head.size) (\(signer.origin)): \(error)")
            }
        }
        try await store.writeIntegration(Integration(tiles: output.tiles, bundles: output.bundles, head: output.head,
                                                     integratedBatches: batches.map(\.firstIndex), checkpoint: note))
        edge = next
        treeHead = output.head
        if note != nil {
            checkpointSize = output.head.size
            lastCheckpoint = clock.now
        }
        if let signingError { throw signingError }
    }

    private func publish() async throws {
        let head = treeHead
        let note: [UInt8]
        do {
            note = try signer.signedCheckpoint(size: head.size, root: head.rootHash)
        } catch {
            throw LogError(.signingFailed, "checkpoint for size \(head.size) (\(signer.origin)): \(error)")
        }
        try await store.writeCheckpoint(note)
        checkpointSize = head.size
        lastCheckpoint = clock.now
    }

    /// The tree size on the second line of a tlog-checkpoint note body (C2SP tlog-checkpoint
    /// §Note text); nil when it is not there, in which case recovery re-signs.
    public static func checkpointTreeSize(_ note: [UInt8]) -> UInt64? {
        let lines = note.split(separator: UInt8(ascii: "\n"), maxSplits: 2, omittingEmptySubsequences: false)
        guard lines.count >= 2, !lines[1].isEmpty, lines[1].count <= 20,
              lines[1].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return nil }
        return UInt64(String(decoding: lines[1], as: UTF8.self))
    }

    // MARK: Reading

    /// Stored hashes of the integrated tree, served from its tiles.
    public var hashReader: TileHashReader<Store> { TileHashReader(store: store, treeSize: treeHead.size, cache: tileCache) }

    /// The entry at 0-based `index`, from its entry bundle.
    public func entry(at index: UInt64) async throws -> [UInt8] {
        let size = treeHead.size
        guard index < size, let bundle = TileLayout.entryBundle(index: index >> 8, treeSize: size) else {
            throw LogError(.indexOutOfRange, "entry \(index) is not below tree size \(size)")
        }
        guard let bytes = try await store.readEntryBundle(bundle) else {
            throw LogError(.missingTile, "\(bundle.path) is missing for tree size \(size)")
        }
        let entries = try EntryBundle.decode(bytes, bundle: bundle.path)
        guard entries.count == bundle.width else {
            throw LogError(.corruptEntryBundle, "\(bundle.path) holds \(entries.count) entries, expected \(bundle.width)")
        }
        return entries[Int(index & 0xff)]
    }

    /// MTH of the first `treeSize` entries (RFC 9162 §2.1.1), for any size up to the tree's.
    public func rootHash(treeSize: UInt64) async throws -> MerkleHash {
        try checkSize(treeSize)
        return try await StoredHashes.treeHash(treeSize: treeSize, reader: hashReader)
    }

    public func inclusionProof(index: UInt64, treeSize: UInt64) async throws -> InclusionProof {
        try checkSize(treeSize)
        let hashes = try await StoredHashes.inclusionProof(index: index, treeSize: treeSize, reader: hashReader)
        return InclusionProof(index: index, treeSize: treeSize, hashes: hashes)
    }

    public func consistencyProof(size1: UInt64, size2: UInt64) async throws -> ConsistencyProof {
        try checkSize(size2)
        let hashes = try await StoredHashes.consistencyProof(size1: size1, size2: size2, reader: hashReader)
        return ConsistencyProof(size1: size1, size2: size2, hashes: hashes)
    }

    /// The latest published checkpoint note.
    public func checkpoint() async throws -> [UInt8]? {
        try await store.readCheckpoint()
    }

    private func checkSize(_ treeSize: UInt64) throws(LogError) {
        guard treeSize <= treeHead.size else {
            throw LogError(.indexOutOfRange, "tree size \(treeSize) is beyond the integrated size \(treeHead.size)")
        }
    }
}
