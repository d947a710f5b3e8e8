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
        /// Mapped, but the JSON-LD binding cannot carry one of its events (`canExpress`).
        case notExpressible
        /// Hashes of the original and of the rewritten events, in order.
        case hashed(original: [String?], rewritten: [String?], preHashes: [(String?, String?)])
    }

    enum Writer: String, CaseIterable, Sendable {
        case jsonLD, xml
    }

    /// The document's `ignoreFields` list is document metadata, not event content: the rewritten
    /// events are hashed ignoring the same fields, as GS1's generator would hash the original.
    static func roundTrip(_ bytes: [UInt8], fileName: String, writer: Writer) throws -> Outcome {
        let original = try EPCISDocumentReader().read(bytes, fileName: fileName)
        let mapped: MappedDocument
        do {
            mapped = try EPCISCoreMapper().map(bytes, fileName: fileName)
        } catch {
            return .notMapped(error.description)
        }
        let events = mapped.events.map(\.event)
        let created = try EventTime("2026-03-05T00:00:00.000Z")
        var reparsed: EPCISDocument
        switch writer {
        case .jsonLD:
            guard events.allSatisfy(EPCISJSONLDWriter.canExpress) else { return .notExpressible }
            reparsed = try EPCISJSONDecoder().decode(EPCISJSONLDWriter().document(events, creationDate: created), documentName: "rewritten")
        case .xml:
            reparsed = try EPCISXMLDecoder().decode(EPCISXMLWriter().document(events, creationDate: created), documentName: "rewritten")
        }
        reparsed.ignoredFields = original.ignoredFields
        let hasher = EPCISEventHasher()
        let a = hasher.hashes(original, includePreHashes: true)
        let b = hasher.hashes(reparsed, includePreHashes: true)
        return .hashed(original: a.map(\.hash), rewritten: b.map(\.hash), preHashes: zip(a, b).map { ($0.preHash, $1.preHash) })
    }

    @Test("every Busan fixture event keeps its hash through Core", arguments: ["jsonld", "xml"], Writer.allCases)
    func fixtures(ext: String, writer: Writer) throws {
        var events = 0
        for entry in try BusanFixtures.story() {
            let name = entry.stem + "." + ext
            switch try Self.roundTrip(BusanFixtures.bytes(name), fileName: name, writer: writer) {
            case .notMapped(let why):
                Issue.record("\(name) not mapped: \(why)")
            case .notExpressible:
                Issue.record("\(name) not expressible in JSON-LD")
            case .hashed(let original, let rewritten, _):
                #expect(original.count == rewritten.count)
                #expect(!original.contains(nil), "\(name): an original event has no hash")
                for (i, (a, b)) in zip(original, rewritten).enumerated() {
                    #expect(a == b, "\(name) event \(i)")
                }
                events += original.count
            }
        }
        // 126 events per syntax: 70 commissionings, 21 other custody events, 35 commands.
        #expect(events == 126)
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

    /// Measured on ../shared/conformance/epcis-hash/examples (39 documents, 89 events): the
    /// mapping is total for all of them and the XML writer round-trips every hash. The JSON-LD
    /// writer cannot express one document (epcisDocWithTransformationEventWithMultipleExtensions.xml,
    /// a `c4l:wasteList` of `c4l:wasteElement`), and two XML events with a sensor booleanValue
    /// hash differently once in JSON because GS1's generator spells the boolean differently.
    @Test("GS1 conformance documents: every hash survives the round trip", arguments: Writer.allCases)
    func conformanceDocuments(writer: Writer) throws {
        let files = try SharedData.files(under: SharedData.conformance("epcis-hash/examples"), extensions: ConformanceData.documentExtensions)
        var total = 0
        var notTotal: [String] = []
        var inexpressible: [String] = []
        var events = 0
        var booleanSpellings = 0
        for file in files {
            switch try Self.roundTrip(ConformanceData.bytes(file), fileName: file.lastPathComponent, writer: writer) {
            case .notMapped(let why):
                notTotal.append(why)
            case .notExpressible:
                inexpressible.append(file.lastPathComponent)
            case .hashed(let original, let rewritten, let preHashes):
                total += 1
                events += original.count
                #expect(original.count == rewritten.count, "\(file.lastPathComponent)")
                for (a, b) in preHashes where a != b {
                    // GS1's generator hashes an XML boolean as written (`true`) and a JSON one as
                    // Python prints it (`True`): the same fact has two hashes in the two bindings.
                    if writer == .jsonLD, file.pathExtension == "xml",
                       a?.replacingOccurrences(of: "booleanValue=true", with: "booleanValue=True") == b {
                        booleanSpellings += 1
                        continue
                    }
                    Issue.record("\(file.lastPathComponent) pre-hash\n  original:  \(a ?? "")\n  rewritten: \(b ?? "")")
                }
            }
        }
        #expect(files.count == 39)
        #expect(notTotal == [], "mapping not total")
        switch writer {
        case .xml:
            #expect(total == 39 && events == 89)
            #expect(inexpressible == [])
            #expect(booleanSpellings == 0)
        case .jsonLD:
            #expect(total == 38)
            #expect(inexpressible == ["epcisDocWithTransformationEventWithMultipleExtensions.xml"])
            // SensorDataExamples.xml: two events with an XML booleanValue.
            #expect(booleanSpellings == 2)
        }
    }
}

extension CoreRoundTripTests {
    @Test("the EPCIS 2.0 standard's example documents: mapped or refused with a position; mapped ones keep every hash")
    func standardExamples() throws {
        let files = try SharedData.files(under: SharedData.conformance("epcis-examples"), extensions: ConformanceData.documentExtensions)
        var report: [String] = []
        var total = 0
        for file in files {
            // Each document is written back in its own binding (a JSON boolean is hashed as
            // `True`, an XML one as `true`: see conformanceDocuments).
            let writer: Writer = file.pathExtension == "xml" ? .xml : .jsonLD
            switch try Self.roundTrip(ConformanceData.bytes(file), fileName: file.lastPathComponent, writer: writer) {
            case .notMapped(let why):
                report.append(why)
            case .notExpressible:
                Issue.record("\(file.lastPathComponent): not expressible in its own binding")
            case .hashed(let original, let rewritten, let preHashes):
                total += 1
                #expect(original == rewritten, "\(file.lastPathComponent)")
                for (a, b) in preHashes where a != b {
                    Issue.record("\(file.lastPathComponent) pre-hash\n  original:  \(a ?? "")\n  rewritten: \(b ?? "")")
                }
            }
        }
        print("standard examples: \(total) of \(files.count) mapped totally; refused:\n" + report.joined(separator: "\n"))
        #expect(files.count == 15)
        // ErrorDeclarationAndCorrectiveEvent.xml has `<quantity xsi:nil="true"/>`, whose nil
        // marker GS1's generator hashes and Core cannot hold: refused, with its position.
        #expect(total == 14)
        #expect(report.count == 1 && report.allSatisfy {
            $0.hasPrefix("ErrorDeclarationAndCorrectiveEvent.xml: unsupportedField at line 8, field inputQuantityList")
        })
    }

    @Test("text that needs escaping survives both writers with its hash", arguments: Writer.allCases)
    func escaping(writer: Writer) throws {
        let source = try SourcePointer(documentSHA256: String(repeating: "0", count: 64), position: .wholeDocument)
        var e = BollardCore.EPCISEvent(type: .objectEvent, eventTime: try EventTime("2026-03-02T08:00:00.000+09:00"),
                                       eventTimeZoneOffset: "+09:00", action: .observe, sourcePointer: source)
        e.epcList = [try EPC("urn:epc:id:bic:BDXU2001011")]
        e.bizStep = .inspecting
        e.extensions = [ExtensionElement(namespace: BollardNamespace.uri, name: "remark", value: "seal \"A&B\" <intact>\tline\\2\u{1}é")]
        let created = try EventTime("2026-03-02T08:00:00.000+09:00")
        let parsed: EPCISDocument
        switch writer {
        case .jsonLD: parsed = try EPCISJSONDecoder().decode(EPCISJSONLDWriter().document([e], creationDate: created))
        case .xml:
            // XML 1.0 cannot carry U+0001 at all: the XML writer is given the rest.
            e.extensions[0].value = "seal \"A&B\" <intact>\tline\\2é"
            parsed = try EPCISXMLDecoder().decode(EPCISXMLWriter().document([e], creationDate: created))
        }
        let back = try CoreEventDecoder().decode(try #require(parsed.events.first), source: source)
        #expect(back == e)
    }
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
