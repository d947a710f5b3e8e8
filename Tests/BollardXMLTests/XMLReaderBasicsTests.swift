import Testing
@testable import BollardXML

@Suite struct XMLReaderBasicsTests {
    @Test func parsesElementsAttributesAndText() throws {
        let xml = #"<?xml version="1.0"?><a x="1"><b>hi</b>tail</a>"#
        let doc = try XMLReader().parse(Array(xml.utf8), documentName: "t.xml")
        #expect(doc.root.name.localName == "a")
        #expect(doc.root.attribute("x") == "1")
        #expect(doc.root.firstChild("b", namespace: nil)?.text == "hi")
        #expect(doc.root.text == "tail")
    }
}
