import BollardCore
import BollardEDI
import BollardIngest
@testable import BollardStore
import BollardTestSupport
import Foundation
import Testing

/// The EDIFACT, X12 and receipt/manifest XML tellings of SCENARIO.md (fixtures/busan/edifact,
/// x12, xml), through the store and the worker: the same outcomes as the EPCIS telling.
@Suite(.serialized)
struct StoryInEveryFormatTests {
    struct Step {
        var stem: String
        var submitter: String
        var file: String
        var says: String
    }

    /// story.tsv: stem, submitter, file relative to fixtures/busan, what it tells.
    static func story(_ format: String) throws -> [Step] {
        let root = SharedData.packageRoot().appendingPathComponent("fixtures/busan")
        let text = try String(contentsOf: root.appendingPathComponent(format).appendingPathComponent("story.tsv"), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let c = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Step(stem: c[0], submitter: c[1], file: root.appendingPathComponent(c[2]).path, says: c.count > 3 ? c[3] : "")
        }
    }

    @Test(arguments: ["edifact", "x12", "xml"])
    func theStoryInEachFormatGivesTheEPCISOutcomes(format: String) async throws {
        let db = try await Database.make(.sqlite)
        let store = try await db.open()
        let epcisDB = try await Database.make(.sqlite)
        let epcisStore = try await epcisDB.open()
        defer { Task { try? await store.close(); await db.cleanup(); try? await epcisStore.close(); await epcisDB.cleanup() } }

        let steps = try Self.story(format)
        for step in steps {
            _ = try await submit(store, Array(try Data(contentsOf: URL(fileURLWithPath: step.file))), submitter: step.submitter,
                                 name: (step.file as NSString).lastPathComponent)
        }
        let results = try await drainAll(store)
        #expect(results.count == steps.count)
        for (step, result) in zip(steps, results) {
            let expected: DocumentResult.Status = step.says.hasPrefix("REFUSED") ? .refused : .applied
            #expect(result.status == expected, "\(step.stem) \(step.file): \(result.error.map { "\($0)" } ?? result.note ?? "")")
            if step.says.hasPrefix("FLAGGED") { #expect(!result.flags.isEmpty, "\(step.stem) should be flagged") }
            if expected == .applied, step.file.hasSuffix(".xml") {
                #expect(result.format == .warehouseReceiptXML || result.format == .shippingManifestXML, "\(step.file)")
            }
            if expected == .applied, step.file.hasSuffix(".edi") || step.file.hasSuffix(".x12") {
                #expect(result.format?.rawValue == format && result.edi != nil && result.acknowledgment != nil, "\(step.file)")
            }
        }

        // The same receipts, bindings and pledges as the EPCIS telling (the receipt rows hold
        // source pointers, which differ by document; their keys and the bindings must not).
        for d in try Busan.story() { _ = try await submit(epcisStore, d.bytes, submitter: d.submitter, name: d.stem + ".jsonld") }
        _ = try await drainAll(epcisStore)
        for table in [StoreTable.projection(.bindings), .projection(.pledges)] {
            #expect(try await store.dump(table).rows.map(\.value) == (try await epcisStore.dump(table).rows.map(\.value)), "\(table)")
        }
        for table in [StoreTable.projection(.receipts), .projection(.lots), .projection(.discrepancies)] {
            #expect(try await store.dump(table).rows.map(\.key) == (try await epcisStore.dump(table).rows.map(\.key)), "\(table)")
        }
    }

    @Test
    func aMessageWithAWrongCountIsRefusedAloneAndIngestSaysSo() async throws {
        let db = try await Database.make(.sqlite)
        let store = try await db.open()
        defer { Task { try? await store.close(); await db.cleanup() } }
        // Two messages of a type with no mapping; the second's UNT count is wrong (3 declared, 4 sent).
        let edi = "UNA:+.? 'UNB+UNOC:3+SENDER:14+RECEIVER:14+260302:0900+91'"
            + "UNH+1+ZZZMSG:D:96A:UN'BGM+1+A+9'UNT+3+1'"
            + "UNH+2+ZZZMSG:D:96A:UN'BGM+1+B+9'FTX+AAI'UNT+3+2'UNZ+2+91'"
        _ = try await submit(store, Array(edi.utf8), submitter: "gln:8801234000031", name: "two.edi")
        let results = try await drainAll(store)
        let r = try #require(results.first)
        #expect(r.status == .notMapped)
        #expect(r.hasRejections)
        let messages = try #require(r.edi?.interchanges.first?.messages)
        #expect(messages.map(\.outcome) == [.accepted, .rejected])
        #expect(messages.map(\.mapping) == ["not-mapped", "not-applied"])
        #expect(r.acknowledgment?.contains("UCM+2+ZZZMSG:D:96A:UN+4") == true, "\(r.acknowledgment ?? "")")
    }

    /// fixtures/busan/xml/refused: each refused with its line, and no table changed.
    @Test(arguments: ["receipt-dtd-entity.xml", "receipt-invalid-gln.xml", "receipt-fine-weight.xml", "manifest-check-digit.xml"])
    func aBadReceiptOrManifestIsRefusedWithItsLineAndChangesNothing(file: String) async throws {
        let db = try await Database.make(.sqlite)
        let store = try await db.open()
        defer { Task { try? await store.close(); await db.cleanup() } }
        let url = SharedData.packageRoot().appendingPathComponent("fixtures/busan/xml/refused/\(file)")
        _ = try await submit(store, Array(try Data(contentsOf: url)), submitter: "gln:8801234000048", name: file)
        let before = try await store.dumpAll().filter { $0.table != .jobs }
        let results = try await drainAll(store)
        let after = try await store.dumpAll().filter { $0.table != .jobs }
        #expect(results.map(\.status) == [.refused])
        #expect(results.first?.error?.position?.hasPrefix("line ") == true, "\(String(describing: results.first?.error))")
        #expect(before == after, "\(file) changed a table")
    }
}
