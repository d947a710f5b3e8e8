import BollardCore
import BollardEDI
import BollardEPCIS
import BollardIngest
import BollardLog
@testable import BollardStore
import Foundation
import Testing

@Suite(.serialized)
struct WorkerTests {
    /// The whole story through the store: the same outcomes as SCENARIO.md on either backend.
    @Test(arguments: Backend.selected)
    func theBusanStoryAppliesThroughTheStore(backend: Backend) async throws {
        let db = try await Database.make(backend)
        let store = try await db.open()
        do {
            let results = try await run(store)
            #expect(results.filter { $0.status == .applied }.count == 19)
            let refused = results.filter { $0.status == .refused }
            #expect(refused.map { $0.error?.rule } == ["uniqueReceiptNumber", "oneLiveReceiptPerLot", "submitterAuthority", "singleEncumbrance"])
            #expect(refused.allSatisfy { $0.error?.position?.hasPrefix("$['epcisBody']['eventList']") == true })
            #expect(try await store.sequencedLogSize() == 122)
            let counts = try await store.jobCounts()
            #expect(counts[.done] == 19 && counts[.rejected] == 4)
            // Tables hold what the engine holds.
            #expect(try await store.row(.bindings, key: "8801234000048/WR-W1-0001") == Array(#"{"token":"BGLD"}"#.utf8))
            #expect(try await store.row(.bindings, key: "8801234000062/WR-T07-0001") == nil)
            #expect(try await store.eventKeys(.receipt, "WR-W1-0001").count == 2)
            #expect(try await store.eventKeys(.container, "BDXU2001011").isEmpty == false)
        } catch {
            try? await store.close()
            await db.cleanup()
            throw error
        }
        try await store.close()
        await db.cleanup()
    }

    @Test(arguments: Backend.selected)
    func theLogReplaysToTheSameTablesAndATamperedRowIsNamed(backend: Backend) async throws {
        let db = try await Database.make(backend)
        let scratchDB = try await Database.make(.sqlite)
        let store = try await db.open()
        let scratch = try await scratchDB.open()
        defer { Task { try? await scratch.close(); await scratchDB.cleanup() } }
        _ = try await run(store, batch: 3)
        let report = try await LogReplay.audit(live: store, scratch: scratch, signer: try TestKeys.signer(), holder: "audit")
        #expect(report.isClean, "\(report.differences) \(report.replayFailure ?? "")")
        #expect(report.logSize == 122)

        // A receipt edited behind Bollard's back: the audit names its table and key.
        let raw = try #require(store as? any RawSQLExecutable)
        try await raw.executeRaw("UPDATE p_receipts SET value = value || 'x' WHERE key = '8801234000048/WR-W1-0002'")
        let rescratchDB = try await Database.make(.sqlite)
        let rescratch = try await rescratchDB.open()
        let tampered = try await LogReplay.audit(live: store, scratch: rescratch, signer: try TestKeys.signer(), holder: "audit")
        #expect(tampered.differences.map(\.description) == ["p_receipts [8801234000048/WR-W1-0002]: valuesDiffer"])
        try await rescratch.close()
        await rescratchDB.cleanup()
        try await store.close()
        await db.cleanup()
    }

    /// DESIGN.md "Errors": a refused document changes nothing — in any table.
    @Test(arguments: Backend.selected)
    func aRefusedDocumentChangesNothingInAnyTable(backend: Backend) async throws {
        let db = try await Database.make(backend)
        let store = try await db.open()
        let story = try Busan.story()
        _ = try await run(store, documents: Array(story.prefix(9)))
        let bad: [(String, [UInt8], String)] = [
            ("10-w1-duplicate-receipt", story[9].bytes, story[9].submitter),
            ("truncated.xml", Array(try Data(contentsOf: Busan.directory.appendingPathComponent("refused/truncated.xml"))), story[8].submitter),
            ("edifact-no-unz", Array("UNA:+.? 'UNB+UNOC:3+SENDER:14+RECEIVER:14+260302:0900+77'UNH+1+IFTMIN:D:04A:UN'BGM+335+HDLN26BUS00871+9'UNT+3+1'".utf8),
             story[8].submitter),
            ("unknown.csv", Array("lot,weight\nOPM26-0001,401.2\n".utf8), story[8].submitter),
        ]
        for (name, bytes, submitter) in bad {
            _ = try await submit(store, bytes, submitter: submitter, name: name)
            let before = try await store.dumpAll().filter { $0.table != .jobs }
            let results = try await drainAll(store)
            let after = try await store.dumpAll().filter { $0.table != .jobs }
            #expect(results.map(\.status) == [.refused], "\(name)")
            #expect(before == after, "\(name) changed a table")
            #expect(results.first?.error?.position != nil, "\(name): \(String(describing: results.first?.error))")
        }
        try await store.close()
        await db.cleanup()
    }

    @Test(arguments: Backend.selected)
    func anEDIDocumentIsStoredAndAcknowledgedButNotMapped(backend: Backend) async throws {
        let db = try await Database.make(backend)
        let store = try await db.open()
        // PAXLST (passenger list) has no provenance mapping: kept as evidence, never dropped.
        let interchange = "UNA:+.? 'UNB+UNOC:3+SENDER:14+RECEIVER:14+260302:0900+77'UNH+1+PAXLST:D:05B:UN'BGM+250+HDLN26BUS00871+9'UNT+3+1'UNZ+1+77'"
        let s = try await submit(store, Array(interchange.utf8), submitter: "gln:8801234000031", name: "paxlst.edi")
        let results = try await drainAll(store)
        #expect(results.map(\.status) == [.notMapped])
        #expect(results.first?.note?.contains("PAXLST") == true)
        #expect(results.first?.acknowledgment?.contains("CONTRL") == true)
        #expect(try await store.job(s.jobID)?.state == .done)
        #expect(try await store.sequencedLogSize() == 0)
        // The same bytes again: the same document, nothing queued twice.
        let again = try await submit(store, Array(interchange.utf8), submitter: "gln:8801234000031", name: "paxlst.edi")
        #expect(again.documentID == s.documentID && !again.isNew)
        #expect(try await drainAll(store).isEmpty)
        try await store.close()
        await db.cleanup()
    }

    /// An EDI mapper plugged into the `DocumentMapper` hook: the worker applies what it maps
    /// exactly as an EPCIS document, with the EDI acknowledgment kept in the outcome.
    @Test func anEDIMapperPlugsIntoTheWorker() async throws {
        struct CommissioningMapper: DocumentMapper {
            func map(_ bytes: [UInt8], report: EDIDocumentReport, fileName: String) throws -> MappedDocument? {
                guard report.interchanges.first?.messages.first?.type == "IFTMIN" else { return nil }
                let epcis = try Busan.story()[0]
                return try EPCISCoreMapper().map(epcis.bytes, fileName: fileName)
            }
        }
        let db = try await Database.make(.sqlite)
        let store = try await db.open()
        let interchange = "UNA:+.? 'UNB+UNOC:3+SENDER:14+RECEIVER:14+260302:0900+78'UNH+1+IFTMIN:D:04A:UN'BGM+335+HDLN26BUS00871+9'UNT+3+1'UNZ+1+78'"
        _ = try await submit(store, Array(interchange.utf8), submitter: "gln:8801234000017", name: "iftmin.edi")
        let results = try await drainAll(store, reader: DocumentReader(ediMapper: CommissioningMapper()))
        #expect(results.map(\.status) == [.applied])
        #expect(results.first?.format == .edifact && results.first?.events == 70)
        #expect(results.first?.acknowledgment?.contains("UCI+78") == true)
        #expect(try await store.sequencedLogSize() == 70)
        try await store.close()
        await db.cleanup()
    }

    /// Submits `documents` in order, then drains with one worker.
    func run(_ store: some Store, documents: [Busan.Document]? = nil, batch: Int = 8) async throws -> [DocumentResult] {
        for d in try documents ?? Busan.story() {
            _ = try await submit(store, d.bytes, submitter: d.submitter, name: d.stem + ".jsonld")
        }
        return try await drainAll(store, batch: batch)
    }
}
