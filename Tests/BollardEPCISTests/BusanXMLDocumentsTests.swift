import BollardCore
import BollardEPCIS
import BollardTestSupport
import BollardXML
import Foundation
import Testing

/// fixtures/busan/xml: SCENARIO.md's receipts and manifest in Bollard's receipt and manifest
/// XML, read through the hardened reader, validated against fixtures/schemas, and mapped to Core.
@Suite("Busan receipts and manifest in receipt/manifest XML")
struct BusanXMLDocumentsTests {
    static var xmlDirectory: URL { SharedData.packageRoot().appendingPathComponent("fixtures/busan/xml") }
    static let receiptStems = [
        "09-w1-receipts", "10-w1-duplicate-receipt", "11-w1-receipt-on-live-lots", "12-w1-receipt-for-w2",
        "15-w2-receipts", "17-tank-receipt", "21-tank-receipt-reissue",
    ]
    static let manifest = "manifest-HDLN-026E.xml"

    static func schema(_ name: String) throws -> XMLSchema {
        try XMLSchema(contentsOfFile: SharedData.packageRoot().appendingPathComponent("fixtures/schemas/\(name)").path)
    }

    static func receipts() throws -> WarehouseReceiptXMLReader { WarehouseReceiptXMLReader(schema: try schema("warehouse-receipt.xsd")) }
    static func manifests() throws -> ShippingManifestXMLReader { ShippingManifestXMLReader(schema: try schema("shipping-manifest.xsd")) }

    static func bytes(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: xmlDirectory.appendingPathComponent(relative)))
    }

    static func refusal(_ body: () throws(XMLDocumentError) -> MappedDocument) -> XMLDocumentError? {
        do {
            let document = try body()
            Issue.record("accepted with \(document.events.count) events")
            return nil
        } catch {
            return error
        }
    }

    @Test("each receipt document is schema-valid and gives the EPCIS version's commands", arguments: receiptStems)
    func receiptMatchesEPCIS(stem: String) throws {
        let fromXML = try Self.receipts().map(Self.bytes(stem + ".xml"), fileName: stem + ".xml")
        let fromEPCIS = try BusanFixtures.map(stem + ".jsonld")
        #expect(fromXML.events.count == fromEPCIS.events.count)
        #expect(!fromXML.events.isEmpty)
        // Facts equal, apart from where they were read: compare with one neutral pointer.
        let neutral = try SourcePointer(documentSHA256: String(repeating: "0", count: 64), position: .wholeDocument)
        #expect(fromXML.commands.map { $0.withSource(neutral) } == fromEPCIS.commands.map { $0.withSource(neutral) })
        // Every event points at its own element in this document.
        let digest = fromXML.documentSHA256
        for event in fromXML.events {
            #expect(event.command.source.documentSHA256 == digest)
            guard case .xml(let line, let column) = event.command.source.position else {
                Issue.record("not an XML position: \(event.command.source.position)")
                continue
            }
            #expect(line > 5)
            #expect(column == 3)
        }
    }

    @Test("the manifest maps each bill of lading to a shipping event with containers, lots and manifest quantities")
    func manifestEvents() throws {
        let mapped = try Self.manifests().map(Self.bytes(Self.manifest), fileName: Self.manifest)
        #expect(mapped.events.count == 2)
        let gold = try #require(mapped.events.first?.event)
        #expect(gold.type == .objectEvent && gold.action == .observe && gold.bizStep == .shipping && gold.disposition == .inTransit)
        #expect(gold.bizTransactions(ofType: .billOfLading) == ["urn:epcglobal:cbv:bt:8801234000017:HDLN26BUS00871"])
        #expect(gold.epcList.count == 2 + 40 + 30)
        #expect(gold.epcList.first == (try EPC("urn:epc:id:bic:BDXU2001011")))
        #expect(gold.epcList.contains(try EPC("urn:epc:id:bic:BDXU2001027")))
        #expect(gold.epcList.contains(try BusanFixtures.bar("OPM26-0040")))
        let copper = try #require(mapped.events.last?.event)
        #expect(copper.quantityList.map(\.epcClass) == [try BusanFixtures.copper("CU26-A"), try BusanFixtures.copper("CU26-B")])
        #expect(copper.quantityList.map(\.asQuantity) == [try Quantity("25.120", .tonne), try Quantity("25.000", .tonne)])
        #expect(copper.extensions.first { $0.name == "vessel" }?.value == "9314014")
        guard case .captureEvent = try #require(mapped.events.last?.command) else {
            Issue.record("a manifest is a custody event, not a command")
            return
        }
    }

    @Test("the story with receipts (and the manifest) in XML gives the EPCIS story's receipt states and flags")
    func sameReceiptStates() throws {
        let epcis = try BusanFixtures.run("xml")
        var engine = ProvenanceEngine()
        var results: [String: ProvenanceError?] = [:]
        var flags: [String: [Flag]] = [:]
        let receiptReader = try Self.receipts()
        let carrierForwarder = try PartyID("gln:8801234000031")
        for entry in try BusanFixtures.story() {
            let document: MappedDocument
            if Self.receiptStems.contains(entry.stem) {
                document = try receiptReader.map(Self.bytes(entry.stem + ".xml"), fileName: entry.stem + ".xml")
            } else {
                document = try BusanFixtures.map(entry.stem + ".xml")
            }
            let before = engine.state
            do {
                let outcomes = try engine.apply(document, submitter: entry.submitter)
                results[entry.stem] = .some(nil)
                flags[entry.stem] = outcomes.flatMap(\.flags)
            } catch {
                #expect(engine.state == before, "refused \(entry.stem) changed the state")
                results[entry.stem] = error
            }
            if entry.stem == "04-gamcheon-packing" {
                // The terminal forwards the carrier's manifest once both shippers have packed.
                try engine.apply(try Self.manifests().map(Self.bytes(Self.manifest), fileName: Self.manifest), submitter: carrierForwarder)
            }
        }
        for entry in try BusanFixtures.story() {
            let expected = try #require(epcis.results[entry.stem])
            let got = try #require(results[entry.stem])
            #expect(got?.code == expected.refusal?.code, "\(entry.stem)")
            #expect(got?.rule == expected.refusal?.rule, "\(entry.stem)")
            #expect(flags[entry.stem, default: []].map(\.kindName) == expected.flags.map(\.kindName), "\(entry.stem)")
        }
        let a = engine.state.receipts
        let b = epcis.engine.state.receipts
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a.count == 8 + 3 + 2 + 2)
        for (key, receipt) in b {
            let mine = try #require(a[key])
            #expect(mine.depositor == receipt.depositor, "\(key)")
            #expect(mine.storageLocation == receipt.storageLocation, "\(key)")
            #expect(mine.lines == receipt.lines, "\(key)")
            #expect(mine.state == receipt.state, "\(key)")
            #expect(mine.encumbrance == receipt.encumbrance, "\(key)")
            #expect(mine.issuedAt == receipt.issuedAt && mine.closedAt == receipt.closedAt, "\(key)")
            #expect(mine.history.map(\.change) == receipt.history.map(\.change), "\(key)")
        }
        #expect(engine.state.discrepancies.count == 1)
        #expect(engine.state.discrepancies.map(\.lot) == epcis.engine.state.discrepancies.map(\.lot))
    }

    @Test("a receipt with a DTD entity is refused by the reader, at the DOCTYPE, before any mapping")
    func dtdEntityRefused() throws {
        let reader = try Self.receipts()
        let bytes = try Self.bytes("refused/receipt-dtd-entity.xml")
        let error = try #require(Self.refusal { () throws(XMLDocumentError) in
            try reader.map(bytes, fileName: "receipt-dtd-entity.xml")
        })
        #expect(error.code == .refused)
        #expect(error.rule.contains("doctypeForbidden"))
        #expect(error.line == 2 || error.line == 3 || error.line == 4)
        #expect(error.documentName == "receipt-dtd-entity.xml")
    }

    @Test("a receipt that breaks the XSD is refused with the validator's line and column")
    func schemaInvalidRefused() throws {
        let reader = try Self.receipts()
        let bytes = try Self.bytes("refused/receipt-invalid-gln.xml")
        let error = try #require(Self.refusal { () throws(XMLDocumentError) in try reader.map(bytes, fileName: "invalid.xml") })
        #expect(error.code == .schemaInvalid)
        #expect(error.line == 3)
        #expect(error.column > 0)
        #expect(error.context.contains("gln"))
    }

    @Test("a bar whose fine weight is not gross × fineness is refused at the FineWeight element")
    func fineWeightRefused() throws {
        let reader = try Self.receipts()
        let bytes = try Self.bytes("refused/receipt-fine-weight.xml")
        let error = try #require(Self.refusal { () throws(XMLDocumentError) in try reader.map(bytes, fileName: "fine.xml") })
        #expect(error.code == .inconsistent)
        #expect(error.rule.contains("LBMA"))
        #expect(error.line == 18)
        #expect(error.column == 11)
    }

    @Test("a container number with a wrong ISO 6346 check digit is refused at the Container element")
    func containerCheckDigitRefused() throws {
        let reader = try Self.manifests()
        let text = String(decoding: try Self.bytes("refused/manifest-check-digit.xml"), as: UTF8.self)
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("HSTU5123406") }) + 1
        let error = try #require(Self.refusal { () throws(XMLDocumentError) in try reader.map(Array(text.utf8), fileName: "cd.xml") })
        #expect(error.code == .invalidValue)
        #expect(error.rule.contains("ISO 6346"))
        #expect(error.line == line)
        #expect(error.column == 5)
    }

    @Test("receipt XML cannot declare encumbrances: those come from the lender or exchange")
    func declaredEncumbranceRefused() throws {
        let reader = try Self.receipts()
        var text = String(decoding: try Self.bytes("17-tank-receipt.xml"), as: UTF8.self)
        text = text.replacingOccurrences(of: "    </wr:Goods>\n", with: """
                </wr:Goods>
                <wr:Encumbrances>
                  <wr:Encumbrance kind="pledge">
                    <wr:Holder><wr:LEI>98450012SUYE00000057</wr:LEI></wr:Holder>
                    <wr:Since>2026-03-02T09:50:00.000+09:00</wr:Since>
                  </wr:Encumbrance>
                </wr:Encumbrances>

            """)
        let error = try #require(Self.refusal { () throws(XMLDocumentError) in try reader.map(Array(text.utf8), fileName: "enc.xml") })
        #expect(error.code == .unsupported)
        #expect(error.column == 5)
    }

    @Test("a manifest given to the receipt reader is refused as schema-invalid, not misread")
    func wrongFormatRefused() throws {
        let reader = try Self.receipts()
        let bytes = try Self.bytes(Self.manifest)
        let error = try #require(Self.refusal { () throws(XMLDocumentError) in try reader.map(bytes, fileName: "m.xml") })
        #expect(error.code == .schemaInvalid)
        #expect(error.line == 2)
    }
}

extension Flag {
    /// The kind of flag, to compare two runs whose flags differ only in source pointers.
    var kindName: String {
        switch self {
        case .discrepancy: "discrepancy"
        case .custodyGap: "custodyGap"
        }
    }
}
