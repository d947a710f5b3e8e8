import Foundation
import Testing
@testable import BollardXML

@Suite struct XMLSchemaTests {
    static let receiptSchema = """
        <?xml version="1.0" encoding="UTF-8"?>
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
                   targetNamespace="urn:bollard:receipt" xmlns="urn:bollard:receipt"
                   elementFormDefault="qualified">
          <xs:element name="receipt">
            <xs:complexType>
              <xs:sequence>
                <xs:element name="lot" type="xs:string"/>
                <xs:element name="netWeight" type="xs:decimal"/>
                <xs:element name="bay" type="xs:string" minOccurs="0"/>
              </xs:sequence>
              <xs:attribute name="number" type="xs:string" use="required"/>
            </xs:complexType>
          </xs:element>
        </xs:schema>
        """

    func schema() throws -> XMLSchema {
        try XMLSchema(bytes: utf8(Self.receiptSchema), name: "receipt.xsd")
    }

    @Test func validDocumentHasNoErrors() throws {
        let xml = """
            <receipt xmlns="urn:bollard:receipt" number="WR-1">
              <lot>LOT-7</lot>
              <netWeight>24.960</netWeight>
            </receipt>
            """
        #expect(try schema().validate(utf8(xml), documentName: "ok.xml") == [])
    }

    @Test func invalidDocumentReportsErrorsWithLines() throws {
        let xml = """
            <receipt xmlns="urn:bollard:receipt">
              <lot>LOT-7</lot>
              <netWeight>heavy</netWeight>
              <colour>red</colour>
            </receipt>
            """
        let errors = try schema().validate(utf8(xml), documentName: "bad.xml")
        #expect(errors.count == 3, "\(errors)")
        #expect(errors.allSatisfy { $0.documentName == "bad.xml" })
        let missingAttribute = try #require(errors.first { $0.message.contains("number") })
        #expect(missingAttribute.line == 1)
        let badDecimal = try #require(errors.first { $0.message.contains("heavy") || $0.message.contains("decimal") })
        #expect(badDecimal.line == 3)
        let unexpected = try #require(errors.first { $0.message.contains("colour") })
        #expect(unexpected.line == 4)
    }

    @Test func validationLinesPast65535() throws {
        let xml = "<receipt xmlns=\"urn:bollard:receipt\" number=\"1\">" + String(repeating: "\n", count: 70_000)
            + "<lot>x</lot><netWeight>NaNish</netWeight></receipt>"
        let errors = try schema().validate(utf8(xml), documentName: "big.xml")
        #expect(errors.count == 1)
        #expect(errors.first?.line == 70_001)
    }

    @Test func parseAndValidateInOnePass() throws {
        let xml = "<receipt xmlns=\"urn:bollard:receipt\" number=\"WR-2\"><lot>L</lot><netWeight>1</netWeight></receipt>"
        let (document, errors) = try XMLReader().parse(utf8(xml), documentName: "t", validatingAgainst: schema())
        #expect(errors.isEmpty)
        #expect(document.root.attribute("number") == "WR-2")
    }

    @Test func hardenedReaderRulesStillApplyWhenValidating() throws {
        let xxe = """
            <!DOCTYPE receipt [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <receipt xmlns="urn:bollard:receipt" number="&x;"><lot>L</lot><netWeight>1</netWeight></receipt>
            """
        let schema = try schema()
        #expect(throws: XMLReadError.self) { try schema.validate(utf8(xxe), documentName: "t") }
        do {
            _ = try schema.validate(utf8(xxe), documentName: "t")
        } catch {
            #expect(error.code == .doctypeForbidden)
        }
        do {
            _ = try schema.validate(utf8("<receipt xmlns=\"urn:bollard:receipt\">\n<lot>"), documentName: "t")
            Issue.record("truncated document accepted")
        } catch {
            #expect(error.code == .malformed)
            #expect(error.line == 2)
            #expect(error.message.contains("lot"), "libxml2's own diagnosis reaches the caller: \(error.message)")
        }
    }

    /// Limit refusals while a validator is plugged in do not halt libxml2 (see
    /// `SAXTreeBuilder.refuseContent`); they must still be refusals.
    @Test func limitsStillApplyWhenValidating() throws {
        let schema = try schema()
        func limited(_ change: (inout XMLLimits) -> Void) -> XMLReader {
            var limits = XMLLimits.default
            change(&limits)
            return XMLReader(limits: limits)
        }
        let cases: [(XMLReader, String)] = [
            (limited { $0.maxTextBytes = 8 },
             "<receipt xmlns=\"urn:bollard:receipt\" number=\"1\"><lot>LOT-123456789</lot><netWeight>1</netWeight></receipt>"),
            (limited { $0.maxTextBytes = 8 },
             "<receipt xmlns=\"urn:bollard:receipt\" number=\"123456789\"><lot>L</lot><netWeight>1</netWeight></receipt>"),
            (limited { $0.maxElements = 2 },
             "<receipt xmlns=\"urn:bollard:receipt\" number=\"1\"><lot>L</lot><netWeight>1</netWeight></receipt>"),
            (limited { $0.maxDepth = 1 },
             "<receipt xmlns=\"urn:bollard:receipt\" number=\"1\"><lot>L</lot><netWeight>1</netWeight></receipt>"),
        ]
        for (reader, xml) in cases {
            do {
                _ = try schema.validate(utf8(xml), documentName: "t", reader: reader)
                Issue.record("accepted past the limits: \(xml)")
            } catch {
                #expect(error.code == .limitExceeded)
                #expect(error.line == 1)
            }
        }
    }

    @Test func validatesConcurrentlyWithOneSchema() async throws {
        let schema = try schema()
        let counts = await withTaskGroup(of: Int.self) { group in
            for i in 0..<32 {
                group.addTask {
                    let weight = i % 2 == 0 ? "\(i).5" : "bad\(i)"
                    let xml = "<receipt xmlns=\"urn:bollard:receipt\" number=\"\(i)\"><lot>L</lot><netWeight>\(weight)</netWeight></receipt>"
                    return (try? schema.validate(utf8(xml), documentName: "d\(i)").count) ?? -1
                }
            }
            var out = [Int]()
            for await c in group { out.append(c) }
            return out
        }
        #expect(counts.count == 32)
        #expect(counts.filter { $0 == 0 }.count == 16)
        #expect(counts.filter { $0 == 1 }.count == 16)
    }

    // MARK: Loading

    func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bollard-xsd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func fileSchemaWithLocalInclude() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let types = """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t" xmlns="urn:t">
              <xs:simpleType name="Weight"><xs:restriction base="xs:decimal"><xs:minInclusive value="0"/></xs:restriction></xs:simpleType>
            </xs:schema>
            """
        let main = """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t" xmlns="urn:t">
              <xs:include schemaLocation="sub/types.xsd"/>
              <xs:element name="w" type="Weight"/>
            </xs:schema>
            """
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data(types.utf8).write(to: dir.appendingPathComponent("sub/types.xsd"))
        try Data(main.utf8).write(to: dir.appendingPathComponent("main.xsd"))
        let schema = try XMLSchema(contentsOfFile: dir.appendingPathComponent("main.xsd").path)
        #expect(try schema.validate(utf8("<w xmlns=\"urn:t\">1.5</w>"), documentName: "t") == [])
        #expect(try schema.validate(utf8("<w xmlns=\"urn:t\">-1</w>"), documentName: "t").count == 1)
    }

    @Test func networkImportsAreRefused() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for location in ["http://127.0.0.1:9/x.xsd", "https://example.org/x.xsd", "ftp://example.org/x.xsd"] {
            let main = """
                <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
                  <xs:import namespace="urn:x" schemaLocation="\(location)"/>
                </xs:schema>
                """
            let path = dir.appendingPathComponent("net.xsd")
            try Data(main.utf8).write(to: path)
            do {
                _ = try XMLSchema(contentsOfFile: path.path)
                Issue.record("import of \(location) accepted")
            } catch {
                #expect(error.code == .forbiddenImport)
                #expect(error.line == 2)
            }
        }
    }

    @Test func nestedIncludeOfANetworkSchemaIsRefused() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("""
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:include schemaLocation="file:b.xsd"/></xs:schema>
            """.utf8).write(to: dir.appendingPathComponent("a.xsd"))
        try Data("""
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
            <xs:redefine schemaLocation="http://127.0.0.1:9/c.xsd"/></xs:schema>
            """.utf8).write(to: dir.appendingPathComponent("b.xsd"))
        do {
            _ = try XMLSchema(contentsOfFile: dir.appendingPathComponent("a.xsd").path)
            Issue.record("nested network redefine accepted")
        } catch {
            #expect(error.code == .forbiddenImport)
            #expect(error.schemaName.hasSuffix("b.xsd"))
        }
    }

    @Test func bytesSchemaWithAnyIncludeIsRefused() {
        let main = """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:include schemaLocation="types.xsd"/></xs:schema>
            """
        #expect(throws: XMLSchemaError.self) { try XMLSchema(bytes: utf8(main), name: "m.xsd") }
    }

    @Test func schemaWithDoctypeIsRefused() {
        let evil = """
            <!DOCTYPE xs:schema [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:annotation><xs:documentation>&x;</xs:documentation></xs:annotation></xs:schema>
            """
        do {
            _ = try XMLSchema(bytes: utf8(evil), name: "evil.xsd")
            Issue.record("schema with DOCTYPE accepted")
        } catch {
            #expect(error.code == .malformed)
            #expect(error.line == 1)
        }
    }

    @Test func invalidSchemaIsReported() {
        let broken = """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
              <xs:element name="a" type="NoSuchType"/>
            </xs:schema>
            """
        do {
            _ = try XMLSchema(bytes: utf8(broken), name: "broken.xsd")
            Issue.record("broken schema accepted")
        } catch {
            #expect(error.code == .invalidSchema)
            #expect(error.message.contains("NoSuchType"))
        }
    }

    @Test func missingSchemaFileIsUnreadable() {
        do {
            _ = try XMLSchema(contentsOfFile: "/nonexistent/bollard/x.xsd")
            Issue.record("missing file accepted")
        } catch {
            #expect(error.code == .unreadable)
        }
    }
}
