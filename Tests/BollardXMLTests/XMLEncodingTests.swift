import Testing
@testable import BollardXML

/// Accepted: UTF-8 (BOM optional), UTF-16 with a BOM, ISO-8859-1, US-ASCII. Everything else is
/// refused with `.encoding` (see `DocumentEncoding`).
@Suite struct XMLEncodingTests {
    let expected = "Zürich €"

    func text(_ bytes: [UInt8]) throws -> String {
        try XMLReader().parse(bytes, documentName: "t").root.text
    }

    func utf16(_ s: String, littleEndian: Bool) -> [UInt8] {
        var out: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
        for unit in s.utf16 {
            let lo = UInt8(unit & 0xFF), hi = UInt8(unit >> 8)
            out += littleEndian ? [lo, hi] : [hi, lo]
        }
        return out
    }

    @Test func utf8WithAndWithoutDeclarationAndBOM() throws {
        #expect(try text(utf8("<r>\(expected)</r>")) == expected)
        #expect(try text(utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><r>\(expected)</r>")) == expected)
        #expect(try text(utf8("<?xml version='1.0' encoding='utf-8' standalone='yes'?><r>\(expected)</r>")) == expected)
        #expect(try text([0xEF, 0xBB, 0xBF] + utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><r>\(expected)</r>")) == expected)
    }

    @Test func utf16WithBOM() throws {
        let doc = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<r a=\"ü\">\n<b>\(expected)</b></r>"
        for littleEndian in [true, false] {
            let parsed = try XMLReader().parse(utf16(doc, littleEndian: littleEndian), documentName: "t")
            #expect(parsed.root.attribute("a") == "ü")
            #expect(parsed.root.firstChild("b", namespace: nil)?.text == expected)
            #expect(parsed.root.firstChild("b", namespace: nil)?.line == 3)
        }
        #expect(try text(utf16("<r>\(expected)</r>", littleEndian: true)) == expected)
    }

    @Test func utf16WithoutBOMIsRefused() {
        let doc = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><r/>"
        let noBOM = Array(utf16(doc, littleEndian: true).dropFirst(2))
        #expect(refusal(noBOM)?.code == .encoding)
        // Declared UTF-16 on bytes that are UTF-8.
        #expect(refusal(doc)?.code == .encoding)
    }

    @Test func utf16BOMContradictingDeclarationIsRefused() {
        let doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><r/>"
        #expect(refusal(utf16(doc, littleEndian: true))?.code == .encoding)
    }

    @Test func iso88591() throws {
        let bytes = utf8("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r a=\"") + [0xE9] + utf8("\">Z") + [0xFC]
            + utf8("rich</r>")
        let root = try XMLReader().parse(bytes, documentName: "t").root
        #expect(root.text == "Zürich")
        #expect(root.attribute("a") == "é")
    }

    @Test func usASCII() throws {
        #expect(try text(utf8("<?xml version=\"1.0\" encoding=\"US-ASCII\"?><r>plain &#xFC;</r>")) == "plain ü")
    }

    @Test func otherEncodingsAreRefused() {
        for name in ["Shift_JIS", "EBCDIC-US", "UTF-7", "windows-1252", "KOI8-R", "bogus"] {
            let error = refusal("<?xml version=\"1.0\" encoding=\"\(name)\"?><r/>")
            #expect(error?.code == .encoding, "\(name)")
            #expect(error?.message.contains(name) == true)
        }
    }

    @Test func utf32AndEBCDICSignaturesAreRefused() {
        #expect(refusal([0x00, 0x00, 0xFE, 0xFF, 0, 0, 0, 0x3C])?.code == .encoding)
        #expect(refusal([0xFF, 0xFE, 0x00, 0x00, 0x3C, 0, 0, 0])?.code == .encoding)
        #expect(refusal([0x4C, 0x6F, 0xA7, 0x94, 0x93])?.code == .encoding)
    }

    @Test func utf8BOMContradictingLatin1DeclarationIsRefused() {
        let bytes = [0xEF, 0xBB, 0xBF] + utf8("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r/>")
        #expect(refusal(bytes)?.code == .encoding)
    }
}
