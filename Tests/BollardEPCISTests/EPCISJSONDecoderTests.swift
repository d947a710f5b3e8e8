import Testing
@testable import BollardEPCIS

@Suite("EPCIS 2.0 JSON-LD capture")
struct EPCISJSONDecoderTests {
    func decode(_ text: String) throws(EPCISError) -> EPCISDocument {
        try EPCISJSONDecoder().decode(Array(text.utf8), documentName: "t.jsonld")
    }

    func document(_ event: String, context: String = #""https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld""#) -> String {
        #"{"@context": [\#(context)], "type": "EPCISDocument", "schemaVersion": "2.0", "epcisBody": {"eventList": [\#(event)]}}"#
    }

    static let goodEvent = #"""
    {"type": "ObjectEvent", "eventTime": "2024-01-01T00:00:00Z", "eventTimeZoneOffset": "+00:00",
     "epcList": ["urn:epc:id:sgtin:4012345.011111.1"], "action": "OBSERVE", "bizStep": "shipping"}
    """#

    @Test("a document's events come out with EPCIS field names and resolved extension namespaces")
    func readsFields() throws {
        let ev = #"""
        {"type": "ObjectEvent", "eventTime": "2024-01-01T00:00:00Z", "eventTimeZoneOffset": "+00:00",
         "epcList": ["urn:epc:id:sgtin:4012345.011111.1", "urn:epc:id:sgtin:4012345.011111.2"],
         "action": "OBSERVE", "bizStep": "shipping", "readPoint": {"id": "urn:epc:id:sgln:4012345.00011.0"},
         "quantityList": [{"epcClass": "urn:epc:class:lgtin:4012345.011111.L1", "quantity": 2.50, "uom": "KGM"}],
         "bizTransactionList": [{"type": "bol", "bizTransaction": "urn:epcglobal:cbv:bt:4012345000009:B1"}],
         "bollard:sealNumber": "S-1"}
        """#
        let doc = try decode(document(ev, context: #""https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"bollard": "https://bollard.example/ns/"}"#))
        #expect(doc.kind == .document)
        let e = try #require(doc.events.first)
        #expect(e.type == .objectEvent)
        #expect(e["eventTime"] == "2024-01-01T00:00:00Z")
        #expect(e.field("epcList")?.children.map(\.name) == ["epc", "epc"])
        #expect(e.field("quantityList")?.children.first?.name == "quantityElement")
        #expect(e.field("quantityList")?.children.first?.child("quantity")?.value == "2.50")
        #expect(e.field("bizTransactionList")?.children.first?.child("type")?.value == "https://ref.gs1.org/cbv/BTT-bol")
        #expect(e["{https://bollard.example/ns/}sealNumber"] == "S-1")
        #expect(e.position == "$.epcisBody.eventList[0]")
    }

    @Test("a bare event and a query document are read too")
    func otherShapes() throws {
        let bare = try decode(Self.goodEvent)
        #expect(bare.kind == .bareEvent && bare.events.count == 1)
        let query = try decode(#"{"type": "EPCISQueryDocument", "epcisBody": {"queryResults": {"resultsBody": {"eventList": [\#(Self.goodEvent)]}}}}"#)
        #expect(query.kind == .queryDocument && query.events.count == 1)
    }

    @Test("malformed JSON is refused with its byte offset")
    func malformed() {
        #expect(throws: EPCISError.self) { try decode(#"{"type": "EPCISDocument", "epcisBody": {"eventList": [}"#) }
        do {
            _ = try decode(#"{"type": "EPCISDocument",, }"#)
            Issue.record("accepted malformed JSON")
        } catch {
            #expect(error.code == .malformed)
            #expect(error.byteOffset == 25)
        }
    }

    @Test("a truncated document is refused")
    func truncated() {
        do {
            _ = try decode(String(document(Self.goodEvent).dropLast(10)))
            Issue.record("accepted truncated JSON")
        } catch {
            #expect(error.code == .malformed)
        }
    }

    @Test("wrong JSON types are refused with the JSON path")
    func wrongTypes() {
        let cases: [(String, String)] = [
            (#"{"type": "ObjectEvent", "eventTime": 20240101, "action": "OBSERVE"}"#, "$.epcisBody.eventList[0].eventTime"),
            (#"{"type": "ObjectEvent", "epcList": "urn:epc:id:sgtin:4012345.011111.1", "action": "ADD"}"#, "$.epcisBody.eventList[0].epcList"),
            (#"{"type": "ObjectEvent", "epcList": [42], "action": "ADD"}"#, "$.epcisBody.eventList[0].epcList[0]"),
            (#"{"type": "ObjectEvent", "readPoint": "urn:epc:id:sgln:4012345.00011.0", "action": "ADD"}"#, "$.epcisBody.eventList[0].readPoint"),
        ]
        for (event, path) in cases {
            do {
                _ = try decode(document(event))
                Issue.record("accepted \(event)")
            } catch {
                #expect(error.code == .wrongType, "\(event)")
                #expect(error.position == path)
            }
        }
    }

    @Test("an unknown event type is refused")
    func unknownEventType() {
        do {
            _ = try decode(document(#"{"type": "ShippingEvent", "action": "ADD"}"#))
            Issue.record("accepted an unknown event type")
        } catch {
            #expect(error.code == .unknownEventType)
            #expect(error.position == "$.epcisBody.eventList[0].type")
        }
    }

    @Test("unknown bizStep and disposition values are refused; CBV URIs, URNs and private URIs pass")
    func vocabulary() throws {
        for bad in ["shipping_by_sea", "https://ref.gs1.org/cbv/BizStep-sailing", "urn:epcglobal:cbv:bizstep:sailing"] {
            do {
                _ = try decode(document(#"{"type": "ObjectEvent", "action": "OBSERVE", "bizStep": "\#(bad)"}"#))
                Issue.record("accepted bizStep \(bad)")
            } catch {
                #expect(error.code == .unknownVocabulary)
                #expect(error.position == "$.epcisBody.eventList[0].bizStep")
            }
        }
        #expect(throws: EPCISError.self) {
            try decode(document(#"{"type": "ObjectEvent", "action": "OBSERVE", "disposition": "lost_at_sea"}"#))
        }
        for good in ["shipping", "https://ref.gs1.org/cbv/BizStep-shipping", "urn:epcglobal:cbv:bizstep:shipping",
                     "https://bollard.example/bizstep/pledging", "urn:bollard:bizstep:pledging"] {
            #expect(try decode(document(#"{"type": "ObjectEvent", "action": "OBSERVE", "bizStep": "\#(good)"}"#)).events.count == 1)
        }
    }

    @Test("a document that is no EPCIS document is refused")
    func notEPCIS() {
        #expect(throws: EPCISError.self) { try decode("[1, 2]") }
        #expect(throws: EPCISError.self) { try decode(#"{"type": "Invoice"}"#) }
        #expect(throws: EPCISError.self) { try decode(#"{"type": "EPCISDocument", "epcisBody": {}}"#) }
    }
}

@Suite("JSON-LD hash quirks kept for agreement with GS1's reference")
struct JSONHashQuirkTests {
    static func hashes(_ entry: String) throws -> [EPCISEventHash] {
        let json = #"""
        {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"], "type": "EPCISDocument",
         "epcisBody": {"eventList": [{"type": "ObjectEvent", "eventTime": "2024-01-01T00:00:00Z", "eventTimeZoneOffset": "+00:00",
           "action": "OBSERVE", "bizTransactionList": [\#(entry)]}]}}
        """#
        return try EPCISEventHasher().hashes(documentBytes: Array(json.utf8), fileName: "q.jsonld", includePreHashes: true)
    }

    /// epcis-event-hash-generator 1.9.3 gives 8baa1d16… for the value-first spelling and
    /// 13483fc6… for the type-first one (checked against the tool).
    @Test("a bizTransaction written before its type is hashed value-first, as the reference does")
    func entryOrder() throws {
        let valueFirst = try Self.hashes(#"{"bizTransaction": "urn:epcglobal:cbv:bt:4012345000009:B1", "type": "bol"}"#)
        let typeFirst = try Self.hashes(#"{"type": "bol", "bizTransaction": "urn:epcglobal:cbv:bt:4012345000009:B1"}"#)
        #expect(valueFirst.first?.hash == "ni:///sha-256;8baa1d160e4a5d62cb52f269f5bc276b305154e162149bb12b56e55db2316556?ver=CBV2.0")
        #expect(typeFirst.first?.hash == "ni:///sha-256;13483fc6b85b45498565f5e285dbae9f1a0a00d26afc2de708a9cc43bc860467?ver=CBV2.0")
    }
}
