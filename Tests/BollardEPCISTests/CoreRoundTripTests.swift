import BollardCore
import BollardEPCIS
import BollardTestSupport
import Foundation
import Testing

/// EPCIS → Core → EPCIS JSON-LD keeps every event's GS1 event hash: the events Bollard derives
/// itself can be checked with GS1's own generator.
@Suite("Core ↔ EPCIS round trip")
struct CoreRoundTripTests {
    enum Outcome {
        /// The mapping is not total for this document (the reason is the mapping error).
        case notMapped(String)
        /// Hashes of the original and of the rewritten events, in order.
        case hashed(original: [String?], rewritten: [String?])
    }

    static func roundTrip(_ bytes: [UInt8], fileName: String) throws -> Outcome {
        let original = try EPCISDocumentReader().read(bytes, fileName: fileName)
        if !original.ignoredFields.isEmpty { return .notMapped("document asks hash generators to ignore \(original.ignoredFields)") }
        let mapped: MappedDocument
        do {
            mapped = try EPCISCoreMapper().map(bytes, fileName: fileName)
        } catch {
            return .notMapped(error.description)
        }
        let written = EPCISJSONLDWriter().document(mapped.events.map(\.event), creationDate: try EventTime("2026-03-05T00:00:00.000Z"))
        let reparsed = try EPCISJSONDecoder().decode(written, documentName: "rewritten " + fileName)
        let hasher = EPCISEventHasher()
        return .hashed(original: hasher.hashes(original).map(\.hash), rewritten: hasher.hashes(reparsed).map(\.hash))
    }

    @Test("every Busan fixture event keeps its hash through Core", arguments: ["jsonld", "xml"])
    func fixtures(ext: String) throws {
        var events = 0
        for entry in try BusanFixtures.story() {
            let name = entry.stem + "." + ext
            switch try Self.roundTrip(BusanFixtures.bytes(name), fileName: name) {
            case .notMapped(let why):
                Issue.record("\(name) not mapped: \(why)")
            case .hashed(let original, let rewritten):
                #expect(original.count == rewritten.count)
                #expect(!original.contains(nil), "\(name): an original event has no hash")
                for (i, (a, b)) in zip(original, rewritten).enumerated() {
                    #expect(a == b, "\(name) event \(i)")
                }
                events += original.count
            }
        }
        #expect(events > 200)
    }

    @Test("the JSON-LD and XML fixtures hash alike, event for event")
    func syntaxesHashAlike() throws {
        for entry in try BusanFixtures.story() {
            let hasher = EPCISEventHasher()
            let json = try hasher.hashes(documentBytes: BusanFixtures.bytes(entry.stem + ".jsonld"), fileName: entry.stem + ".jsonld").map(\.hash)
            let xml = try hasher.hashes(documentBytes: BusanFixtures.bytes(entry.stem + ".xml"), fileName: entry.stem + ".xml").map(\.hash)
            #expect(json == xml, "\(entry.stem)")
        }
    }

    @Test("GS1 conformance documents: where the mapping is total, every hash survives the round trip")
    func conformanceDocuments() throws {
        let files = try SharedData.files(under: SharedData.conformance("epcis-hash/examples"), extensions: ConformanceData.documentExtensions)
        var total = 0
        var partial: [String] = []
        var events = 0
        for file in files {
            let outcome: Outcome
            do {
                outcome = try Self.roundTrip(ConformanceData.bytes(file), fileName: file.lastPathComponent)
            } catch {
                partial.append("\(file.lastPathComponent): \(error)")
                continue
            }
            switch outcome {
            case .notMapped(let why):
                partial.append("\(file.lastPathComponent): \(why)")
            case .hashed(let original, let rewritten):
                total += 1
                events += original.count
                #expect(original == rewritten, "\(file.lastPathComponent)")
            }
        }
        print("round trip: \(total) of \(files.count) conformance documents mapped totally (\(events) events); not total:\n" + partial.joined(separator: "\n"))
        #expect(total >= Self.minimumTotal)
    }

    /// Measured: see integrations/epcis/README.md for the documents the mapping refuses and why.
    static let minimumTotal = 1
}

/// Commands Bollard derives itself (receipts, pledges, bindings from EDI or receipt XML) become
/// the same EPCIS events a party would send, hence the same hashes.
@Suite("Command → EPCIS")
struct CommandEncoderTests {
    @Test("every Busan command event is rebuilt exactly from its command", arguments: ["jsonld", "xml"])
    func fixtureCommands(ext: String) throws {
        var commands = 0
        for entry in try BusanFixtures.story() {
            let doc = try BusanFixtures.map(entry.stem + "." + ext)
            for (i, mapped) in doc.events.enumerated() {
                if case .captureEvent = mapped.command { continue }
                commands += 1
                let rebuilt = try CommandEncoder().event(for: mapped.command)
                #expect(rebuilt == mapped.event, "\(entry.stem) event \(i)")
                #expect(try CommandInterpreter().command(for: rebuilt, position: "$") == mapped.command)
            }
        }
        // 11 + 1 + 1 + 1 W1 receipts, 2 W2, 1 + 2 tank, 3 listings + 10 bindings, 1 pledge,
        // 1 binding, 1 inventory report.
        #expect(commands == 35)
    }

    @Test("an EDI-derived receipt gets the hash GS1's generator gives its EPCIS form")
    func derivedReceiptHash() throws {
        let source = try SourcePointer(documentSHA256: String(repeating: "ab", count: 32),
                                       position: .ediSegments(messageReference: "0001", firstSegment: 3, lastSegment: 9))
        let lot = try EPC.lgtin(gtin: GTIN("08801234000024"), lot: "CU26-C")
        let issuance = ReceiptIssuance(receipt: ReceiptKey(warehouse: try GLN("8801234000055"), number: try ReceiptNumber("WR-W2-0010")),
                                       depositor: .gln(try GLN("8801234000024")),
                                       lines: [ReceiptLine(lot: lot, quantity: try Quantity("24.980", .tonne))],
                                       time: try EventTime("2026-03-06T11:00:00.000+09:00"), source: source)
        let event = try CommandEncoder().event(for: .issueReceipt(issuance))
        let json = EPCISJSONLDWriter().document([event], creationDate: issuance.time)
        let parsed = try EPCISJSONDecoder().decode(json)
        let hash = try EPCISEventHasher().hash(try #require(parsed.events.first))
        #expect(hash.hasPrefix("ni:///sha-256;") && hash.hasSuffix("?ver=CBV2.0"))
        // Read back as a party's document, it is the same command (with the new document's pointer).
        let mapped = try EPCISCoreMapper().map(json, fileName: "derived.jsonld")
        guard case .issueReceipt(var back) = mapped.events.first?.command else {
            Issue.record("not read back as a receipt: \(String(describing: mapped.events.first?.command))")
            return
        }
        back.source = source
        #expect(back == issuance)
        #expect(try EPCISEventHasher().hash(EPCISJSONDecoder().decode(json).events[0]) == hash)
    }
}
