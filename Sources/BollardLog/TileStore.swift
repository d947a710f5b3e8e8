import Crypto
/// Where a tiled log keeps its state: the public resources of C2SP tlog-tiles (tiles, entry
/// bundles, the latest checkpoint) and the private ones the writer needs to be crash-safe (the
/// integrated tree head and the journal of sequenced batches).
///
/// Storage-agnostic on purpose — files, a database or an object store can implement it. Every
/// write must be durable when it returns. Full tiles and bundles are immutable: writing one
/// again with different bytes must fail with `.immutableResourceChanged` (identical bytes are
/// accepted, so a repaired batch can be re-integrated); partial ones may be replaced.
///
/// Each tree size the writer integrates leaves its own partial tiles (`.p/<W>` is part of the
/// name). Readers serve proofs for older sizes from them, and fall back to the full tile when a
/// store has dropped a partial one after the full one was written, as tlog-tiles allows.
public protocol TileStore: Sendable {
    func readTile(_ id: TileID) async throws -> [UInt8]?
    func writeTile(_ id: TileID, _ bytes: [UInt8]) async throws

    func readEntryBundle(_ id: EntryBundleID) async throws -> [UInt8]?
    func writeEntryBundle(_ id: EntryBundleID, _ bytes: [UInt8]) async throws

    /// The latest signed checkpoint (tlog-tiles §Checkpoints), as served.
    func readCheckpoint() async throws -> [UInt8]?
    func writeCheckpoint(_ note: [UInt8]) async throws

    /// The tree head all tiles and bundles have been written for: the commit point of
    /// integration.
    func readTreeHead() async throws -> TreeHead?
    func writeTreeHead(_ head: TreeHead) async throws

    /// Durably records a batch whose indices are assigned but not yet integrated. Returning is
    /// the acknowledgment that the entries will be in the log.
    func writeSequencedBatch(_ batch: SequencedBatch) async throws
    /// Every recorded batch, in index order.
    func readSequencedBatches() async throws -> [SequencedBatch]
    /// Drops a batch once its entries are integrated (they live on in the entry bundles).
    func deleteSequencedBatch(firstIndex: UInt64) async throws

    /// Writes one integration's tiles, bundles, tree head, journal deletions and checkpoint.
    /// The default writes them one by one in a crash-safe order; a database store writes them
    /// in one transaction (all or nothing), so an integration costs one durable commit.
    func writeIntegration(_ integration: Integration) async throws
}

/// An RFC 9162 §4.10 tree head without signature: the size and root of the integrated tree.
public struct TreeHead: Hashable, Sendable {
    public var size: UInt64
    public var rootHash: MerkleHash

    public init(size: UInt64, rootHash: MerkleHash) {
        self.size = size
        self.rootHash = rootHash
    }

    public static let empty = TreeHead(size: 0, rootHash: RFC9162.emptyRoot)

    /// 40 bytes: big-endian size, then the root.
    public var encoded: [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(40)
        for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: size >> UInt64(shift))) }
        out.append(contentsOf: rootHash.bytes)
        return out
    }

    public init(decoding bytes: [UInt8]) throws(LogError) {
        guard bytes.count == 40, let root = MerkleHash(bytes: bytes[8..<40]) else {
            throw LogError(.treeHeadMismatch, "stored tree head is \(bytes.count) bytes, expected 40")
        }
        self.size = bytes[0..<8].reduce(0) { $0 << 8 | UInt64($1) }
        self.rootHash = root
    }
}

/// Entries whose indices are `firstIndex ..< firstIndex + entries.count`, durably assigned
/// before integration (the "sequencing" step of Tessera and Trillian).
public struct SequencedBatch: Hashable, Sendable {
    public var firstIndex: UInt64
    public var entries: [[UInt8]]

    public init(firstIndex: UInt64, entries: [[UInt8]]) {
        self.firstIndex = firstIndex
        self.entries = entries
    }

    public var endIndex: UInt64 { firstIndex + UInt64(entries.count) }

    static let magic: [UInt8] = Array("BLJ1".utf8)

    /// A self-checking encoding for stores that keep batches as blobs: magic, big-endian first
    /// index and count, uint32-length-prefixed entries, then SHA-256 of all preceding bytes, so
    /// a torn or corrupted record is detected rather than integrated.
    public var encoded: [UInt8] {
        var out = Self.magic
        out.reserveCapacity(entries.reduce(60) { $0 + 4 + $1.count })
        Self.appendBigEndian(firstIndex, 8, &out)
        Self.appendBigEndian(UInt64(entries.count), 8, &out)
        for e in entries {
            Self.appendBigEndian(UInt64(e.count), 4, &out)
            out.append(contentsOf: e)
        }
        out.append(contentsOf: Self.checksum(out[...]).bytes)
        return out
    }

    public init(decoding bytes: [UInt8], name: String) throws(LogError) {
        guard bytes.count >= 52, Array(bytes[0..<4]) == Self.magic else {
            throw LogError(.corruptJournal, "\(name): too short or bad magic")
        }
        let body = bytes[0..<(bytes.count - 32)]
        guard Self.checksum(body).bytes == Array(bytes[(bytes.count - 32)...]) else {
            throw LogError(.corruptJournal, "\(name): checksum mismatch (torn or corrupted write)")
        }
        var i = 4
        let first = Self.readBigEndian(bytes, &i, 8)
        let count = Self.readBigEndian(bytes, &i, 8)
        var entries = [[UInt8]]()
        entries.reserveCapacity(Int(min(count, 1 << 20)))
        for k in 0..<count {
            guard i + 4 <= body.count else { throw LogError(.corruptJournal, "\(name): entry \(k) truncated") }
            let length = Int(Self.readBigEndian(bytes, &i, 4))
            guard i + length <= body.count else { throw LogError(.corruptJournal, "\(name): entry \(k) truncated") }
            entries.append(Array(bytes[i..<(i + length)]))
            i += length
        }
        guard i == body.count else { throw LogError(.corruptJournal, "\(name): \(body.count - i) trailing bytes") }
        self.firstIndex = first
        self.entries = entries
    }

    static func checksum(_ bytes: ArraySlice<UInt8>) -> MerkleHash {
        var hasher = SHA256()
        bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return hasher.finalize().withUnsafeBytes { MerkleHash(unsafeFrom: $0) }
    }

    static func appendBigEndian(_ v: UInt64, _ width: Int, _ out: inout [UInt8]) {
        for k in stride(from: width - 1, through: 0, by: -1) { out.append(UInt8(truncatingIfNeeded: v >> UInt64(8 * k))) }
    }

    static func readBigEndian(_ bytes: [UInt8], _ i: inout Int, _ width: Int) -> UInt64 {
        var v: UInt64 = 0
        for k in 0..<width { v = v << 8 | UInt64(bytes[i + k]) }
        i += width
        return v
    }
}
