import Testing
@testable import BollardEDI

/// The X12 scanner driven directly, as a state machine.
@Suite("X12 scanner")
struct X12ScannerTests {
    static func isa(element: String = "*", component: String = ":", terminator: String = "~", repetition: String = "U",
                    version: String = "00401", control: String = "000000001", sender: String = "SENDER         ") -> String {
        ["ISA", "00", "          ", "00", "          ", "ZZ", sender, "ZZ", "RECEIVER       ", "200101", "1200",
         repetition, version, control, "0", "P", component].joined(separator: element) + terminator
    }

    static func scan(_ bytes: [UInt8], chunk: Int = .max) -> [X12Segment] {
        var scanner = X12Scanner()
        var out: [X12Segment] = []
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

    @Test func delimitersComeFromISA() throws {
        let text = Self.isa(element: "|", component: ">", terminator: "\u{1D}") + "\r\nGS|SH|A|B|20200101|1200|7|X|004010\u{1D}\r\nST|856|0001\u{1D}BSN|00|A>B\u{1D}SE|3|0001\u{1D}GE|1|7\u{1D}IEA|1|000000001\u{1D}"
        let segments = Self.scan(Array(text.utf8))
        #expect(segments.map(\.tagText) == ["ISA", "GS", "ST", "BSN", "SE", "GE", "IEA"])
        #expect(segments[0].headerLength == 106)
        #expect(segments[0].faults.isEmpty)
        #expect(segments[3].element(2)?.components.map(\.text) == ["A", "B"])
        #expect(segments[0].element(16)?.text == ">")
        let report = EDIParser.readX12(Array(text.utf8))
        #expect(report.outcome == .accepted)
    }

    @Test("the repetition separator is ISA11 only from version 00402 on")
    func repetitionSeparator() {
        let old = Self.scan(Array((Self.isa(repetition: "U", version: "00401") + "IEA*0*000000001~").utf8))
        #expect(old[0].delimiters.repetitionSeparator == nil)
        let new = Self.scan(Array((Self.isa(repetition: "^", version: "00501") + "ST*999*1~N1*A^B~").utf8))
        #expect(new[0].delimiters.repetitionSeparator == UInt8(ascii: "^"))
        #expect(new[2].element(1)?.repetitions.map(\.text) == ["A", "B"])
    }

    @Test("a short ISA is read by counting separators and flagged")
    func shortHeader() throws {
        let text = Self.isa(sender: "SHORT") + "GS*SH*A*B*20200101*1200*7*X*004010~ST*856*0001~SE*2*0001~GE*1*7~IEA*1*000000001~"
        let segments = Self.scan(Array(text.utf8), chunk: 5)
        #expect(segments[0].faults == [.interchangeHeaderNotFixedWidth])
        #expect(segments[0].headerLength == 96)
        #expect(segments[0].delimiters.segmentTerminator == UInt8(ascii: "~"))
        let report = EDIParser.readX12(Array(text.utf8))
        #expect(report.outcome == .acceptedWithWarnings)
        #expect(report.interchanges[0].errors.map(\.code) == [.interchangeHeaderNotFixedWidth])
        #expect(report.interchanges[0].errors[0].position.element == 6)
        #expect(report.acceptedMessages.count == 1)
    }

    @Test("every ISA re-declares the delimiters; newline terminators drop a preceding CR")
    func severalInterchanges() {
        let first = Self.isa(terminator: "\u{15}", control: "000000001") + "IEA*0*000000001\u{15}\r\n"
        let second = Self.isa(element: "~", component: ">", terminator: "\n", control: "000000002") + "IEA~0~000000002\r\n"
        let third = Self.isa(component: "@", terminator: "~", control: "000000003") + "TA1*000000001*200101*1200*A*000~IEA*0*000000003~"
        let segments = Self.scan(Array((first + second + third).utf8), chunk: 11)
        #expect(segments.map(\.tagText) == ["ISA", "IEA", "ISA", "IEA", "ISA", "TA1", "IEA"])
        #expect(segments[3].element(2)?.text == "000000002")
        #expect(segments[3].bytes.last == UInt8(ascii: "2"))
        let report = EDIParser.readX12(Array((first + second + third).utf8))
        #expect(report.interchanges.map(\.controlReference) == ["000000001", "000000002", "000000003"])
        #expect(report.interchanges[2].technicalAcknowledgments.first?.acknowledgmentCode == "A")
        #expect(report.outcome == .accepted)
    }

    @Test("an unreadable ISA rejects its interchange and scanning resumes at the next ISA")
    func unreadableHeader() {
        let text = "ISA*00*short~GS*X~" + Self.isa(control: "000000009") + "IEA*0*000000009~"
        let report = EDIParser.readX12(Array(text.utf8))
        #expect(report.interchanges.count == 2)
        #expect(report.interchanges[0].outcome == .rejected)
        #expect(report.interchanges[0].errors.first?.code == .invalidInterchangeHeader)
        #expect(report.interchanges[1].outcome == .accepted)
    }

    @Test func noInterchangeHeaderIsRejected() {
        let report = EDIParser.readX12(Array("ST*850*1~SE*2*1~".utf8))
        #expect(report.outcome == .rejected)
        #expect(report.interchanges.first?.errors.map(\.code).contains(.interchangeHeaderMissing) == true)
        #expect(EDIParser.readX12([]).outcome == .rejected)
    }

    @Test("fuzz regression: a huge digit run in ISA12 does not overflow the version")
    func longVersionField() {
        let text = "ISA*00*00*00*00*00*00*00*00*00*00*U*123456789012345678901234567890*1*0*P*:~IEA*0*1~"
        let segments = Self.scan(Array(text.utf8))
        #expect(segments.first?.faults == [.interchangeHeaderNotFixedWidth])
        #expect(segments.first?.delimiters.repetitionSeparator == nil)
    }
}
