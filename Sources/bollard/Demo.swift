import ArgumentParser
import BollardLog
import Foundation

/// `bollard demo`: the log half of the Busan story, on the embedded default (files, no server).
///
/// Until the provenance engine and the stores land, the demo shows what everything else will
/// rest on: custody records appended in batches to an RFC 9162 log kept as C2SP tiles, one
/// signed checkpoint per batch, an inclusion proof for a receipt checked against the signed
/// checkpoint with only the log's public key, and a consistency proof between checkpoints.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the Busan scenario's log on the embedded default and print what it proves.",
        discussion: """
            Writes into --data (default: a new folder under the system temp directory) and
            prints its path. Running it again on the same folder reopens the log and appends
            the story once more, so the consistency proof then spans both runs.

            Example:
              swift run -c release bollard demo
              swift run -c release bollard demo --data /var/tmp/bollard-demo
            """
    )

    @Option(help: "Folder for the log's tiles, checkpoints and keys.")
    var data: String?

    func run() async throws {
        let folder = URL(fileURLWithPath: data ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("bollard-demo-\(Int(Date().timeIntervalSince1970))").path)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let keys = try LogKeys.loadOrCreate(in: folder, origin: "bollard.example/busan-bonded-1")
        let store = try FileTileStore(directory: folder.appendingPathComponent("log").path)
        let signer = try CheckpointSigner(skey: keys.skey)
        let log = try await TransparencyLog.open(store: store, signer: signer, policy: .everyBatch)
        let verifiers = try NoteVerifiers(vkeys: [keys.vkey])

        let startSize = await log.treeHead.size
        let firstCheckpoint = try await store.readCheckpoint()
        print("Bollard demo — the Busan story's custody records in a verifiable log")
        print("log origin  \(signer.origin)")
        print("public key  \(keys.vkey)\n")

        var receiptIndex: UInt64?
        var receiptEntry: [UInt8] = []
        for (step, records) in BusanStory.steps {
            let result = try await log.append(records.map { Array($0.utf8) })
            let note = try await store.readCheckpoint() ?? []
            let checkpoint = try Checkpoint.open(note, verifiers: verifiers, origin: signer.origin)
            print("• \(step): \(records.count) records at indices \(result.indices.lowerBound)…\(result.indices.upperBound - 1); checkpoint size \(checkpoint.size), root \(checkpoint.root.hex.prefix(16))…")
            if let i = records.firstIndex(where: { $0.contains("\"receipt\":\"WR-W1-0001\"") }) {
                receiptIndex = result.firstIndex + UInt64(i)
                receiptEntry = Array(records[i].utf8)
            }
        }

        // What a customs officer does with nothing but the public key and the published note.
        let note = try await store.readCheckpoint() ?? []
        let checkpoint = try Checkpoint.open(note, verifiers: verifiers, origin: signer.origin)
        print("\nLatest signed checkpoint:\n\(String(decoding: note, as: UTF8.self))")
        if let index = receiptIndex {
            let proof = try await log.inclusionProof(index: index, treeSize: checkpoint.size)
            try proof.verify(leafHash: RFC9162.leafHash(receiptEntry), root: checkpoint.root)
            print("✓ receipt WR-W1-0001 (index \(index)) is in the checkpointed tree: \(proof.hashes.count)-hash inclusion proof verified")
            var forged = receiptEntry
            forged[forged.count - 2] ^= 0x01
            let refused = (try? proof.verify(leafHash: RFC9162.leafHash(forged), root: checkpoint.root)) == nil
            print("\(refused ? "✓" : "✗") an altered copy of the same record is refused by the same proof")
        }
        // From the checkpoint that existed before this run, or (on a new log, whose first
        // checkpoint is the empty tree) from the first batch's checkpoint.
        let earlier = try firstCheckpoint.map { try Checkpoint.open($0, verifiers: verifiers, origin: signer.origin) }
        let fromSize: UInt64
        let fromRoot: MerkleHash
        if let earlier, earlier.size > 0 {
            (fromSize, fromRoot) = (earlier.size, earlier.root)
        } else {
            fromSize = startSize + UInt64(BusanStory.steps[0].records.count)
            fromRoot = try await log.rootHash(treeSize: fromSize)
        }
        let consistency = try await log.consistencyProof(size1: fromSize, size2: checkpoint.size)
        try consistency.verify(root1: fromRoot, root2: checkpoint.root)
        print("✓ the tree of size \(fromSize) is a prefix of the tree of size \(checkpoint.size): \(consistency.hashes.count)-hash consistency proof verified")
        print("\nData written to \(folder.path)")
        print("  log/        C2SP tlog-tiles: tile/<L>/<N>, tile/entries/<N>, checkpoint")
        print("  log.key     the log's signing key (C2SP signed-note skey, mode 0600)")
        print("  log.pub     its verifier key (vkey), all anyone needs to check a checkpoint")
    }
}

/// The log's Ed25519 signing key, kept beside the log as a C2SP skey (mode 0600) with its vkey.
struct LogKeys {
    var skey: String
    var vkey: String

    static func loadOrCreate(in folder: URL, origin: String) throws -> LogKeys {
        let keyFile = folder.appendingPathComponent("log.key")
        let pubFile = folder.appendingPathComponent("log.pub")
        if FileManager.default.fileExists(atPath: keyFile.path) {
            let attributes = try FileManager.default.attributesOfItem(atPath: keyFile.path)
            if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
                throw ValidationError("\(keyFile.path) is readable by others (mode \(String(mode, radix: 8))); chmod 600 it")
            }
            let skey = try String(contentsOf: keyFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            let key = try SignerKey(parsing: skey)
            return LogKeys(skey: skey, vkey: key.verifierKey.encoded)
        }
        let pair = try SignerKey.generateEncoded(name: origin)
        guard FileManager.default.createFile(
            atPath: keyFile.path, contents: Data((pair.skey + "\n").utf8), attributes: [.posixPermissions: 0o600])
        else { throw ValidationError("cannot write \(keyFile.path)") }
        try Data((pair.vkey + "\n").utf8).write(to: pubFile)
        return LogKeys(skey: pair.skey, vkey: pair.vkey)
    }
}
