import Testing
@testable import BollardXML

@Suite struct XMLReaderMalformedTests {
    @Test func truncatedDocumentReportsTheLine() {
        let xml = "<?xml version=\"1.0\"?>\n<r>\n  <a>1</a>\n  <b>2"
        let error = refusal(xml)
        #expect(error?.code == .malformed)
        #expect(error?.line == 4)
    }

    @Test func truncatedInsideATag() {
        let error = refusal("<r>\n<a x=\"1")
        #expect(error?.code == .malformed)
        #expect(error?.line == 2)
    }

    @Test func mismatchedEndTag() {
        let error = refusal("<r>\n<a></b>\n</r>")
        #expect(error?.code == .malformed)
        #expect(error?.line == 2)
        #expect(error?.column ?? 0 > 0)
    }

    @Test func duplicateAttribute() {
        #expect(refusal(#"<r a="1" a="2"/>"#)?.code == .malformed)
    }

    @Test func contentAfterRoot() {
        #expect(refusal("<r/><s/>")?.code == .malformed)
    }

    @Test func emptyAndWhitespaceOnly() {
        #expect(refusal([])?.code == .empty)
        #expect(refusal(" \n\t")?.code == .empty)
        #expect(refusal("<?xml version=\"1.0\"?>")?.code == .empty)
    }

    @Test func invalidUTF8InText() {
        let bytes = utf8("<r>\nok ") + [0xC3, 0x28] + utf8("</r>")
        let error = refusal(bytes)
        #expect(error?.code == .encoding)
        #expect(error?.line == 2)
    }

    @Test func invalidUTF8InAttributeAndName() {
        #expect(refusal(utf8("<r a=\"") + [0xFF] + utf8("\"/>"))?.code == .encoding)
        #expect(refusal(utf8("<r") + [0xE2, 0x82] + utf8("/>")) != nil)
    }

    @Test func overlongAndSurrogateUTF8() {
        // C0 AF is an overlong '/', ED A0 80 a UTF-16 surrogate: both invalid UTF-8 (RFC 3629 §3).
        #expect(refusal(utf8("<r>") + [0xC0, 0xAF] + utf8("</r>"))?.code == .encoding)
        #expect(refusal(utf8("<r>") + [0xED, 0xA0, 0x80] + utf8("</r>")) != nil)
    }

    @Test func controlCharactersAreMalformed() {
        #expect(refusal(utf8("<r>") + [0x01] + utf8("</r>"))?.code == .malformed)
        #expect(refusal("<r>&#1;</r>")?.code == .malformed)
        #expect(refusal(utf8("<r>") + [0x00] + utf8("</r>")) != nil)
    }
}
