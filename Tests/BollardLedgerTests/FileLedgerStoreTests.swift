import BollardLog
import Foundation
import Testing

@testable import BollardLedger

struct FileLedgerStoreTests {
    /// A file ledger with `sizes` anchored; returns its path and stored notes.
    func makeLedger(_ keys: Keys, sizes: [UInt64]) async throws -> (String, [[UInt8]]) {
        let path = temporaryPath("ledger")
        let store = try FileLedgerStore.open(path: path)
        let ledger = try await LocalLedger.open(store: store, key: keys.ledger, now: fixedNow)
        for size in sizes { _ = try await ledger.submit(try keys.checkpoint(size: size)) }
        return (path, try await store.readAll())
    }

    @Test func recordsSurviveReopen() async throws {
        let keys = try Keys()
        let (path, notes) = try await makeLedger(keys, sizes: [2, 5, 9])
        let reopened = try FileLedgerStore.open(path: path)
        #expect(reopened.recoveredTornBytes == 0)
        #expect(try await reopened.readAll() == notes)
        let ledger = try await LocalLedger.open(store: reopened, key: keys.ledger, now: fixedNow)
        #expect(try await ledger.anchors().map(\.size) == [2, 5, 9])
        #expect(try readFile(path).count == notes.reduce(0) { $0 + $1.count + LedgerFrame.headerLength + LedgerFrame.trailerLength })
    }

    /// Any single edited byte of the file — frame header, record text, signature, checksum — is
    /// refused on open, never mistaken for a torn tail and silently dropped.
    @Test func everyEditedByteIsDetectedOnOpen() async throws {
        let keys = try Keys()
        let (path, _) = try await makeLedger(keys, sizes: [2, 5, 9])
        let original = try readFile(path)
        for i in original.indices {
            var edited = original
            edited[i] ^= 0x20
            try writeFile(path, edited)
            do {
                let store = try FileLedgerStore.open(path: path)
                _ = try await LocalLedger.open(store: store, key: keys.ledger)
                Issue.record("edit at byte \(i) of \(original.count) went undetected")
            } catch let error as LedgerError {
                #expect([.corruptStore, .badSignature, .malformedRecord, .brokenChain].contains(error.code))
            }
        }
    }

    /// A crash mid-append leaves a proper prefix of a frame: open truncates exactly that prefix,
    /// keeps every complete record, and later appends land after them.
    @Test func tornLastRecordIsTruncatedOnOpen() async throws {
        let keys = try Keys()
        let (path, notes) = try await makeLedger(keys, sizes: [2, 5])
        let complete = try readFile(path)
        let nextFrame = LedgerFrame.encode(Array("a record that never finished".utf8))
        for cut in [1, 4, 11, 12, 20, nextFrame.count - 1] {
            try writeFile(path, complete + nextFrame.prefix(cut))
            let store = try FileLedgerStore.open(path: path)
            #expect(store.recoveredTornBytes == cut)
            #expect(try await store.readAll() == notes)
            #expect(try readFile(path) == complete)
        }
        do {
            let ledger = try await LocalLedger.open(store: try FileLedgerStore.open(path: path), key: keys.ledger, now: fixedNow)
            _ = try await ledger.submit(try keys.checkpoint(size: 8))
        }
        let reopened = try await LocalLedger.open(store: try FileLedgerStore.open(path: path), key: keys.ledger)
        #expect(try await reopened.anchors().map(\.size) == [2, 5, 8])
    }

    @Test func garbageAfterRecordsIsCorruptionNotATornTail() async throws {
        let keys = try Keys()
        let (path, _) = try await makeLedger(keys, sizes: [2])
        try writeFile(path, try readFile(path) + Array("XLR1".utf8))
        #expect(throws: LedgerError.self) { try FileLedgerStore.open(path: path) }
    }

    @Test func aSecondWriterIsRefusedWhileTheLedgerIsOpen() async throws {
        let path = temporaryPath("ledger")
        let first = try FileLedgerStore.open(path: path)
        do {
            _ = try FileLedgerStore.open(path: path)
            Issue.record("a second store opened the same ledger file")
        } catch {
            #expect(error.code == .io)
        }
        try await first.append(Array("x".utf8))
        #expect(try await first.readAll().count == 1)
    }
}
