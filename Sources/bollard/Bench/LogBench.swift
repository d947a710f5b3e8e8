import ArgumentParser
import BollardLog
import Foundation

/// `bollard bench log`: the Merkle log's hot paths against the SHA-256 bound on this machine.
struct LogBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Leaves appended per second, root time, proofs per second, and the SHA-256 bound.",
        discussion: """
            Appends N entries (b"bollard-bench-%012d" % i, the same bytes ops/bench/log.sh gives
            pymerkle) to an in-memory RFC 9162 tree and computes the root; then generates and
            verifies inclusion and consistency proofs at random indices; then appends the same
            entries through the tiled log writer in batches (in memory, and on disk with fsync).
            The SHA-256 rate for 64-byte messages is measured in the same process: a leaf costs
            about 3 compressions (one for the leaf hash, two for its share of node hashes), so
            the bound is (64-byte hashes per second) × 2 / 3 leaves per second.

            Example:
              swift run -c release bollard bench log --leaves 1000000
              ops/bench/log.sh 1000000        # the same against pymerkle, with ratios
            """
    )

    @Option(help: "Number of leaves.")
    var leaves: Int = 1_000_000

    @Option(help: "Number of proofs to generate and verify.")
    var proofs: Int = 100_000

    @Option(help: "Entries per batch for the tiled-log runs.")
    var batch: Int = 256

    @Option(help: "Leaves for the tiled-log runs (default: min(leaves, 200000)); 0 skips them.")
    var tiledLeaves: Int?

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func validate() throws {
        guard leaves > 0 else { throw ValidationError("--leaves must be positive") }
        guard proofs > 0 else { throw ValidationError("--proofs must be positive") }
        guard batch > 0 else { throw ValidationError("--batch must be positive") }
    }

    func run() async throws {
        let entries = Self.entries(count: leaves)
        let clock = ContinuousClock()
        let sha64 = SHA256Rate.messages64PerSecond()

        // Append + root: the pymerkle comparison.
        var tree = StoredHashTree(reservingCapacity: leaves)
        let appendStart = clock.now
        for e in entries { tree.append(entry: e) }
        let appended = clock.now
        let root = try tree.rootHash()
        let rooted = clock.now
        let appendSeconds = (appended - appendStart).seconds
        let rootSeconds = (rooted - appended).seconds
        let leavesPerSecond = Double(leaves) / (rooted - appendStart).seconds
        let bound = sha64 * 2 / 3

        // Proofs at seeded random indices.
        var rng = SplitMix64(seed: 42)
        let size = UInt64(leaves)
        let indices = (0..<proofs).map { _ in rng.next() % size }
        let genStart = clock.now
        var inclusion = [InclusionProof]()
        inclusion.reserveCapacity(proofs)
        for i in indices { inclusion.append(try tree.inclusionProof(index: i, treeSize: size)) }
        let genSeconds = (clock.now - genStart).seconds
        let leafHashes = indices.map { RFC9162.leafHash(entries[Int($0)]) }
        let verifyStart = clock.now
        for (proof, leaf) in zip(inclusion, leafHashes) { try proof.verify(leafHash: leaf, root: root) }
        let verifySeconds = (clock.now - verifyStart).seconds

        let firstSizes = indices.map { $0 + 1 }
        let consStart = clock.now
        var consistency = [ConsistencyProof]()
        consistency.reserveCapacity(proofs)
        for m in firstSizes { consistency.append(try tree.consistencyProof(size1: m, size2: size)) }
        let consGenSeconds = (clock.now - consStart).seconds
        let firstRoots = try firstSizes.map { try tree.rootHash(treeSize: $0) }
        let consVerifyStart = clock.now
        for (proof, r1) in zip(consistency, firstRoots) { try proof.verify(root1: r1, root2: root) }
        let consVerifySeconds = (clock.now - consVerifyStart).seconds

        // The tiled writer, batched, with a checkpoint per batch.
        let tiled = min(tiledLeaves ?? min(leaves, 200_000), leaves)
        var memoryRate = 0.0, fileRate = 0.0
        if tiled > 0 {
            let slice = Array(entries[0..<tiled])
            memoryRate = try await Self.tiledRate(store: MemoryTileStore(), entries: slice, batch: batch)
            let dir = FileManager.default.temporaryDirectory
                .appendingPathComponent("bollard-bench-\(ProcessInfo.processInfo.processIdentifier)")
            defer { try? FileManager.default.removeItem(at: dir) }
            fileRate = try await Self.tiledRate(store: FileTileStore(directory: dir.path), entries: slice, batch: batch)
        }

        let report: [(String, Any)] = [
            ("leaves", leaves),
            ("root", root.hex),
            ("append_seconds", appendSeconds),
            ("root_seconds", rootSeconds),
            ("leaves_per_second", leavesPerSecond),
            ("sha256_64B_hashes_per_second", sha64),
            ("sha256_bound_leaves_per_second", bound),
            ("fraction_of_sha256_bound", leavesPerSecond / bound),
            ("proofs_generated_per_second", Double(proofs) / genSeconds),
            ("proofs_verified_per_second", Double(proofs) / verifySeconds),
            ("consistency_generated_per_second", Double(proofs) / consGenSeconds),
            ("consistency_verified_per_second", Double(proofs) / consVerifySeconds),
            ("tiled_leaves", tiled),
            ("tiled_batch", batch),
            ("tiled_memory_entries_per_second", memoryRate),
            ("tiled_file_fsync_entries_per_second", fileRate),
        ]
        if json {
            let object = Dictionary(uniqueKeysWithValues: report)
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print("""
                leaves                      \(leaves)
                root                        \(root.hex)
                append + root               \(Self.rate(leavesPerSecond)) leaves/s (append \(Self.ms(appendSeconds)), root \(Self.ms(rootSeconds)))
                SHA-256, 64-byte messages   \(Self.rate(sha64)) hashes/s → bound \(Self.rate(bound)) leaves/s
                fraction of the bound       \(String(format: "%.0f%%", 100 * leavesPerSecond / bound))
                inclusion proofs            \(Self.rate(Double(proofs) / genSeconds)) generated/s, \(Self.rate(Double(proofs) / verifySeconds)) verified/s
                consistency proofs          \(Self.rate(Double(proofs) / consGenSeconds)) generated/s, \(Self.rate(Double(proofs) / consVerifySeconds)) verified/s
                tiled writer (\(tiled) leaves, batches of \(batch), checkpoint per batch)
                  in memory                 \(Self.rate(memoryRate)) entries/s
                  files, fsync per batch    \(Self.rate(fileRate)) entries/s
                """)
        }
    }

    static func entries(count: Int) -> [[UInt8]] {
        (0..<count).map { Array(String(format: "bollard-bench-%012d", $0).utf8) }
    }

    static func tiledRate<S: TileStore>(store: S, entries: [[UInt8]], batch: Int) async throws -> Double {
        let signer = try CheckpointSigner(skey: SignerKey.generate(name: "bench.bollard.example/log").encoded)
        let log = try await TransparencyLog.open(store: store, signer: signer, policy: .everyBatch)
        let clock = ContinuousClock()
        let start = clock.now
        var i = 0
        while i < entries.count {
            let end = min(i + batch, entries.count)
            _ = try await log.append(Array(entries[i..<end]))
            i = end
        }
        return Double(entries.count) / (clock.now - start).seconds
    }

    static func rate(_ x: Double) -> String {
        if x >= 1e6 { return String(format: "%.2f M", x / 1e6) }
        if x >= 1e3 { return String(format: "%.1f k", x / 1e3) }
        return String(format: "%.0f", x)
    }

    static func ms(_ s: Double) -> String { String(format: "%.1f ms", s * 1000) }
}

/// A small seeded generator so that benchmark runs pick the same indices every time.
struct SplitMix64: RandomNumberGenerator {
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
