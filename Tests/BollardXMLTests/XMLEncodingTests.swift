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

    /// libxml2 converts UTF-16 in chunks; start-tag lines must stay exact across them.
    @Test func utf16LineNumbersAcrossConversionChunks() throws {
        var doc = "<r>"
        for i in 0..<20_000 { doc += "\n<e n=\"\(i)\"\n   m=\"ü\">\(expected)</e>" }
        doc += "\n<last/></r>"
        let root = try XMLReader().parse(utf16(doc, littleEndian: false), documentName: "t").root
        let elements = root.childElements
        #expect(elements.count == 20_001)
        #expect(elements[0].line == 2)
        #expect(elements[12_345].line == 2 + 2 * 12_345)
        #expect(elements[12_345].attribute("n") == "12345")
        #expect(elements.last?.line == 40_002)
    }

    @Test func utf16WithALoneSurrogateIsRefused() throws {
        var bytes = utf16("<r>\nab", littleEndian: true)
        bytes += [0x00, 0xD8]
        bytes += Array(utf16("</r>", littleEndian: true).dropFirst(2))
        let error = refusal(bytes)
        #expect(error?.code == .encoding, "\(String(describing: error))")
        #expect(error?.line == 2)
        #expect(refusal(utf16("<r>", littleEndian: false) + [0xDC, 0x00] + Array(utf16("</r>", littleEndian: false).dropFirst(2)))?.code == .encoding)
        #expect(refusal(utf16("<r/>", littleEndian: true) + [0x20])?.code == .encoding)
        // A proper pair (U+1F600) is fine.
        #expect(try text(utf16("<r>\u{1F600}</r>", littleEndian: true)) == "\u{1F600}")
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
