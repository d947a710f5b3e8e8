import BollardLog
import Foundation

/// SplitMix64: a tiny seeded generator so property tests are reproducible.
struct SeededRNG: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Entry `i` of the synthetic logs: short, distinct, of varying length.
func syntheticEntry(_ i: UInt64) -> [UInt8] {
    var out = Array("entry-\(i)".utf8)
    out.append(contentsOf: repeatElement(UInt8(truncatingIfNeeded: i), count: Int(i % 7)))
    return out
}

/// A checkpoint signer test double: the C2SP tlog-checkpoint body plus a fixed signature line.
/// It does not sign; the log only needs the bytes and the size on line 2.
struct TestSigner: CheckpointSigning {
    var origin = "bollard.example/test-log"
    func signedCheckpoint(size: UInt64, root: MerkleHash) throws -> [UInt8] {
        Array("\(origin)\n\(size)\n\(root.base64)\n\n— test AAAA\n".utf8)
    }
}

struct SignerFailure: Error {}

struct FailingSigner: CheckpointSigning {
    var origin = "bollard.example/failing"
    func signedCheckpoint(size: UInt64, root: MerkleHash) throws -> [UInt8] { throw SignerFailure() }
}

/// The simulated crash: every store operation after the budget fails, as if the process died.
struct SimulatedCrash: Error {}

/// Wraps a store, counts its operations and "crashes" after `budget` mutating ones, leaving the
/// wrapped store in whatever intermediate state the writer had reached.
actor CrashingStore<Base: TileStore>: TileStore {
    let base: Base
    var budget: Int?
    private(set) var mutations: [String] = []
    private(set) var checkpointWrites = 0

    init(_ base: Base, budget: Int? = nil) {
        self.base = base
        self.budget = budget
    }

    func setBudget(_ b: Int?) { budget = b }

    private func spend(_ what: String) throws {
        if let budget {
            guard budget > 0 else { throw SimulatedCrash() }
            self.budget = budget - 1
        }
        mutations.append(what)
    }

    func readTile(_ id: TileID) async throws -> [UInt8]? { try await base.readTile(id) }
    func writeTile(_ id: TileID, _ bytes: [UInt8]) async throws {
        try spend(id.path)
        try await base.writeTile(id, bytes)
    }
    func readEntryBundle(_ id: EntryBundleID) async throws -> [UInt8]? { try await base.readEntryBundle(id) }
    func writeEntryBundle(_ id: EntryBundleID, _ bytes: [UInt8]) async throws {
        try spend(id.path)
        try await base.writeEntryBundle(id, bytes)
    }
    func readCheckpoint() async throws -> [UInt8]? { try await base.readCheckpoint() }
    func writeCheckpoint(_ note: [UInt8]) async throws {
        try spend("checkpoint")
        checkpointWrites += 1
        try await base.writeCheckpoint(note)
    }
    func readTreeHead() async throws -> TreeHead? { try await base.readTreeHead() }
    func writeTreeHead(_ head: TreeHead) async throws {
        try spend("tree-head")
        try await base.writeTreeHead(head)
    }
    private var held: CheckedContinuation<Void, Never>?
    private var holdNextJournal = false
    /// Makes the next journal write wait until `release()`, so a test can queue work behind a
    /// batch that is in flight.
    func holdJournal() { holdNextJournal = true }
    var isHolding: Bool { held != nil }
    func release() {
        held?.resume()
        held = nil
    }

    func writeSequencedBatch(_ batch: SequencedBatch) async throws {
        if holdNextJournal {
            holdNextJournal = false
            await withCheckedContinuation { held = $0 }
        }
        try spend("journal+\(batch.firstIndex)")
        try await base.writeSequencedBatch(batch)
    }
    func readSequencedBatches() async throws -> [SequencedBatch] { try await base.readSequencedBatches() }
    func deleteSequencedBatch(firstIndex: UInt64) async throws {
        try spend("journal-\(firstIndex)")
        try await base.deleteSequencedBatch(firstIndex: firstIndex)
    }
}

/// A fresh empty directory under the system temporary directory.
func temporaryDirectory(_ name: String) throws -> String {
    let path = NSTemporaryDirectory() + "bollard-\(name)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// RFC 9162 §2.1.1 MTH, written directly from the definition as an independent reference.
func referenceMTH(_ leaves: ArraySlice<MerkleHash>) -> MerkleHash {
    if leaves.isEmpty { return RFC9162.emptyRoot }
    if leaves.count == 1 { return leaves[leaves.startIndex] }
    var k = 1
    while k * 2 < leaves.count { k *= 2 }
    let mid = leaves.startIndex + k
    return RFC9162.nodeHash(referenceMTH(leaves[..<mid]), referenceMTH(leaves[mid...]))
}

/// RFC 9162 §2.1.3.1 PATH(m, D[n]), from the definition.
func referencePath(_ m: Int, _ leaves: ArraySlice<MerkleHash>) -> [MerkleHash] {
    if leaves.count <= 1 { return [] }
    var k = 1
    while k * 2 < leaves.count { k *= 2 }
    let mid = leaves.startIndex + k
    if m < k { return referencePath(m, leaves[..<mid]) + [referenceMTH(leaves[mid...])] }
    return referencePath(m - k, leaves[mid...]) + [referenceMTH(leaves[..<mid])]
}

/// RFC 9162 §2.1.4.1 SUBPROOF(m, D[n], b), from the definition.
func referenceSubproof(_ m: Int, _ leaves: ArraySlice<MerkleHash>, _ b: Bool) -> [MerkleHash] {
    if m == leaves.count { return b ? [] : [referenceMTH(leaves)] }
    var k = 1
    while k * 2 < leaves.count { k *= 2 }
    let mid = leaves.startIndex + k
    if m <= k { return referenceSubproof(m, leaves[..<mid], b) + [referenceMTH(leaves[mid...])] }
    return referenceSubproof(m - k, leaves[mid...], false) + [referenceMTH(leaves[..<mid])]
}

func flipBit(_ h: MerkleHash, _ bit: Int) -> MerkleHash {
    var bytes = h.bytes
    bytes[bit / 8] ^= UInt8(1 << (bit % 8))
    return MerkleHash(bytes: bytes) ?? h
}
