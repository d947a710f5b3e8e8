import Foundation
import Testing
@testable import BollardEPCIS

@Suite("EPCIS 2.0 XML capture")
struct EPCISXMLDecoderTests {
    func decode(_ text: String) throws(EPCISError) -> EPCISDocument {
        try EPCISXMLDecoder().decode(Array(text.utf8), documentName: "t.xml")
    }

    func document(_ events: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:ex="https://bollard.example/ns/" schemaVersion="2.0" creationDate="2024-01-01T00:00:00Z">
          <EPCISBody>
            <EventList>
        \(events)
            </EventList>
          </EPCISBody>
        </epcis:EPCISDocument>
        """
    }

    static let event = """
          <ObjectEvent>
            <eventTime>2024-01-01T00:00:00Z</eventTime>
            <eventTimeZoneOffset>+00:00</eventTimeZoneOffset>
            <epcList><epc>urn:epc:id:sgtin:4012345.011111.1</epc></epcList>
            <action>OBSERVE</action>
            <bizStep>urn:epcglobal:cbv:bizstep:shipping</bizStep>
            <bizTransactionList><bizTransaction type="urn:epcglobal:cbv:btt:bol">urn:epcglobal:cbv:bt:4012345000009:B1</bizTransaction></bizTransactionList>
            <ex:sealNumber>S-1</ex:sealNumber>
          </ObjectEvent>
    """

    @Test("events come out with EPCIS field names, Clark-named extensions and their source line")
    func readsFields() throws {
        let doc = try decode(document(Self.event))
        let e = try #require(doc.events.first)
        #expect(e.type == .objectEvent)
        #expect(e["bizStep"] == "urn:epcglobal:cbv:bizstep:shipping")
        #expect(e["{https://bollard.example/ns/}sealNumber"] == "S-1")
        #expect(e.field("bizTransactionList")?.children.first?.child("type")?.value == "urn:epcglobal:cbv:btt:bol")
        #expect(e.position == "line 5")
    }

    @Test("the same event in JSON-LD and XML has the same hash")
    func sameHashAcrossBindings() throws {
        let json = #"""
        {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"ex": "https://bollard.example/ns/"}],
         "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2024-01-01T00:00:00Z",
         "epcisBody": {"eventList": [{"type": "ObjectEvent", "eventTime": "2024-01-01T00:00:00Z", "eventTimeZoneOffset": "+00:00",
           "epcList": ["urn:epc:id:sgtin:4012345.011111.1"], "action": "OBSERVE", "bizStep": "shipping",
           "bizTransactionList": [{"type": "bol", "bizTransaction": "urn:epcglobal:cbv:bt:4012345000009:B1"}],
           "ex:sealNumber": "S-1"}]}}
        """#
        let fromJSON = try EPCISEventHasher().hashes(documentBytes: Array(json.utf8), fileName: "a.jsonld")
        let fromXML = try EPCISEventHasher().hashes(documentBytes: Array(document(Self.event).utf8), fileName: "a.xml")
        #expect(fromJSON.count == 1)
        #expect(fromJSON.first?.hash != nil)
        #expect(fromJSON.first?.hash == fromXML.first?.hash)
    }

    @Test("a document with a DTD entity is refused")
    func entityRefused() {
        let xxe = """
        <?xml version="1.0"?>
        <!DOCTYPE epcis:EPCISDocument [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2"><EPCISBody><EventList>&xxe;</EventList></EPCISBody></epcis:EPCISDocument>
        """
        do {
            _ = try decode(xxe)
            Issue.record("accepted a document with an external entity")
        } catch {
            #expect(error.code == .malformed)
            #expect(error.position.hasPrefix("line "))
        }
    }

    @Test("truncated XML is refused with its line")
    func truncated() {
        let text = document(Self.event)
        do {
            _ = try decode(String(text.prefix(text.count / 2)))
            Issue.record("accepted truncated XML")
        } catch {
            #expect(error.code == .malformed)
        }
    }

    @Test("an unknown event element and an unknown bizStep are refused with their line")
    func refusals() {
        do {
            _ = try decode(document("<ShippingEvent><action>ADD</action></ShippingEvent>"))
            Issue.record("accepted an unknown event type")
        } catch {
            #expect(error.code == .unknownEventType)
            #expect(error.position == "line 5")
        }
        do {
            _ = try decode(document("<ObjectEvent>\n<action>ADD</action>\n<bizStep>urn:epcglobal:cbv:bizstep:sailing</bizStep></ObjectEvent>"))
            Issue.record("accepted an unknown bizStep")
        } catch {
            #expect(error.code == .unknownVocabulary)
            #expect(error.position == "line 7")
        }
    }

    @Test("a file that is neither JSON nor XML is refused")
    func unknownFormat() {
        #expect(throws: EPCISError.self) {
            try EPCISEventHasher().hashes(documentBytes: Array("ISA*00*".utf8), fileName: "x.edi")
        }
    }
}

@Suite("bollard hash output")
struct HashOutputTests {
    @Test("reference-style output lists hashes, or pre-hashes, and leaves out unhashable events")
    func referenceOutput() throws {
        let json = #"""
        {"type": "EPCISDocument", "epcisBody": {"eventList": [
          {"type": "ObjectEvent", "eventTime": "2024-01-01T00:00:00.9996Z", "action": "OBSERVE"},
          {"type": "ObjectEvent", "eventTime": "2024-01-01T00:00:00Z", "eventTimeZoneOffset": "+00:00", "action": "OBSERVE"}]}}
        """#
        let hashes = try EPCISEventHasher().hashes(documentBytes: Array(json.utf8), fileName: "x.jsonld", includePreHashes: true)
        #expect(hashes.count == 2)
        #expect(hashes[0].hash == nil && hashes[0].failure != nil)
        let lines = EPCISEventHasher.referenceOutput(hashes)
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("ni:///sha-256;") == true && lines.first?.hasSuffix("?ver=CBV2.0") == true)
        #expect(EPCISEventHasher.referenceOutput(hashes, preHashes: true) ==
                ["eventType=ObjectEventeventTime=2024-01-01T00:00:00.000ZeventTimeZoneOffset=+00:00action=OBSERVE"])
    }
}

@Suite("Concurrent hashing")
struct ConcurrentHashTests {
    @Test("hashing in parallel gives the sequential result in document order")
    func sameAsSequential() async throws {
        var events: [String] = []
        for i in 0..<1000 {
            events.append(#"{"type": "ObjectEvent", "eventTime": "2024-01-01T00:00:\#(String(format: "%02d", i % 60))Z", "eventTimeZoneOffset": "+00:00", "epcList": ["urn:epc:id:sgtin:4012345.011111.\#(i)"], "action": "OBSERVE"}"#)
        }
        let json = #"{"type": "EPCISDocument", "epcisBody": {"eventList": [\#(events.joined(separator: ","))]}}"#
        let doc = try EPCISJSONDecoder().decode(Array(json.utf8))
        let sequential = EPCISEventHasher().hashes(doc, includePreHashes: true)
        let parallel = await EPCISEventHasher().hashes(doc, includePreHashes: true, parallelism: 4)
        #expect(parallel.count == 1000)
        #expect(parallel == sequential)
        #expect(Set(parallel.compactMap(\.hash)).count == 1000)
    }
}
