import BollardCore
import BollardEPCIS
import BollardTestSupport
import Foundation
import Testing

/// Bad documents (fixtures/busan/epcis/refused) are refused with a position, and change nothing.
@Suite("EPCIS → Core refusals")
struct CoreMappingRefusalTests {
    /// The engine after the whole story, so "nothing changed" is checked against a rich state.
    static func storyEngine() throws -> ProvenanceEngine { try BusanFixtures.run("jsonld").engine }

    static func refusal(_ name: String) -> CoreMappingError? {
        do {
            _ = try BusanFixtures.map("refused/" + name)
            return nil
        } catch let error as CoreMappingError {
            return error
        } catch {
            Issue.record("\(name): unexpected \(error)")
            return nil
        }
    }

    @Test("each bad document is refused with its position", arguments: [
        ("malformed.jsonld", CoreMappingError.Code.document, "malformed", "byte "),
        ("wrong-type.jsonld", .document, "wrongType", "$.epcisBody.eventList[0].eventTimeZoneOffset"),
        ("unknown-bizstep.jsonld", .document, "unknownVocabulary", "$.epcisBody.eventList[0].bizStep"),
        ("unknown-bizstep-uri.xml", .document, "unknownVocabulary", "line "),
        ("dtd-entity.xml", .document, "malformed", "line "),
        ("truncated.xml", .document, "malformed", "line "),
        ("receipt-without-lines.jsonld", .missingField, "", "$.epcisBody.eventList[0].{https://ns.bollard.dev/epcis/}receiptLine"),
    ])
    func refused(name: String, code: CoreMappingError.Code, parserCode: String, position: String) throws {
        let error = try #require(Self.refusal(name), "\(name) was accepted")
        #expect(error.code == code, "\(name): \(error)")
        #expect(error.documentName == "refused/" + name)
        #expect(error.position.hasPrefix(position), "\(name): position \(error.position)")
        #expect(error.context.hasPrefix(parserCode), "\(name): \(error.context)")
    }

    @Test("the DTD document is refused for its DTD, before any entity is expanded")
    func dtdNamed() throws {
        let error = try #require(Self.refusal("dtd-entity.xml"))
        #expect(error.context.lowercased().contains("dtd") || error.context.lowercased().contains("doctype"), "\(error)")
        #expect(!error.context.contains("root:"), "an entity was expanded: \(error)")
    }

    @Test("a refused document changes nothing: the engine is only ever given whole mapped documents")
    func nothingChanges() throws {
        var engine = try Self.storyEngine()
        let before = engine
        for name in ["malformed.jsonld", "wrong-type.jsonld", "unknown-bizstep.jsonld", "unknown-bizstep-uri.xml", "dtd-entity.xml",
                     "truncated.xml", "receipt-without-lines.jsonld"] {
            do {
                let doc = try BusanFixtures.map("refused/" + name)
                try engine.apply(doc, submitter: .gln(try GLN(BusanFixtures.w2)))
                Issue.record("\(name) applied")
            } catch {
                #expect(error is CoreMappingError, "\(name): \(error)")
            }
        }
        #expect(engine == before)
    }

    @Test("a document whose second command is refused applies none of its commands")
    func allOrNothing() throws {
        var engine = try BusanFixtures.run("jsonld").engine
        let before = engine
        // A fresh receipt for the stray bar (lawful) followed by a duplicate WR-W1-0001 (refused).
        let good = try BusanFixtures.map("13-w1-stray-bar.jsonld").events[0].command
        var dup = try BusanFixtures.map("09-w1-receipts.jsonld")
        dup.events.insert(MappedEvent(event: dup.events[0].event, command: good), at: 0)
        #expect(throws: ProvenanceError.self) { try engine.apply(dup, submitter: .gln(try GLN(BusanFixtures.w1))) }
        #expect(engine == before)
    }

    @Test("command events that contradict their bizStep are refused with the field named")
    func inconsistentCommands() throws {
        let doc = String(decoding: try BusanFixtures.bytes("19-suyeong-pledge.jsonld"), as: UTF8.self)
        let wrongAction = doc.replacingOccurrences(of: "\"action\": \"ADD\"", with: "\"action\": \"DELETE\"")
        #expect(throws: CoreMappingError.self) { try EPCISCoreMapper().map(Array(wrongAction.utf8), fileName: "a.jsonld") }
        do {
            _ = try EPCISCoreMapper().map(Array(wrongAction.utf8), fileName: "a.jsonld")
        } catch {
            #expect(error.code == .inconsistentCommand)
            #expect(error.position == "$.epcisBody.eventList[0].action")
        }
        let badLEI = doc.replacingOccurrences(of: "98450012SUYE00000057", with: "98450012SUYE00000013")
        do {
            _ = try EPCISCoreMapper().map(Array(badLEI.utf8), fileName: "b.jsonld")
            Issue.record("a lender LEI failing ISO 17442 mod-97 was accepted")
        } catch {
            #expect(error.code == .invalidValue)
            #expect(error.position == "$.epcisBody.eventList[0].{https://ns.bollard.dev/epcis/}lender")
        }
        // The same fault in the XML binding is positioned at the event's line.
        let xml = String(decoding: try BusanFixtures.bytes("19-suyeong-pledge.xml"), as: UTF8.self)
            .replacingOccurrences(of: "98450012SUYE00000057", with: "98450012SUYE00000013")
        do {
            _ = try EPCISCoreMapper().map(Array(xml.utf8), fileName: "c.xml")
            Issue.record("a lender LEI failing ISO 17442 mod-97 was accepted from XML")
        } catch {
            #expect(error.code == .invalidValue)
            #expect(error.position == "line 5, field {https://ns.bollard.dev/epcis/}lender")
        }
    }
}
