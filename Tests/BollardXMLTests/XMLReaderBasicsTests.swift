import Testing
@testable import BollardXML

@Suite struct XMLReaderBasicsTests {
    let reader = XMLReader()

    @Test func parsesElementsAttributesAndText() throws {
        let xml = #"<?xml version="1.0"?><a x="1" y='two'><b>hi</b>tail</a>"#
        let doc = try reader.parse(utf8(xml), documentName: "t.xml")
        #expect(doc.documentName == "t.xml")
        #expect(doc.root.name == XMLName(namespaceURI: nil, localName: "a", prefix: nil))
        #expect(doc.root.attribute("x") == "1")
        #expect(doc.root.attribute("y") == "two")
        #expect(doc.root.attribute("z") == nil)
        #expect(doc.root.firstChild("b", namespace: nil)?.text == "hi")
        #expect(doc.root.text == "tail")
        #expect(doc.root.childElements.map(\.name.localName) == ["b"])
    }

    @Test func keepsDocumentOrderAndWhitespaceText() throws {
        let doc = try reader.parse(utf8("<r>\n  <a/>\n  <b/>\n</r>"), documentName: "t")
        #expect(doc.root.children == [
            .text("\n  "), .element(XMLElement(name: XMLName(namespaceURI: nil, localName: "a"), line: 2, column: 3)),
            .text("\n  "), .element(XMLElement(name: XMLName(namespaceURI: nil, localName: "b"), line: 3, column: 3)),
            .text("\n"),
        ])
    }

    @Test func repeatedIndentationKeepsItsExactText() throws {
        let doc = try reader.parse(utf8("<r>\n\t<a>\n\t\t<b/>\n\t</a>\n\t<a> </a>\n \t<c/>\n</r>"), documentName: "t")
        let texts = doc.root.children.compactMap { node -> String? in
            if case .text(let t) = node { return t }
            return nil
        }
        #expect(texts == ["\n\t", "\n\t", "\n \t", "\n"])
        #expect(doc.root.childElements[0].children.first == .text("\n\t\t"))
        #expect(doc.root.childElements[1].text == " ")
    }

    @Test func dropsCommentsAndProcessingInstructions() throws {
        let doc = try reader.parse(utf8("<?xml version='1.0'?><!-- c --><?pi x?><r>a<!-- in -->b<?p?>c</r><!-- after -->"), documentName: "t")
        #expect(doc.root.children == [.text("abc")])
    }

    @Test func mergesCDATAPredefinedEntitiesAndCharacterReferences() throws {
        let xml = "<r>x &lt;&gt;&amp;&apos;&quot; &#65;&#x42;&#x1F600; <![CDATA[<not a tag> & ]]>end</r>"
        let doc = try reader.parse(utf8(xml), documentName: "t")
        #expect(doc.root.children == [.text("x <>&'\" AB\u{1F600} <not a tag> & end")])
    }

    @Test func predefinedEntitiesAndCharacterReferencesInAttributes() throws {
        let doc = try reader.parse(utf8(#"<r a="&lt;&amp;&#x41;&quot;" b='tab&#9;x'/>"#), documentName: "t")
        #expect(doc.root.attribute("a") == "<&A\"")
        #expect(doc.root.attribute("b") == "tab\tx")
        let amps = try reader.parse(utf8(#"<r a="&#38;&#x26;&amp;amp;x&amp;#38;"/>"#), documentName: "t")
        #expect(amps.root.attribute("a") == "&&&amp;x&#38;")
    }

    @Test func normalisesAttributeWhitespace() throws {
        // XML 1.0 §3.3.3: literal tab and newline in an attribute value become spaces.
        let doc = try reader.parse(utf8("<r a=\"x\ty\nz\"/>"), documentName: "t")
        #expect(doc.root.attribute("a") == "x y z")
    }

    @Test func defaultAndPrefixedNamespaces() throws {
        let xml = """
            <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns="urn:default" xmlns:x="urn:x" schemaVersion="2.0" x:attr="v">
              <EPCISBody><x:ext>1</x:ext></EPCISBody>
            </epcis:EPCISDocument>
            """
        let doc = try reader.parse(utf8(xml), documentName: "t")
        let root = doc.root
        #expect(root.name == XMLName(namespaceURI: "urn:epcglobal:epcis:xsd:2", localName: "EPCISDocument", prefix: "epcis"))
        #expect(root.namespaceDeclarations == [
            XMLNamespaceDeclaration(prefix: "epcis", uri: "urn:epcglobal:epcis:xsd:2"),
            XMLNamespaceDeclaration(prefix: nil, uri: "urn:default"),
            XMLNamespaceDeclaration(prefix: "x", uri: "urn:x"),
        ])
        #expect(root.attribute("schemaVersion") == "2.0")
        #expect(root.attribute("attr") == nil)
        #expect(root.attribute("attr", namespace: "urn:x") == "v")
        let body = try #require(root.firstChild("EPCISBody", namespace: "urn:default"))
        #expect(root.firstChild("EPCISBody", namespace: nil) == nil)
        #expect(body.namespaceDeclarations.isEmpty)
        let ext = try #require(body.firstChild("ext", namespace: "urn:x"))
        #expect(ext.name.prefix == "x")
        #expect(ext.text == "1")
    }

    @Test func redeclaredAndUndeclaredNamespaces() throws {
        let xml = """
            <p:a xmlns:p="urn:one" xmlns="urn:d1">
              <p:b xmlns:p="urn:two"><c/></p:b>
              <p:b><c xmlns=""/></p:b>
            </p:a>
            """
        let root = try reader.parse(utf8(xml), documentName: "t").root
        let bs = root.childElements
        #expect(bs.count == 2)
        #expect(bs[0].name.namespaceURI == "urn:two")
        #expect(bs[0].namespaceDeclarations == [XMLNamespaceDeclaration(prefix: "p", uri: "urn:two")])
        #expect(bs[0].firstChild("c", namespace: "urn:d1") != nil)
        #expect(bs[1].name.namespaceURI == "urn:one")
        let undeclared = try #require(bs[1].childElements.first)
        #expect(undeclared.name.namespaceURI == nil)
        #expect(undeclared.namespaceDeclarations == [XMLNamespaceDeclaration(prefix: nil, uri: "")])
    }

    @Test func xmlPrefixIsBoundToTheXMLNamespace() throws {
        let root = try reader.parse(utf8(#"<r xml:lang="en"/>"#), documentName: "t").root
        #expect(root.attribute("lang", namespace: "http://www.w3.org/XML/1998/namespace") == "en")
    }

    @Test func relativeAndOddNamespaceNamesAreAccepted() throws {
        let root = try reader.parse(utf8(#"<r xmlns="relative/ns"><p:a xmlns:p="urn:x y"/></r>"#), documentName: "t").root
        #expect(root.name.namespaceURI == "relative/ns")
        #expect(root.childElements.first?.name.namespaceURI == "urn:x y")
    }

    @Test func undefinedPrefixIsRefused() {
        let error = refusal("<p:a/>")
        #expect(error?.code == .malformed)
    }

    @Test func lineOfStartTagIncludingMultiLineTags() throws {
        let xml = "<r>\n<a/>\n\n<b\n  x='1'\n  y='2'>\n<c/></b>\n</r>"
        let root = try reader.parse(utf8(xml), documentName: "t").root
        #expect(root.line == 1)
        let a = try #require(root.firstChild("a", namespace: nil))
        let b = try #require(root.firstChild("b", namespace: nil))
        #expect(a.line == 2)
        #expect(b.line == 4)
        #expect(b.firstChild("c", namespace: nil)?.line == 7)
    }

    @Test func columnOfStartTagIncludingMultiLineTagsAndMultiByteText() throws {
        let xml = "<r>\n  <a/>\u{00E9}<b\n  x='1'>\n<c/></b>\n</r>"
        let root = try reader.parse(utf8(xml), documentName: "t").root
        #expect(root.column == 1)
        #expect(root.firstChild("a", namespace: nil)?.column == 3)
        let b = try #require(root.firstChild("b", namespace: nil))
        // Bytes, not characters: U+00E9 is two bytes in UTF-8.
        #expect(b.column == 9)
        #expect(b.firstChild("c", namespace: nil)?.column == 1)
    }

    @Test func lineNumbersPast65535AreExact() throws {
        var xml = "<r>"
        xml += String(repeating: "\n", count: 70_000)
        xml += "<late/>\n"
        xml += String(repeating: "<x/>\n", count: 30_000)
        xml += "<last/></r>"
        let root = try reader.parse(utf8(xml), documentName: "t").root
        #expect(root.firstChild("late", namespace: nil)?.line == 70_001)
        #expect(root.firstChild("last", namespace: nil)?.line == 100_002)
    }

    @Test func errorLinePast65535IsExact() {
        let xml = "<r>" + String(repeating: "\n", count: 80_000) + "<a></b></r>"
        let error = refusal(xml)
        #expect(error?.code == .malformed)
        #expect(error?.line == 80_001)
    }

    @Test func errorDescriptionNamesDocumentAndPosition() {
        let error = refusal(utf8("<r>\n<a></r>"), name: "manifest.xml")
        #expect(error?.documentName == "manifest.xml")
        #expect(error?.description.hasPrefix("manifest.xml:2:") == true)
    }
}
