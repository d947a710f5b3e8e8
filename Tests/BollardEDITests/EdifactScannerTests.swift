import Testing
@testable import BollardEDI

/// The EDIFACT scanner driven directly, as a state machine.
@Suite("EDIFACT scanner")
struct EdifactScannerTests {
    static func scan(_ text: String, chunk: Int = .max) -> [EdifactSegment] { scan(Array(text.utf8), chunk: chunk) }

    static func scan(_ bytes: [UInt8], chunk: Int = .max) -> [EdifactSegment] {
        var scanner = EdifactScanner()
        var out: [EdifactSegment] = []
        var i = 0
        while i < bytes.count {
            let end = chunk >= bytes.count - i ? bytes.count : i + chunk
            scanner.append(contentsOf: bytes[i..<end])
            i = end
            while let s = scanner.next() { out.append(s) }
        }
        scanner.finish()
        while let s = scanner.next() { out.append(s) }
        #expect(scanner.isAtEnd)
        return out
    }

    @Test func defaultsWithoutUNA() {
        let segments = Self.scan("UNB+UNOA:3+S+R+200101:1200+1'UNH+1+ORDERS:D:96A:UN'UNT+2+1'UNZ+1+1'")
        #expect(segments.map(\.tagText) == ["UNB", "UNH", "UNT", "UNZ"])
        #expect(segments.map(\.number) == [1, 2, 3, 4])
        #expect(segments[1].element(2)?.component(3)?.text == "96A")
        #expect(segments[0].serviceCharacters.repetitionSeparator == nil)
    }

    @Test func serviceStringAdviceSetsEveryCharacter() throws {
        let segments = Self.scan("UNA^*,! $\nUNB*UNOA^4*S*R*200101^1200*1$\nUNH*1*ORDERS^D^96A^UN$FTX*AAA***A!$B!*C^D$UNT*3*1$UNZ*1*1$")
        #expect(segments.first?.number == 0)
        #expect(segments.first?.tag == .UNA)
        let chars = segments[1].serviceCharacters
        #expect(chars.componentSeparator == UInt8(ascii: "^"))
        #expect(chars.elementSeparator == UInt8(ascii: "*"))
        #expect(chars.decimalMark == UInt8(ascii: ","))
        #expect(chars.releaseCharacter == UInt8(ascii: "!"))
        #expect(chars.repetitionSeparator == nil)
        #expect(chars.segmentTerminator == UInt8(ascii: "$"))
        let ftx = try #require(segments.first { $0.tagText == "FTX" })
        #expect(ftx.element(4)?.component(1)?.text == "A$B*C")
        #expect(ftx.element(4)?.component(2)?.text == "D")
        #expect(segments.filter { $0.number > 0 }.count == 5)
    }

    @Test("a terminator after an odd run of release characters is data, after an even run it ends the segment")
    func releaseRuns() {
        let segments = Self.scan("UNA:+.? 'IFT+NO MORE ?' A'IFT+B??'IFT+C???' D'IFT+E????'IFT+F??+G'IFT+H???+I'")
        let texts = segments.dropFirst().map { $0.element(1)?.text ?? "" }
        #expect(texts == ["NO MORE ' A", "B?", "C?' D", "E??", "F?", "H?+I"])
        #expect(segments.dropFirst().map { $0.elementCount } == [1, 1, 1, 1, 2, 1])
        #expect(segments.allSatisfy { $0.faults.isEmpty })
    }

    @Test func releaseOfANonServiceCharacterIsAFault() {
        let segments = Self.scan("UNA:+.? 'IMD+F++:::A ?*B'")
        #expect(segments[1].faults.contains(.invalidRelease))
        #expect(segments[1].faultOffset == 21)
    }

    @Test func syntaxFourDefaultsRepetitionSeparator() {
        let segments = Self.scan("UNB+UNOA:4+S+R+20200101:1200+1'UNH+1+PAXLST:D:03B:UN'ATT+2++M*F'UNT+3+1'UNZ+1+1'")
        let att = segments[2]
        #expect(att.serviceCharacters.repetitionSeparator == UInt8(ascii: "*"))
        #expect(att.element(3)?.repetitions.map(\.text) == ["M", "F"])
    }

    @Test func layoutBetweenSegmentsAndByteOrderMarkAreSkipped() {
        let text = "\u{FEFF}UNA:+.? '\r\nUNB+UNOC:3+S+R+200101:1200+1'\r\n\tUNH+1+X:D:96A:UN'\n  UNT+2+1'\r\nUNZ+1+1'\r\n"
        let segments = Self.scan(text, chunk: 3)
        #expect(segments.map(\.tagText) == ["UNA", "UNB", "UNH", "UNT", "UNZ"])
        #expect(segments[1].offset == 14)
    }

    @Test("a line feed terminates segments when no UNA advises and the UNB's line is followed by a segment")
    func newlineDialect() {
        let segments = Self.scan("UNB+UNOA:1+S+R+180525:2030+2216\nUNH+1+IFCSUM:D:01B:UN\r\nBGM+610+1\nUNT+3+1\nUNZ+1+2216")
        #expect(segments.map(\.tagText) == ["UNB", "UNH", "BGM", "UNT", "UNZ"])
        #expect(segments[1].element(2)?.component(1)?.text == "IFCSUM")
        #expect(segments[2].element(2)?.text == "1")
        #expect(segments[0].serviceCharacters.segmentTerminator == 0x0A)
    }

    @Test("a line break inside a segment is kept in the bytes and dropped from decoded text")
    func wrappedSegment() {
        let segments = Self.scan("UNB+UNOB:2+S+R+999818:999+251'FTX+AAI+++TAKE CARE\n:OF IT'")
        #expect(segments[1].element(4)?.component(1)?.text == "TAKE CARE")
        #expect(segments[1].element(4)?.component(2)?.text == "OF IT")
    }

    @Test("text decodes from UNB S001, not as UTF-8")
    func characterSets() {
        // UNOE = ISO 8859-5: "Рыба" is C0 EB D1 D0.
        var unoe = Array("UNB+UNOE:1+S+R+000210:1434+1'NAD+SE+".utf8)
        unoe += [0xC0, 0xEB, 0xD1, 0xD0]
        unoe += Array("'".utf8)
        #expect(Self.scan(unoe)[1].element(2)?.text == "Рыба")
        // UNOC = ISO 8859-1: E9 is é.
        var unoc = Array("UNB+UNOC:3+S+R+000210:1434+1'NAD+SE+Caf".utf8)
        unoc += [0xE9, UInt8(ascii: "'")]
        #expect(Self.scan(unoc)[1].element(2)?.text == "Café")
        // UNOD = ISO 8859-2: F8 is ř.
        var unod = Array("UNB+UNOD:3+S+R+000210:1434+1'NAD+SE+".utf8)
        unod += [0xF8, UInt8(ascii: "'")]
        #expect(Self.scan(unod)[1].element(2)?.text == "ř")
        // UNOW = UTF-8.
        let unow = Array("UNB+UNOW:4+S+R+20000210:1434+1'NAD+SE+Ω'".utf8)
        #expect(Self.scan(unow)[1].element(2)?.text == "Ω")
        #expect(EDICharacterSet(syntaxIdentifier: Array("UNOL".utf8)) == .iso8859(part: 15))
        #expect(EDICharacterSet.iso8859(part: 15).decode([0xA4]) == "€")
        #expect(EDICharacterSet.iso646.decode([0x41, 0xC3]) == "A\u{FFFD}")
    }

    @Test func unterminatedLastSegmentIsFlagged() {
        let segments = Self.scan("UNB+UNOA:3+S+R+200101:1200+1'UNZ+0+1")
        #expect(segments.last?.faults == [.unterminated])
        #expect(segments.last?.element(2)?.text == "1")
    }

    @Test func overlongSegmentIsCut() {
        var scanner = EdifactScanner(maximumSegmentLength: 64)
        scanner.append(contentsOf: Array("UNB+UNOA:3+S+R+200101:1200+1'FTX+".utf8) + [UInt8](repeating: 0x41, count: 1000))
        var segments: [EdifactSegment] = []
        while let s = scanner.next() { segments.append(s) }
        #expect(segments.count >= 2)
        #expect(segments[1].faults.contains(.tooLong))
        #expect(segments[1].bytes.count == 64)
    }

    @Test func faultyServiceStringAdviceIsReported() {
        let report = EDIParser.readEdifact(Array("UNA::.? 'UNB+UNOA:3+S+R+200101:1200+1'UNH+1+X:D:96A:UN'UNT+2+1'UNZ+1+1'".utf8))
        #expect(report.interchanges.first?.errors.map(\.code) == [.invalidServiceStringAdvice])
        #expect(report.outcome == .rejected)
    }

    @Test("numbers read with either decimal mark")
    func decimalMark() throws {
        let segments = Self.scan("UNA:+,? 'UNB+UNOC:3+S+R+210319:1222+1'MOA+203:1960,29'PRI+AAA:3630.1724'QTY+1:-5'FTX+1:1,2,3'")
        #expect(segments[2].element(1)?.component(2)?.decimalValue == 1960.29)
        #expect(segments[3].element(1)?.component(2)?.decimalValue == 3630.1724)
        #expect(segments[4].element(1)?.component(2)?.decimalValue == -5)
        #expect(segments[5].element(1)?.component(2)?.decimalValue == nil)
        #expect(segments[1].serviceCharacters.decimalMark == UInt8(ascii: ","))
    }
}
