import BollardIngest
import BollardLedger
import BollardLog
import BollardStore
import Foundation
import Testing

/// The local ledger in the store (`StoreLedger` over `ledger_records`), on every backend, and
/// the one-time import of an older data folder's ledger file.
@Suite struct StoreLedgerTests {
    static let ledgerKey: SignerKey = {
        do { return try SignerKey.generate(name: "bollard.test/ingest/ledger") } catch { fatalError("\(error)") }
    }()

    static func checkpoint(_ size: UInt64, salt: UInt8 = 0) throws -> AnchorSubmission {
        var bytes = [UInt8](repeating: salt, count: 32)
        bytes[0] = UInt8(truncatingIfNeeded: size)
        bytes[1] = UInt8(truncatingIfNeeded: size >> 8)
        let root = try #require(MerkleHash(bytes: bytes))
        return try AnchorSubmission(signedNote: try TestKeys.signer().signedCheckpoint(size: size, root: root))
    }

    /// Two processes' ledgers (two connections) anchoring at once build one chain: every record
    /// verifies, sizes strictly grow, each submission is covered by an anchor at least its size,
    /// and both ledgers answer the same.
    @Test(arguments: Backend.selected)
    func workersOnOneStoreShareOneChain(backend: Backend) async throws {
        try await withDatabase(backend) { store, db in try await sharedChain(store, db) }
    }

    func sharedChain<S: Store>(_ store: S, _ db: Database) async throws {
        let second = try #require(try await db.open() as? S)
        let a = StoreLedger(store: store, key: Self.ledgerKey)
        let b = StoreLedger(store: second, key: Self.ledgerKey)
        let covered = try await withThrowingTaskGroup(of: Bool.self) { group in
            for size in UInt64(1)...24 {
                let ledger = size % 2 == 0 ? a : b
                group.addTask {
                    let anchor = try await ledger.submit(try Self.checkpoint(size))
                    return anchor.size >= size && anchor.state == .confirmed
                }
            }
            return try await group.allSatisfy { $0 }
        }
        #expect(covered)
        let records = try await store.ledgerRecords(from: 0)
        let chain = try LocalLedger.verifyChain(records, ledgerKey: Self.ledgerKey.verifierKey)
        #expect(!chain.isEmpty && chain.last?.record.size == 24)
        #expect(zip(chain, chain.dropFirst()).allSatisfy { $0.record.size < $1.record.size })
        #expect(try await a.anchors() == b.anchors())
        #expect(try await a.anchors().count == records.count)
        try await second.close()
    }

    /// An older data folder's `ledger` file: imported once (records byte for byte, the file
    /// renamed `ledger.imported`), then nothing more to import; the ledger carries on from it.
    @Test(arguments: Backend.selected)
    func anOldLedgerFileIsImportedOnce(backend: Backend) async throws {
        try await withDatabase(backend) { store, _ in try await importOnce(store) }
    }

    func importOnce<S: Store>(_ store: S) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bollard-ledger-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let notes = try await Self.writeFileLedger(folder.appendingPathComponent("ledger").path, sizes: [3, 7, 12])

        let report = try await LedgerFileImport.importIfPresent(folder: folder, into: store, key: Self.ledgerKey)
        #expect(report?.records == 3 && report?.appended == 3)
        #expect(try await store.ledgerRecords(from: 0) == notes)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("ledger").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("ledger.imported").path))
        #expect(try await LedgerFileImport.importIfPresent(folder: folder, into: store, key: Self.ledgerKey) == nil)

        let ledger = StoreLedger(store: store, key: Self.ledgerKey)
        #expect(try await ledger.anchors().map(\.size) == [3, 7, 12])
        let next = try await ledger.submit(try Self.checkpoint(20))
        #expect(next.id == "local:3" && next.size == 20)
    }

    /// A file whose chain disagrees with the store's ledger, or is not signed by the ledger key,
    /// is refused: nothing is appended and the file stays where it is.
    @Test(arguments: Backend.selected)
    func aDisagreeingOrForeignLedgerFileIsRefused(backend: Backend) async throws {
        try await withDatabase(backend) { store, _ in try await refuseImport(store) }
    }

    func refuseImport<S: Store>(_ store: S) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bollard-ledger-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try await StoreLedger(store: store, key: Self.ledgerKey).submit(try Self.checkpoint(5))
        let before = try await store.ledgerRecords(from: 0)
        let path = folder.appendingPathComponent("ledger").path

        _ = try await Self.writeFileLedger(path, sizes: [4, 9])
        await #expect(throws: LedgerError.self) {
            try await LedgerFileImport.importIfPresent(folder: folder, into: store, key: Self.ledgerKey)
        }
        #expect(try await store.ledgerRecords(from: 0) == before)
        #expect(FileManager.default.fileExists(atPath: path))

        try FileManager.default.removeItem(atPath: path)
        _ = try await Self.writeFileLedger(path, sizes: [5], key: try SignerKey.generate(name: "bollard.test/other-ledger"))
        let foreign = await #expect(throws: LedgerError.self) {
            try await LedgerFileImport.importIfPresent(folder: folder, into: store, key: Self.ledgerKey)
        }
        #expect(foreign?.code == .badSignature)
        #expect(try await store.ledgerRecords(from: 0) == before)
    }

    /// A ledger file as an older bollard wrote it; closed (its lock released) on return.
    static func writeFileLedger(_ path: String, sizes: [UInt64], key: SignerKey = ledgerKey) async throws -> [[UInt8]] {
        let file = try FileLedgerStore.open(path: path)
        let ledger = try await LocalLedger.open(store: file, key: key)
        for size in sizes { _ = try await ledger.submit(try checkpoint(size, salt: 9)) }
        return try await file.readAll()
    }
}
