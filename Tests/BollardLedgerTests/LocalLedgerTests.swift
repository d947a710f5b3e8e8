import BollardLog
import Testing

@testable import BollardLedger

struct LocalLedgerTests {
    @Test func recordsAreChainedAndSignedByTheLedgerKey() async throws {
        let keys = try Keys()
        let store = MemoryLedgerStore()
        let ledger = try await LocalLedger.open(store: store, key: keys.ledger, now: fixedNow)
        for size: UInt64 in [3, 7, 20] { _ = try await ledger.submit(try keys.checkpoint(size: size)) }

        let notes = try await store.readAll()
        let records = try LocalLedger.verifyChain(notes, ledgerKey: keys.ledger.verifierKey)
        #expect(records.map(\.record.size) == [3, 7, 20])
        #expect(records.map(\.record.sequence) == [0, 1, 2])
        #expect(records[0].record.previousHash == LedgerRecord.genesisHash)
        #expect(records[1].record.previousHash == LedgerRecord.sha256(notes[0]))
        #expect(records[2].record.previousHash == LedgerRecord.sha256(notes[1]))
        let submitted = try keys.checkpoint(size: 20)
        #expect(records[2].record.checkpointNoteHash == LedgerRecord.sha256(submitted.signedNote))
        #expect(records[2].record.root == submitted.root)

        // The log's key is not the ledger's: its signature does not verify a record.
        #expect(throws: LedgerError.self) { try LocalLedger.verifyChain(notes, ledgerKey: keys.log.verifierKey) }
    }

    @Test func recordTextRoundTripsAndIsStrict() throws {
        let record = LedgerRecord(sequence: 4, previousHash: [UInt8](repeating: 7, count: 32), time: 1_790_000_000,
                                  origin: testOrigin, size: 99, root: RFC9162.emptyRoot,
                                  checkpointNoteHash: [UInt8](repeating: 9, count: 32))
        #expect(try LedgerRecord(text: record.text) == record)
        let lines = record.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 9)
        for (line, replacement) in [(1, "04"), (1, "-4"), (2, "AAAA"), (5, "+99"), (6, "xyz"), (0, "bollard.ledger.record/v2")] {
            var edited = lines
            edited[line] = replacement
            #expect(throws: LedgerError.self) { try LedgerRecord(text: edited.joined(separator: "\n")) }
        }
    }

    @Test func sizesStrictlyIncreaseAndResubmissionIsIdempotent() async throws {
        let keys = try Keys()
        let ledger = try await LocalLedger.open(store: MemoryLedgerStore(), key: keys.ledger, now: fixedNow)
        let first = try await ledger.submit(try keys.checkpoint(size: 10))
        let again = try await ledger.submit(try keys.checkpoint(size: 10))
        #expect(again == first)
        #expect(await ledger.count == 1)

        await #expect(throws: LedgerError(.sizeNotIncreasing, "size 9 is not above the last anchored size 10")) {
            try await ledger.submit(try keys.checkpoint(size: 9))
        }
        do {
            _ = try await ledger.submit(try keys.checkpoint(size: 10, salt: 1))
            Issue.record("a second root for size 10 was accepted")
        } catch let error as LedgerError {
            #expect(error.code == .conflictingRoot)
        }
        _ = try await ledger.submit(try keys.checkpoint(size: 11))
        #expect(await ledger.count == 2)
    }

    @Test func confirmationsCountLaterRecords() async throws {
        let keys = try Keys()
        let ledger = try await LocalLedger.open(store: MemoryLedgerStore(), key: keys.ledger, requiredConfirmations: 3, now: fixedNow)
        let a = try await ledger.submit(try keys.checkpoint(size: 1))
        #expect(a.state == .submitted && a.confirmations == 1)
        #expect(try await ledger.latestConfirmed(covering: 1) == nil)
        _ = try await ledger.submit(try keys.checkpoint(size: 2))
        #expect(try await ledger.status(id: a.id)?.confirmations == 2)
        #expect(try await ledger.status(id: a.id)?.state == .submitted)
        _ = try await ledger.submit(try keys.checkpoint(size: 5))
        let confirmed = try await ledger.awaitConfirmation(id: a.id)
        #expect(confirmed.state == .confirmed && confirmed.confirmations == 3)
        #expect(try await ledger.latestConfirmed(covering: 1)?.size == 1)
        #expect(try await ledger.latestConfirmed(covering: 2) == nil)
        #expect(try await ledger.anchors().map(\.state) == [.confirmed, .submitted, .submitted])
        #expect(try await ledger.status(id: "local:9") == nil)
    }

    @Test func immediateConfirmationByDefault() async throws {
        let keys = try Keys()
        let ledger = try await LocalLedger.open(store: MemoryLedgerStore(), key: keys.ledger, now: fixedNow)
        let a = try await ledger.submit(try keys.checkpoint(size: 4))
        #expect(a.state == .confirmed)
        #expect(try await ledger.latestConfirmed(covering: 4)?.id == a.id)
        #expect(try await ledger.latestConfirmed(covering: 5) == nil)
    }

    @Test func editedRemovedOrReorderedRecordsAreRefusedOnOpen() async throws {
        let keys = try Keys()
        let store = MemoryLedgerStore()
        let ledger = try await LocalLedger.open(store: store, key: keys.ledger, now: fixedNow)
        for size: UInt64 in [1, 2, 3] { _ = try await ledger.submit(try keys.checkpoint(size: size)) }
        let notes = try await store.readAll()

        func openFails(_ notes: [[UInt8]], _ code: LedgerError.Code) async {
            do {
                _ = try await LocalLedger.open(store: MemoryLedgerStore(records: notes), key: keys.ledger)
                Issue.record("tampered ledger opened")
            } catch let error as LedgerError {
                #expect(error.code == code, "\(error)")
            } catch {
                Issue.record("\(error)")
            }
        }
        await openFails([notes[0], notes[2]], .brokenChain)
        await openFails([notes[1], notes[0], notes[2]], .brokenChain)
        // Every bit of the middle record, flipped.
        for i in notes[1].indices {
            var edited = notes
            edited[1][i] ^= 0x01
            do {
                _ = try await LocalLedger.open(store: MemoryLedgerStore(records: edited), key: keys.ledger)
                Issue.record("flip at byte \(i) not detected")
            } catch {}
        }
    }
}

struct LedgerSubmissionTests {
    @Test func aSubmissionDisagreeingWithItsNoteIsRefused() async throws {
        let keys = try Keys()
        let ledger = try await LocalLedger.open(store: MemoryLedgerStore(), key: keys.ledger, now: fixedNow)
        var submission = try keys.checkpoint(size: 5)
        submission.size = 6
        do {
            _ = try await ledger.submit(submission)
            Issue.record("a mismatched submission was anchored")
        } catch let error as LedgerError {
            #expect(error.code == .invalidSubmission)
        }
        #expect(await ledger.count == 0)
    }
}

/// A store whose appends fail, as a full disk would.
actor FailingLedgerStore: LedgerStore {
    struct Full: Error {}
    func readAll() async throws -> [[UInt8]] { [] }
    func append(_ record: [UInt8]) async throws { throw Full() }
}

struct LedgerStoreFailureTests {
    @Test func afterAFailedAppendTheLedgerRefusesUntilReopened() async throws {
        let keys = try Keys()
        let ledger = try await LocalLedger.open(store: FailingLedgerStore(), key: keys.ledger, now: fixedNow)
        await #expect(throws: FailingLedgerStore.Full.self) { try await ledger.submit(try keys.checkpoint(size: 1)) }
        do {
            _ = try await ledger.submit(try keys.checkpoint(size: 2))
            Issue.record("the ledger appended after a failed append")
        } catch let error as LedgerError {
            #expect(error.code == .io)
        }
        #expect(await ledger.count == 0)
    }
}
