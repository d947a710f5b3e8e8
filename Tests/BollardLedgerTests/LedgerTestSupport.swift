import BollardLedger
import BollardLog
import Foundation

let testOrigin = "bollard.example/ledger-test"

/// A log key and a separate ledger key, as in production.
struct Keys {
    let log: SignerKey
    let ledger: SignerKey
    let checkpointSigner: CheckpointSigner

    init() throws {
        log = try SignerKey.generate(name: testOrigin)
        ledger = try SignerKey.generate(name: "bollard.example/ledger")
        checkpointSigner = try CheckpointSigner(origin: testOrigin, signers: [log.signer])
    }

    /// A signed checkpoint for a tree of `size` with a root derived from the size.
    func checkpoint(size: UInt64, salt: UInt8 = 0) throws -> AnchorSubmission {
        var bytes = [UInt8](repeating: salt, count: 32)
        bytes[0] = UInt8(truncatingIfNeeded: size)
        bytes[1] = UInt8(truncatingIfNeeded: size >> 8)
        let root = MerkleHash(bytes: bytes) ?? RFC9162.emptyRoot
        let note = try checkpointSigner.signedCheckpoint(size: size, root: root)
        return try AnchorSubmission(signedNote: note)
    }
}

func temporaryPath(_ name: String) -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bollard-ledger-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent(name).path
}

func readFile(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

func writeFile(_ path: String, _ bytes: [UInt8]) throws { try Data(bytes).write(to: URL(fileURLWithPath: path)) }

/// A fixed clock for deterministic record times.
let fixedNow: @Sendable () -> Int64 = { 1_790_000_000 }
