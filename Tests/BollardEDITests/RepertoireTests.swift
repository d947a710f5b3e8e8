import Foundation
import Testing
@testable import BollardEDI

/// ISO 9735 levels A and B (UNB S001 UNOA/UNOB): bytes outside the declared repertoire are found
/// with their segment, element and component, and acknowledged with 0085 code 21.
@Suite("EDIFACT character repertoire (UNOA/UNOB)")
struct RepertoireTests {
    static func interchange(_ syntax: String, _ body: [UInt8], una: String = "") -> [UInt8] {
        Array("\(una)UNB+\(syntax):3+SENDER+RECEIVER+260302:0900+REF1'UNH+1+IFTSTA:D:99B:UN'".utf8) + body
            + Array("'UNT+3+1'UNH+2+IFTSTA:D:99B:UN'BGM+23+CLEAN'UNT+3+2'UNZ+2+REF1'".utf8)
    }

    @Test("a byte UNOA cannot represent rejects its message, at its element and component; the next message stands")
    func undecodableByteRejects() throws {
        let bytes = Self.interchange("UNOA", Array("BGM+23+DOC:M".utf8) + [0xC3, 0xA9] + Array("LLER".utf8))
        let report = EDIParser.readEdifact(bytes)
        let interchange = try #require(report.interchanges.first)
        #expect(interchange.messages.map(\.outcome) == [.rejected, .accepted])
        let error = try #require(interchange.messages.first?.errors.first)
        #expect(error.code == .invalidCharacter)
        #expect(error.severity == .error)
        #expect(error.position.segment == 3)
        #expect(error.position.segmentInMessage == 2)
        #expect(error.position.tag == "BGM")
        #expect(error.position.element == 2)
        #expect(error.position.component == 2)
        let offset = try #require(bytes.firstIndex(of: 0xC3))
        #expect(error.position.byteOffset == offset)
        #expect(error.edifactSyntaxErrorCode == 21)
        #expect(error.context.contains("0xC3"))
    }

    @Test("lower case in UNOA is a warning (level B character), in UNOB nothing")
    func lowerCase() throws {
        let body = Array("BGM+23+Doc".utf8)
        let a = EDIParser.readEdifact(Self.interchange("UNOA", body))
        let warning = try #require(a.interchanges.first?.messages.first?.errors.first)
        #expect(warning.code == .invalidCharacter && warning.severity == .warning)
        #expect(warning.position.element == 2 && warning.position.component == 1)
        #expect(a.outcome == .acceptedWithWarnings)
        #expect(a.interchanges.first?.messages.map(\.outcome) == [.acceptedWithWarnings, .accepted])
        let b = EDIParser.readEdifact(Self.interchange("UNOB", body))
        #expect(b.outcome == .accepted)
        #expect(b.allErrors.isEmpty)
    }

    @Test("one finding of each kind per message, in byte order, even when later segments repeat them")
    func oneOfEachKindPerMessage() throws {
        let body = Array("BGM+23+ab'FTX+AAI+++x".utf8) + [0x01] + Array("'FTX+AAI+++y".utf8) + [0xFF]
        let report = EDIParser.readEdifact(Self.interchange("UNOA", body).replacingUNT3(with: "UNT+5+1"))
        let errors = try #require(report.interchanges.first?.messages.first?.errors)
        #expect(errors.map(\.code) == [.invalidCharacter, .invalidCharacter])
        #expect(errors.map(\.severity) == [.warning, .error])
        #expect(errors.map(\.position.segment) == [3, 4])
    }

    @Test("service characters advised by UNA and released characters are not outside the repertoire")
    func serviceCharactersAllowed() throws {
        // UNA advises | ^ . # and ~ : none is a level A character, all are service characters.
        let una = "UNA|^.# ~"
        let bytes = Array("\(una)UNB^UNOA|3^SENDER^RECEIVER^260302|0900^REF1~UNH^1^IFTSTA|D|99B|UN~BGM^23^A#~B#|C~UNT^3^1~UNZ^1^REF1~".utf8)
        let report = EDIParser.readEdifact(bytes)
        #expect(report.outcome == .accepted, "\(report.allErrors)")
    }

    @Test("UNOC and UNOY interchanges are not restricted to ASCII")
    func richerRepertoires() throws {
        for syntax in ["UNOC", "UNOY"] {
            let report = EDIParser.readEdifact(Self.interchange(syntax, Array("BGM+23+M".utf8) + [0xC3, 0xA9]))
            #expect(report.outcome == .accepted, "\(syntax): \(report.allErrors)")
        }
    }

    @Test("CONTRL reports the rejected message with UCS and UCD code 21 at the element")
    func contrlCarriesCode21() throws {
        let bytes = Self.interchange("UNOA", Array("BGM+23+DOC:M".utf8) + [0xC3, 0xA9])
        let interchange = try #require(EDIParser.readEdifact(bytes).interchanges.first)
        let ack = ContrlAcknowledgment.build(
            for: interchange, stamp: AcknowledgmentStamp(interchangeControlNumber: 9, groupControlNumber: 1, date: Date(timeIntervalSince1970: 0)))
        let segments = AcknowledgmentTests.edifactSegments(ack)
        let ucs = try #require(segments.first { $0.tag == SegmentTag("UCS") })
        #expect(ucs.element(1)?.integerValue == 2)
        #expect(ucs.element(2)?.integerValue == 21)
        let ucd = try #require(segments.first { $0.tag == SegmentTag("UCD") })
        #expect(ucd.element(1)?.integerValue == 21)
        #expect(ucd.element(2)?.component(1)?.integerValue == 2)
        #expect(ucd.element(2)?.component(2)?.integerValue == 2)
        let ucm = try #require(segments.first { $0.tag == SegmentTag("UCM") })
        #expect(ucm.element(1)?.text == "1")
        #expect(ucm.element(3)?.text == "4")
    }

    @Test("smooks recadv.txt stays rejected: UNOA (code list 0001: ISO 646, 7 bits) cannot carry its UTF-8 names; code 21 at NAD C080, exact byte; CONTRL says so")
    func recadvCorpusFile() throws {
        let bytes = try Corpus.bytes("smooks/edg/src/test/resources/recadv/recadv.txt")
        #expect(EDICharacterSet(syntaxIdentifier: Array("UNOA".utf8)) == .iso646)
        let report = EDIParser.readEdifact(bytes)
        #expect(report.outcome == .rejected)
        let interchange = try #require(report.interchanges.first)
        #expect(interchange.syntaxIdentifier == "UNOA")
        #expect(interchange.ownOutcome != .rejected)
        let message = try #require(interchange.messages.first)
        #expect(message.outcome == .rejected)
        // One error (the first byte UNOA cannot represent) and one warning (lower case, level B).
        let errors = message.errors.filter { $0.severity == .error }
        let warnings = message.errors.filter { $0.severity == .warning }
        #expect(errors.count == 1 && warnings.count == 1)
        let error = try #require(errors.first)
        #expect(error.code == .invalidCharacter && error.edifactSyntaxErrorCode == 21)
        #expect(error.position.interchange == 1 && error.position.message == 1)
        #expect(error.position.segment == 10 && error.position.segmentInMessage == 9 && error.position.tag == "NAD")
        #expect(error.position.element == 4 && error.position.component == 1)
        let firstHigh = try #require(bytes.firstIndex { $0 >= 0x80 })
        #expect(error.position.byteOffset == firstHigh)
        #expect(firstHigh == 324 && bytes[firstHigh] == 0xE6)
        #expect(error.context.contains("0xE6") && error.context.contains("UNOA"))
        let warning = try #require(warnings.first)
        #expect(warning.position.segment == 8 && warning.position.element == 4 && warning.position.component == 1)
        #expect(warning.position.byteOffset == bytes.firstIndex { $0 >= 0x61 && $0 <= 0x7A })

        let ack = ContrlAcknowledgment.build(
            for: interchange, stamp: AcknowledgmentStamp(interchangeControlNumber: 9, groupControlNumber: 1, date: Date(timeIntervalSince1970: 0)))
        let segments = AcknowledgmentTests.edifactSegments(ack)
        let uci = try #require(segments.first { $0.tag == SegmentTag("UCI") })
        #expect(uci.element(1)?.text == "000002")
        #expect(uci.element(4)?.text == "7", "the interchange envelope itself is sound; its one message is rejected")
        let ucm = try #require(segments.first { $0.tag == SegmentTag("UCM") })
        #expect(ucm.element(1)?.text == "1" && ucm.element(3)?.text == "4")
        let ucs = segments.filter { $0.tag == SegmentTag("UCS") }
        #expect(ucs.map { [$0.element(1)?.integerValue, $0.element(2)?.integerValue] } == [[7, 21], [9, 21]])
        let ucd = segments.filter { $0.tag == SegmentTag("UCD") }
        #expect(ucd.map { [$0.element(1)?.integerValue, $0.element(2)?.component(1)?.integerValue, $0.element(2)?.component(2)?.integerValue] }
            == [[21, 4, 1], [21, 4, 1]])
    }
}

extension Array where Element == UInt8 {
    fileprivate func replacingUNT3(with replacement: String) -> [UInt8] {
        let text = String(decoding: self, as: UTF8.self)
        guard let range = text.range(of: "UNT+3+1") else { return self }
        return Array(text.replacingCharacters(in: range, with: replacement).utf8)
    }
}

@Suite("EDIFACT repertoire word test")
struct RepertoireWordTests {
    @Test("the eight-byte test clears exactly the words whose bytes a byte-by-byte check clears")
    func wordTestAgreesWithBytes() {
        // Every byte value at every lane, in a word otherwise made of 'A'.
        for lane in 0..<8 {
            for value in 0...255 {
                var w = UInt64(0x4141_4141_4141_4141)
                w &= ~(UInt64(0xFF) << UInt64(lane * 8))
                w |= UInt64(value) << UInt64(lane * 8)
                let expected = (0x20...0x5A).contains(value) && ![0x23, 0x24, 0x40].contains(value)
                #expect(EdifactRepertoire.allInCommonBlock(w) == expected, "lane \(lane) byte \(value)")
            }
        }
    }

    @Test("findings agree with a byte-by-byte scan at every offset, across word boundaries")
    func findingsAtEveryOffset() {
        let repertoire = EdifactRepertoire(.a, .defaults)
        for length in 1...24 {
            for position in 0..<length {
                for bad: UInt8 in [0x61, 0xC3, 0x23, 0x01] {
                    var bytes = [UInt8](repeating: UInt8(ascii: "Q"), count: length)
                    bytes[position] = bad
                    let slice = ([0x20] + bytes)[1...]
                    let (outside, undecodable) = repertoire.findings(slice, wantOutsideLevel: true, wantUndecodable: true)
                    let isError = bad >= 0x80 || bad < 0x20
                    #expect((isError ? undecodable : outside) == position + 1, "length \(length) position \(position) byte \(bad)")
                    #expect((isError ? outside : undecodable) == nil)
                }
            }
        }
    }
}
