import BollardCore
import BollardEPCIS
import BollardIngest
import BollardTestSupport
import Foundation
import Testing

/// The leaves and state rows `JCSWriter` writes are byte for byte the ones the JSONEncoder path
/// (`JCS.encode`: encode, parse, sort, serialize) wrote before it, on every telling of the Busan
/// story, on generated warehouse-receipt documents (ops/bench/receipt_documents.py's shape), and
/// on values that fill every optional member with awkward text and numbers. A difference here
/// would change log leaf hashes and fail every audit of an existing log.
struct JCSWriterDifferentialTests {
    /// A custody record's leaf as `CustodyRecord.leaf` wrote it before `JCSWriter`.
    static func legacyLeaf(_ event: BollardCore.EPCISEvent, submitter: PartyID) throws -> [UInt8] {
        guard case .object(var members) = try JCS.value(encoding: event) else {
            Issue.record("an event did not encode as an object")
            return []
        }
        members.append(JCSMember(CustodyRecord.submitterMember, .string(submitter.description)))
        return try JCS.canonicalize(.object(members))
    }

    struct Counts {
        var leaves = 0
        var rows = 0
        var discrepancies = 0
        var custodyGaps = 0
        var encumbrances = 0
        var mismatches = 0
    }

    static func expectSame<T: Encodable & JCSEncodable>(_ value: T, _ what: @autoclosure () -> String, _ counts: inout Counts) throws {
        let new = try JCSWriter.encode(value)
        let old = try JCS.encode(value)
        if new != old {
            counts.mismatches += 1
            Issue.record("\(what()):\n new \(String(decoding: new, as: UTF8.self))\n old \(String(decoding: old, as: UTF8.self))")
        }
    }

    /// Reads and applies `documents` in order as the worker does, comparing every event's leaf
    /// as it goes, then every state row of the final state.
    static func compare(_ documents: [(name: String, submitter: String, bytes: [UInt8])]) throws -> Counts {
        var counts = Counts()
        var engine = ProvenanceEngine()
        let reader = DocumentReader()
        for d in documents {
            guard let read = try? reader.read(d.bytes, fileName: d.name, receivedAt: 1_772_409_600_000),
                  case .mapped(let mapped) = read.content else { continue }
            let submitter = try PartyID(d.submitter)
            for (i, e) in mapped.events.enumerated() {
                let leaf = try CustodyRecord.leaf(event: e.event, submitter: submitter)
                let old = try legacyLeaf(e.event, submitter: submitter)
                if leaf != old {
                    counts.mismatches += 1
                    Issue.record("\(d.name) event \(i):\n new \(String(decoding: leaf, as: UTF8.self))\n old \(String(decoding: old, as: UTF8.self))")
                }
                try expectSame(e.event, "\(d.name) event \(i)", &counts)
                counts.leaves += 1
            }
            _ = try? engine.apply(mapped, submitter: submitter)
        }
        let state = engine.state
        // The whole state, as the snapshot writes it; and it reads back as the same state.
        try expectSame(state, "the whole state", &counts)
        if try JSONDecoder().decode(ProvenanceState.self, from: Data(JCSWriter.encode(state))) != state {
            counts.mismatches += 1
            Issue.record("the state's RFC 8785 form does not decode back to the state")
        }
        for (epc, lot) in state.lots {
            try expectSame(lot, "lot \(epc)", &counts)
            counts.rows += 1
        }
        for (key, receipt) in state.receipts {
            try expectSame(receipt, "receipt \(key)", &counts)
            if let e = receipt.encumbrance {
                try expectSame(e, "encumbrance of \(key)", &counts)
                counts.encumbrances += 1
            }
            counts.rows += 1
        }
        for (i, d) in state.discrepancies.enumerated() { try expectSame(d, "discrepancy \(i)", &counts) }
        for (i, g) in state.custodyGaps.enumerated() { try expectSame(g, "custody gap \(i)", &counts) }
        counts.discrepancies = state.discrepancies.count
        counts.custodyGaps = state.custodyGaps.count
        counts.rows += state.discrepancies.count + state.custodyGaps.count
        return counts
    }

    @Test(arguments: ["jsonld", "xml"])
    func theEPCISTellingsOfBusan(ext: String) throws {
        let counts = try Self.compare(try Busan.story(extension: ext).map { ($0.stem + "." + ext, $0.submitter, $0.bytes) })
        #expect(counts.mismatches == 0)
        #expect(counts.leaves >= 20 && counts.rows >= 70, "\(counts)")
        #expect(counts.discrepancies > 0 && counts.custodyGaps > 0 && counts.encumbrances > 0, "\(counts)")
    }

    @Test(arguments: ["edifact", "x12", "xml"])
    func theEDIAndXMLTellingsOfBusan(format: String) throws {
        let documents = try StoryInEveryFormatTests.story(format).map { step in
            ((step.file as NSString).lastPathComponent, step.submitter, Array(try Data(contentsOf: URL(fileURLWithPath: step.file))))
        }
        let counts = try Self.compare(documents)
        #expect(counts.mismatches == 0)
        #expect(counts.leaves > 10 && counts.rows > 10, "\(counts)")
    }

    @Test func generatedReceiptDocuments() throws {
        var generator = GeneratedReceiptDocuments(seed: 4)
        let documents = (0..<120).map { generator.document($0) }
        let counts = try Self.compare(documents)
        #expect(counts.mismatches == 0)
        #expect(counts.leaves >= 120 * 6, "\(counts)")
    }

    /// Every optional member present, every `SourcePosition` case, text that needs escaping,
    /// non-ASCII and astral characters, integers past 2⁵³.
    @Test func everyMemberWithAwkwardValues() throws {
        var counts = Counts()
        for event in try AwkwardValues.events() {
            try Self.expectSame(event, "event \(event.eventID ?? "")", &counts)
            let submitter = try PartyID("lei:98450012SUYE00000057")
            #expect(try CustodyRecord.leaf(event: event, submitter: submitter) == Self.legacyLeaf(event, submitter: submitter))
        }
        for lot in try AwkwardValues.lots() { try Self.expectSame(lot, "lot \(lot.epc)", &counts) }
        for receipt in try AwkwardValues.receipts() { try Self.expectSame(receipt, "receipt \(receipt.key)", &counts) }
        for d in try AwkwardValues.discrepancies() { try Self.expectSame(d, "discrepancy", &counts) }
        for g in try AwkwardValues.custodyGaps() { try Self.expectSame(g, "custody gap", &counts) }
        #expect(counts.mismatches == 0)
    }

    /// Integers the JSON path refuses (a double cannot hold them and ECMAScript would respell
    /// them) are refused by the writer too; those it keeps, the writer keeps the same way.
    @Test(arguments: [Int.max, Int.min, 1 << 53, (1 << 53) + 1, -(1 << 53) - 1, 1 << 60, 3_814_878_767_505_406_500, 0, -7])
    func integersAgreeWithTheParseAndSerializePath(n: Int) throws {
        var writer = JCSWriter()
        let new = Result { () throws(JCSError) in try writer.write(n); return writer.bytes }
        let old = Result { () throws(JCSError) in try JCS.canonicalize(json: Array(String(n).utf8)) }
        switch (new, old) {
        case (.success(let a), .success(let b)): #expect(a == b)
        case (.failure(let a), .failure(let b)): #expect(a.code == b.code)
        default: Issue.record("\(n): writer \(new), JSON path \(old)")
        }
    }
}
