import BollardLedger
import BollardLog
import BollardStore
import Foundation

/// Moves a data folder's old ledger file (`FileLedgerStore`, the embedded ledger before it
/// lived in the database) into the store's `ledger_records`, once: the file's chain is verified
/// with the ledger key, appended after whatever part of it the store already holds (an import
/// cut short resumes), and the file renamed `ledger.imported`. A store whose ledger disagrees
/// with the file is refused, changing nothing: two chains cannot be merged.
public enum LedgerFileImport {
    public static let fileName = "ledger"
    public static let importedName = "ledger.imported"

    public struct Report: Sendable, Hashable {
        /// Records in the file.
        public var records: Int
        /// Of those, the ones this call appended (the rest were already in the store).
        public var appended: Int
    }

    /// Imports `folder/ledger` if it is there; nil when there is none.
    @discardableResult
    public static func importIfPresent(folder: URL, into store: some Store, key: SignerKey,
                                       lockTimeout: Duration = .seconds(30)) async throws -> Report? {
        let path = folder.appendingPathComponent(fileName).path
        let deadline = ContinuousClock.now + lockTimeout
        while true {
            guard FileManager.default.fileExists(atPath: path) else { return nil }
            let file: FileLedgerStore
            do {
                // Not created when missing: another process may have just imported and renamed it.
                file = try FileLedgerStore.open(path: path, create: false)
            } catch {
                // Locked by another process (importing it, or an older bollard still using it).
                guard FileManager.default.fileExists(atPath: path), ContinuousClock.now < deadline else {
                    if FileManager.default.fileExists(atPath: path) { throw error }
                    return nil
                }
                try await Task.sleep(for: .milliseconds(50))
                continue
            }
            let report = try await importRecords(try await file.readAll(), from: path, into: store, key: key)
            try FileManager.default.moveItem(atPath: path, toPath: folder.appendingPathComponent(importedName).path)
            return report
        }
    }

    static func importRecords(_ notes: [[UInt8]], from path: String, into store: some Store, key: SignerKey) async throws -> Report {
        do throws(LedgerError) {
            _ = try LocalLedger.verifyChain(notes, ledgerKey: key.verifierKey)
        } catch {
            throw LedgerError(error.code, "\(path): \(error.context)")
        }
        var attempt = 0
        while true {
            let existing = try await store.ledgerRecords(from: 0)
            if existing.starts(with: notes) { return Report(records: notes.count, appended: 0) }
            guard notes.starts(with: existing) else {
                throw LedgerError(.brokenChain, """
                    \(path) holds \(notes.count) ledger records that disagree with the \(existing.count) in the store: \
                    the store already has another ledger; move the file away to keep the store's
                    """)
            }
            do {
                for i in existing.count..<notes.count {
                    try await store.appendLedgerRecord(notes[i], sequence: UInt64(i))
                }
                return Report(records: notes.count, appended: notes.count - existing.count)
            } catch let error as StoreError where error.code == .conflict && attempt < 3 {
                attempt += 1  // Another importer is appending the same records: compare again.
            }
        }
    }
}
