import BollardTestSupport
import Foundation
import Testing
@testable import BollardEPCIS

/// The byte-level fast path against the general path (decode to `EPCISDocument`, then hash):
/// same hashes, pre-hashes, failures and positions, event by event, wherever the fast path
/// answers; and documents it declines still hash right through `EPCISEventHasher`.
@Suite("EPCIS hash fast path")
struct FastPathDifferentialTests {
    /// Compares both paths on one document; returns whether the fast path took it.
    @discardableResult
    static func compare(_ bytes: [UInt8], name: String) -> Bool {
        guard let syntax = EPCISDocumentReader.syntax(of: bytes, fileName: name) else {
            Issue.record("\(name): no syntax")
            return false
        }
        let fast = EPCISFastPath.hashes(bytes, syntax: syntax, includePreHashes: true)
        if syntax == .jsonLD { compareDocument(bytes, name: name, hashesTaken: fast != nil) }
        let general: [EPCISEventHash]
        do {
            general = try EPCISEventHasher().generalHashes(documentBytes: bytes, fileName: name, includePreHashes: true)
        } catch {
            #expect(fast == nil, "\(name): the general path refuses it (\(error)), the fast path must decline")
            return false
        }
        guard let fast else { return false }
        #expect(fast.count == general.count, "\(name): \(fast.count) events, general path \(general.count)")
        for (f, g) in zip(fast, general) where f != g {
            Issue.record("\(name) event \(g.index):\n fast    \(f.preHash ?? f.failure ?? "nil")\n general \(g.preHash ?? g.failure ?? "nil")")
        }
        return true
    }

    /// The mapper's route (`EPCISFastPath.jsonLDDocument`) against `EPCISJSONDecoder`: the same
    /// events, field for field and in the same order, wherever it answers; it answers for exactly
    /// the documents the hash's fast path takes, and never for one the decoder refuses.
    static func compareDocument(_ bytes: [UInt8], name: String, hashesTaken: Bool) {
        let fast = EPCISFastPath.jsonLDDocument(bytes)
        #expect((fast != nil) == hashesTaken, "\(name): the document route and the hash route disagree on taking it")
        guard let general = try? EPCISJSONDecoder().decode(bytes, documentName: name) else {
            #expect(fast == nil, "\(name): the decoder refuses it, the fast path must decline")
            return
        }
        guard let fast, fast != general else { return }
        #expect(fast.kind == general.kind && fast.ignoredFields == general.ignoredFields && fast.events.count == general.events.count,
                "\(name): document \(fast.kind) \(fast.events.count) events, general \(general.kind) \(general.events.count)")
        for (f, g) in zip(fast.events, general.events) where f != g {
            Issue.record("\(name) \(g.position):\n fast    \(f)\n general \(g)")
            return
        }
    }

    /// What the XML fast path leaves to the general path on purpose (see `XMLFastDocument`).
    static func hasDeclinedXMLShape(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        return ["sensorElementList", "errorDeclaration", "ignoreFields", "EPCISQueryDocument", "<extension", "<baseExtension"]
            .contains { text.contains($0) }
    }

    static func files(_ relative: String) throws -> [URL] {
        try SharedData.files(under: SharedData.conformance(relative), extensions: ConformanceData.documentExtensions)
    }

    @Test("every GS1 vector document: the fast path agrees with the general path or declines")
    func vectorDocuments() throws {
        var taken = 0
        var jsonDocuments = 0
        var xmlLeft: [String] = []
        for url in try Self.files("epcis-hash/examples") + Self.files("epcis-hash/expected_equal") {
            if url.pathExtension != "xml" { jsonDocuments += 1 }
            let bytes = try ConformanceData.bytes(url)
            let took = Self.compare(bytes, name: url.lastPathComponent)
            if took { taken += 1 }
            let generalRefuses = (try? EPCISEventHasher().generalHashes(documentBytes: bytes, fileName: url.lastPathComponent)) == nil
            if url.pathExtension == "xml", !took, !generalRefuses, !Self.hasDeclinedXMLShape(bytes) { xmlLeft.append(url.lastPathComponent) }
        }
        // ReferenceEventHashAlgorithm3.xml: its readPoint holds an extension, which the pre-hash
        // writes again in the sorted remainder; the fast path leaves fixed fields with extra
        // children to the general path.
        #expect(xmlLeft == ["ReferenceEventHashAlgorithm3.xml"], "XML vectors left the fast path: \(xmlLeft)")
        // Sensor data, query documents, ignoreFields and error declarations stay on the general
        // path; the ordinary JSON-LD vectors must not.
        #expect(jsonDocuments > 20)
        #expect(taken >= 10, "the fast path took only \(taken) vector documents")
    }

    @Test("every fixtures/busan/epcis document: the fast path agrees with the general path")
    func busanFixtures() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: BusanFixtures.directory.path)
            .filter { $0.hasSuffix(".jsonld") || $0.hasSuffix(".xml") }.sorted()
        #expect(names.count > 20)
        var jsonTaken = 0
        var xmlTaken = 0
        for name in names {
            let taken = Self.compare(try BusanFixtures.bytes(name), name: name)
            if taken, name.hasSuffix(".jsonld") { jsonTaken += 1 }
            if taken, name.hasSuffix(".xml") { xmlTaken += 1 }
        }
        #expect(jsonTaken == names.filter { $0.hasSuffix(".jsonld") }.count, "a Busan JSON-LD fixture left the fast path")
        let xmlNames = names.filter { $0.hasSuffix(".xml") }
        #expect(xmlNames.count > 10)
        #expect(xmlTaken == xmlNames.count, "a Busan XML fixture left the fast path")
    }

    @Test("generated benchmark-shaped documents: the fast path takes them and agrees", arguments: [1, 2, 3] as [UInt64])
    func generatedBenchmarkDocuments(seed: UInt64) {
        var generator = GeneratedEPCISDocument(seed: seed, extended: false)
        let document = generator.document(events: 400)
        let taken = Self.compare(document, name: "bench-\(seed).jsonld")
        #expect(taken, "the fast path declined generated document \(seed)")
    }

    @Test("generated documents with escapes, CURIEs, URNs, odd numbers and times: the fast path agrees",
          arguments: [11, 12, 13, 14, 15] as [UInt64])
    func generatedVariedDocuments(seed: UInt64) {
        var generator = GeneratedEPCISDocument(seed: seed, extended: true)
        let document = generator.document(events: 300)
        let taken = Self.compare(document, name: "varied-\(seed).jsonld")
        #expect(taken, "the fast path declined generated document \(seed)")
    }

    @Test("documents read in turn through one EPCISReadCache give what each gives alone")
    func sharedReadCache() throws {
        // One prefix bound to two IRIs in turn, then no prefix: the same member name expands three ways.
        func small(_ context: String) -> [UInt8] {
            Array(#"{"@context": [\#(context)], "type": "EPCISDocument", "epcisBody": {"eventList": [{"type": "ObjectEvent", "eventTime": "2026-01-01T00:00:00Z", "eventTimeZoneOffset": "+00:00", "action": "OBSERVE", "epcList": ["urn:epc:id:sgtin:0614141.107346.2017"], "ex:grade": "4N", "ex:assay": {"ex:purity": "999.9"}}]}}"#.utf8)
        }
        var documents = [small(#"{"ex": "https://a.example/"}"#), small(#"{"ex": "https://b.example/"}"#), small(#""https://ref.gs1.org/standards/epcis/epcis-context.jsonld""#),
                         small(#"{"ex": "https://a.example/"}"#)]
        for seed in [21, 22, 23] as [UInt64] {
            var extended = GeneratedEPCISDocument(seed: seed, extended: true)
            var plain = GeneratedEPCISDocument(seed: seed, extended: false)
            documents += [extended.document(events: 30), plain.document(events: 30)]
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: BusanFixtures.directory.path).filter { $0.hasSuffix(".jsonld") }.sorted()
        documents += try names.map { try BusanFixtures.bytes($0) }
        var cache = EPCISReadCache()
        var taken = 0
        for (i, bytes) in documents.enumerated() {
            let shared = EPCISFastPath.jsonLDDocument(bytes, cache: &cache)
            #expect(shared == EPCISFastPath.jsonLDDocument(bytes), "document \(i) read after others differs from reading it alone")
            if let shared {
                taken += 1
                #expect(shared == (try? EPCISJSONDecoder().decode(bytes)), "document \(i) differs from the general path")
            }
        }
        #expect(taken == documents.count, "the fast path declined \(documents.count - taken) documents")
        let grades = documents[..<4].compactMap { EPCISFastPath.jsonLDDocument($0)?.events.first?.fields.first { $0.name.hasSuffix("grade") }?.name }
        #expect(grades == ["{https://a.example/}grade", "{https://b.example/}grade", "ex:grade", "{https://a.example/}grade"])
    }

    @Test("a document the fast path declines (sensor data) still hashes as GS1's vectors say")
    func declinedDocumentHashesRight() throws {
        let url = try SharedData.conformance("epcis-hash/examples").appendingPathComponent("epcisDocWithSensorDataObjectEvent.jsonld")
        let bytes = try ConformanceData.bytes(url)
        #expect(EPCISFastPath.hashes(bytes, syntax: .jsonLD, includePreHashes: false) == nil)
        let expected = try ConformanceData.lines(url.deletingPathExtension().appendingPathExtension("hashes"))
        let got = try EPCISEventHasher().hashes(documentBytes: bytes, fileName: url.lastPathComponent)
        #expect(EPCISEventHasher.referenceOutput(got) == expected)
        #expect(!expected.isEmpty)
    }

    @Test("shapes outside the fast path are declined, and the hasher's answer is the general path's",
          arguments: [
              // event-level @context
              #"{"@context": {"ex": "https://ex.example/"}, "type": "ObjectEvent", "eventTime": "2026-01-01T00:00:00Z", "action": "ADD"}"#,
              // duplicate member
              #"{"type": "ObjectEvent", "eventTime": "2026-01-01T00:00:00Z", "eventTime": "2026-01-02T00:00:00Z", "action": "ADD"}"#,
              // readPoint with an extension
              #"{"type": "ObjectEvent", "eventTime": "2026-01-01T00:00:00Z", "action": "ADD", "readPoint": {"id": "urn:epc:id:sgln:0614141.00777.0", "ex:x": "1"}}"#,
              // an unknown bizStep: the general path refuses it with its position
              #"{"type": "ObjectEvent", "eventTime": "2026-01-01T00:00:00Z", "action": "ADD", "bizStep": "teleporting"}"#,
              // a number where a string belongs
              #"{"type": "ObjectEvent", "eventTime": 5, "action": "ADD"}"#,
          ])
    func declinedShapes(event: String) throws {
        let text = #"{"@context": {"ex": "https://ex.example/"}, "type": "EPCISDocument", "epcisBody": {"eventList": ["# + event + "]}}"
        let bytes = Array(text.utf8)
        #expect(EPCISFastPath.hashes(bytes, syntax: .jsonLD, includePreHashes: true) == nil)
        let viaHasher = Result { try EPCISEventHasher().hashes(documentBytes: bytes, fileName: "d.jsonld", includePreHashes: true) }
        let general = Result { try EPCISEventHasher().generalHashes(documentBytes: bytes, fileName: "d.jsonld", includePreHashes: true) }
        switch (viaHasher, general) {
        case (.success(let a), .success(let b)): #expect(a == b)
        case (.failure(let a), .failure(let b)): #expect(String(describing: a) == String(describing: b))
        default: Issue.record("the hasher and the general path disagree on whether to refuse: \(viaHasher) vs \(general)")
        }
    }

    @Test("malformed JSON is declined by the tokenizer and refused with a byte position",
          arguments: [#"{"epcisBody": {"eventList": [}}"#, #"{"a": 01}"#, #"{"a": "\x"}"#, #"{"a": 1,}"#, "{\"a\": \"\u{01}\"}",
                      #"{"a": [1 2]}"#, #"{"a": 1} x"#, #"{"a": "\ud800"}"#])
    func malformedJSON(text: String) {
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBufferPointer { JSONTokenizer.tokens($0) } == nil)
        #expect(throws: EPCISError.self) { try EPCISEventHasher().hashes(documentBytes: bytes, fileName: "bad.jsonld") }
    }

    @Test("the tokenizer accepts exactly what JSONScanner accepts on valid documents")
    func tokenizerAcceptsValidJSON() {
        for text in [#"{"a": [1, -0.5e+3, true, false, null, {"b": "\u00e9\/"}], "c": {}}"#, "\u{FEFF}[]", #" "x" "#] {
            let bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBufferPointer { JSONTokenizer.tokens($0) } != nil, "\(text)")
            #expect((try? JSONScanner.parse(bytes)) != nil, "\(text)")
        }
    }
}

/// The XML fast path (`XMLFastDocument`) against `EPCISXMLDecoder` and the general hasher.
@Suite("EPCIS hash fast path, XML")
struct XMLFastPathDifferentialTests {
    @Test("generated benchmark-shaped XML documents: the fast path takes them and agrees", arguments: [1, 2, 3] as [UInt64])
    func generatedBenchmarkDocuments(seed: UInt64) {
        var generator = GeneratedEPCISXMLDocument(seed: seed, extended: false)
        let taken = FastPathDifferentialTests.compare(generator.document(events: 400), name: "bench-\(seed).xml")
        #expect(taken, "the fast path declined generated XML document \(seed)")
    }

    @Test("generated XML with indentation, CDATA, references, comments, attributes, odd text and times: the fast path agrees",
          arguments: [11, 12, 13, 14, 15, 16, 17, 18] as [UInt64])
    func generatedVariedDocuments(seed: UInt64) {
        var generator = GeneratedEPCISXMLDocument(seed: seed, extended: true)
        let taken = FastPathDifferentialTests.compare(generator.document(events: 300), name: "varied-\(seed).xml")
        #expect(taken, "the fast path declined generated XML document \(seed)")
    }

    static let head = #"<?xml version="1.0"?><epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:ex="https://ex.example/"><EPCISBody><EventList>"#
    static let tail = "</EventList></EPCISBody></epcis:EPCISDocument>"
    static let plain = "<eventTime>2026-01-01T00:00:00Z</eventTime><action>ADD</action>"

    @Test("XML shapes outside the fast path are declined, and the hasher's answer is the general path's",
          arguments: [
              // EPCIS 1.x extension wrapper
              "<ObjectEvent>\(plain)<extension><ex:x>1</ex:x></extension></ObjectEvent>",
              // a fixed field twice
              "<ObjectEvent>\(plain)<eventTime>2026-01-02T00:00:00Z</eventTime></ObjectEvent>",
              // readPoint with an extension
              "<ObjectEvent>\(plain)<readPoint><id>urn:epc:id:sgln:0614141.00777.0</id><ex:x>1</ex:x></readPoint></ObjectEvent>",
              // a fixed field with an attribute
              "<ObjectEvent><eventTime ex:a=\"1\">2026-01-01T00:00:00Z</eventTime><action>ADD</action></ObjectEvent>",
              // an epc list with text of its own
              "<ObjectEvent>\(plain)<epcList>x<epc>urn:epc:id:sgtin:0614141.107346.2017</epc></epcList></ObjectEvent>",
              // an unknown bizStep and an unknown action: the general path refuses them with their lines
              "<ObjectEvent>\(plain)<bizStep>teleporting</bizStep></ObjectEvent>",
              "<ObjectEvent><eventTime>2026-01-01T00:00:00Z</eventTime><action>ADDED</action></ObjectEvent>",
              // an attribute value holding `&`
              "<ObjectEvent>\(plain)<ex:x a=\"b &amp; c\">1</ex:x></ObjectEvent>",
              // error declaration, sensor data
              "<ObjectEvent>\(plain)<errorDeclaration><declarationTime>2026-01-01T00:00:00Z</declarationTime></errorDeclaration></ObjectEvent>",
              "<ObjectEvent>\(plain)<sensorElementList><sensorElement><sensorReport type=\"gs1:Temperature\" value=\"3\"/></sensorElement></sensorElementList></ObjectEvent>",
              // an event without eventTime or action, an event with attributes, an unknown event type
              "<ObjectEvent><bizStep>urn:epcglobal:cbv:bizstep:shipping</bizStep></ObjectEvent>",
              "<ObjectEvent ex:a=\"1\">\(plain)</ObjectEvent>",
              "<ShipEvent>\(plain)</ShipEvent>",
              // ignoreFields
              "</EventList><ignoreFields><bizStep/></ignoreFields><EventList><ObjectEvent>\(plain)</ObjectEvent>",
          ])
    func declinedShapes(events: String) throws {
        let bytes = Array((Self.head + events + Self.tail).utf8)
        #expect(EPCISFastPath.hashes(bytes, syntax: .xml, includePreHashes: true) == nil)
        let viaHasher = Result { try EPCISEventHasher().hashes(documentBytes: bytes, fileName: "d.xml", includePreHashes: true) }
        let general = Result { try EPCISEventHasher().generalHashes(documentBytes: bytes, fileName: "d.xml", includePreHashes: true) }
        switch (viaHasher, general) {
        case (.success(let a), .success(let b)): #expect(a == b)
        case (.failure(let a), .failure(let b)): #expect(String(describing: a) == String(describing: b))
        default: Issue.record("the hasher and the general path disagree on whether to refuse: \(viaHasher) vs \(general)")
        }
    }

    @Test("what the hardened reader refuses the XML fast path declines, and the refusal keeps its reason",
          arguments: [
              "<!DOCTYPE d [<!ENTITY e \"x\">]>",
              "<!DOCTYPE d SYSTEM \"http://example.com/d.dtd\">",
          ] as [String])
    func hardenedRefusals(prolog: String) {
        let text = "<?xml version=\"1.0\"?>" + prolog
            + #"<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2"><EPCISBody><EventList><ObjectEvent>"#
            + Self.plain + "</ObjectEvent></EventList></EPCISBody></epcis:EPCISDocument>"
        let bytes = Array(text.utf8)
        #expect(EPCISFastPath.hashes(bytes, syntax: .xml, includePreHashes: false) == nil)
        #expect(throws: EPCISError.self) { try EPCISEventHasher().hashes(documentBytes: bytes, fileName: "d.xml") }
    }

    @Test("undeclared entities, malformed XML and too deep nesting are declined and refused",
          arguments: ["<ex:x>&e;</ex:x>", "<ex:x>1</ex:y>", "<undeclared:x>1</undeclared:x>",
                      String(repeating: "<ex:d>", count: 300) + String(repeating: "</ex:d>", count: 300)])
    func malformed(field: String) {
        let bytes = Array((Self.head + "<ObjectEvent>" + Self.plain + field + "</ObjectEvent>" + Self.tail).utf8)
        #expect(EPCISFastPath.hashes(bytes, syntax: .xml, includePreHashes: false) == nil)
        #expect(throws: EPCISError.self) { try EPCISEventHasher().hashes(documentBytes: bytes, fileName: "d.xml") }
    }

    @Test("a bare DOCTYPE, comments and processing instructions are taken, with source lines as positions")
    func prologAndPositions() throws {
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE epcis:EPCISDocument>\n<?pi x?>\n" + Self.head.dropFirst(21)
            + "\n<!-- c -->\n<ObjectEvent>" + Self.plain + "</ObjectEvent>\n<ObjectEvent\n>" + Self.plain + "</ObjectEvent>" + Self.tail
        let bytes = Array(text.utf8)
        #expect(FastPathDifferentialTests.compare(bytes, name: "d.xml"))
        let fast = try #require(EPCISFastPath.hashes(bytes, syntax: .xml, includePreHashes: false))
        #expect(fast.map(\.position) == ["line 6", "line 7"])
    }
}
