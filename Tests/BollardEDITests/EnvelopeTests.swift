import Foundation
import Testing
@testable import BollardEDI

/// Envelope rules on small synthetic interchanges: which level each fault rejects.
@Suite("Envelopes")
struct EnvelopeTests {
    static func edifact(_ text: String) -> EDIDocumentReport { EDIParser.readEdifact(Array(text.utf8)) }
    static func x12(_ body: String, control: String = "000000001") -> EDIDocumentReport {
        EDIParser.readX12(Array((X12ScannerTests.isa(control: control) + body).utf8))
    }

    @Test("a UNT fault rejects that message only; its neighbours are accepted")
    func untFaultIsLocal() throws {
        let report = Self.edifact("""
            UNB+UNOC:3+S+R+200101:1200+REF'UNH+1+ORDERS:D:96A:UN'BGM+220'UNT+3+1'\
            UNH+2+INVOIC:D:96A:UN'BGM+380'DTM+137:20200101:102'UNT+3+2'\
            UNH+3+IFTMIN:D:96A:UN'UNT+2+X'UNZ+3+REF'
            """)
        let i = try #require(report.interchanges.first)
        #expect(i.outcome == .accepted)
        #expect(i.messages.map(\.outcome) == [.accepted, .rejected, .rejected])
        #expect(i.messages.map(\.type) == ["ORDERS", "INVOIC", "IFTMIN"])
        let count = try #require(i.messages[1].errors.first)
        #expect(count.code == .messageSegmentCountMismatch)
        #expect(count.context == "UNT count 3, actual 4")
        #expect(count.position == EDIPosition(interchange: 1, message: 2, segmentInMessage: 4, segment: 8, tag: "UNT", element: 1, byteOffset: 120))
        #expect(i.messages[2].errors.map(\.code) == [.messageReferenceMismatch])
        #expect(report.acceptedMessages.map(\.reference) == ["1"])
        #expect(report.outcome == .rejected)
    }

    @Test("UNZ count and reference faults reject the interchange and everything in it")
    func unzFaults() throws {
        let report = Self.edifact("UNB+UNOC:3+S+R+200101:1200+REF'UNH+1+ORDERS:D:96A:UN'UNT+2+1'UNZ+2+FER'")
        let i = try #require(report.interchanges.first)
        #expect(i.errors.map(\.code) == [.interchangeCountMismatch, .interchangeReferenceMismatch])
        #expect(i.errors.map(\.edifactSyntaxErrorCode) == [29, 28])
        #expect(i.messages[0].ownOutcome == .accepted)
        #expect(i.messages[0].outcome == .rejected)
    }

    @Test("UNE faults reject their group; UNZ then counts groups")
    func groups() throws {
        let report = Self.edifact("""
            UNB+UNOA:4+S+R+20200101:1200+REF'\
            UNG+ORDERS+S+R+20200101:1200+G1+UN+D:96A'UNH+1+ORDERS:D:96A:UN'UNT+2+1'UNE+1+G1'\
            UNG+INVOIC+S+R+20200101:1200+G2+UN+D:96A'UNH+2+INVOIC:D:96A:UN'UNT+2+2'UNE+2+G9'\
            UNZ+2+REF'
            """)
        let i = try #require(report.interchanges.first)
        #expect(i.outcome == .accepted)
        #expect(i.groups.map(\.reference) == ["G1", "G2"])
        #expect(i.groups.map(\.outcome) == [.accepted, .rejected])
        #expect(i.groups[1].errors.map(\.code) == [.groupCountMismatch, .groupReferenceMismatch])
        #expect(i.messages.map(\.group) == [1, 2])
        #expect(i.messages.map(\.outcome) == [.accepted, .rejected])
    }

    @Test("a missing UNT is found when the next UNH or UNZ arrives")
    func missingTrailer() throws {
        let report = Self.edifact("UNB+UNOA:3+S+R+200101:1200+REF'UNH+1+ORDERS:D:96A:UN'BGM+220'UNH+2+ORDERS:D:96A:UN'UNT+2+2'UNZ+2+REF'")
        let i = try #require(report.interchanges.first)
        #expect(i.messages.map(\.outcome) == [.rejected, .accepted])
        #expect(i.messages[0].errors.map(\.code) == [.messageTrailerMissing])
        #expect(i.messages[0].segmentCount == 2)
        #expect(i.outcome == .accepted)
    }

    @Test("data outside messages, mixed groups and messages, and no UNB are faults")
    func misplacedSegments() throws {
        let stray = Self.edifact("UNB+UNOA:3+S+R+200101:1200+REF'BGM+220'UNH+1+X:D:96A:UN'UNT+2+1'UNZ+1+REF'")
        #expect(stray.interchanges[0].errors.map(\.code) == [.segmentOutsideMessage])
        #expect(stray.interchanges[0].errors[0].edifactSyntaxErrorCode == 33)
        let mixed = Self.edifact("UNB+UNOA:3+S+R+200101:1200+REF'UNH+1+X:D:96A:UN'UNT+2+1'UNG+X+S+R+200101:1200+G+UN+D:96A'UNH+2+X:D:96A:UN'UNT+2+2'UNE+1+G'UNZ+1+REF'")
        #expect(mixed.interchanges[0].errors.map(\.code).contains(.groupsAndMessagesMixed))
        #expect(mixed.interchanges[0].outcome == .rejected)
        let headerless = Self.edifact("UNH+1+X:D:96A:UN'UNT+2+1'")
        #expect(headerless.outcome == .rejected)
        #expect(headerless.interchanges[0].hasHeader == false)
        #expect(Self.edifact("").errors.map(\.code) == [.interchangeHeaderMissing])
        #expect(Self.edifact("just some text").outcome == .rejected)
    }

    @Test("SE faults reject the transaction set only; GE and IEA faults their group and interchange")
    func x12Levels() throws {
        let body = "GS*PO*A*B*20200101*1200*7*X*004010~ST*850*0001~BEG*00~SE*3*0001~ST*850*0002~BEG*00~SE*4*0002~GE*2*7~IEA*1*000000001~"
        let report = Self.x12(body)
        let i = try #require(report.interchanges.first)
        #expect(i.outcome == .accepted)
        #expect(i.messages.map(\.outcome) == [.accepted, .rejected])
        #expect(i.messages[1].errors.first?.context == "SE count 4, actual 3")
        #expect(i.messages[1].errors.first?.position.segmentInMessage == 3)
        #expect(X12Acknowledgment.transactionSetCodes(i.messages[1]) == ["4"])

        let badGroup = Self.x12("GS*PO*A*B*20200101*1200*7*X*004010~ST*850*0001~SE*2*0001~GE*2*8~IEA*1*000000001~")
        #expect(badGroup.interchanges[0].groups[0].errors.map(\.code) == [.groupCountMismatch, .groupReferenceMismatch])
        #expect(X12Acknowledgment.groupCodes(badGroup.interchanges[0].groups[0]) == ["5", "4"])
        #expect(badGroup.interchanges[0].messages[0].outcome == .rejected)
        #expect(badGroup.interchanges[0].outcome == .accepted)

        let badInterchange = Self.x12("GS*PO*A*B*20200101*1200*7*X*004010~ST*850*0001~SE*2*0001~GE*1*7~IEA*2*000000002~")
        #expect(badInterchange.interchanges[0].errors.map(\.code) == [.interchangeCountMismatch, .interchangeReferenceMismatch])
        #expect(X12Acknowledgment.noteCode(for: badInterchange.interchanges[0]) == "021")
        #expect(X12Acknowledgment.acknowledgmentCode(for: badInterchange.interchanges[0]) == "R")
        #expect(badInterchange.acceptedMessages.isEmpty)
    }

    @Test("control numbers compare numerically when both are digits")
    func controlNumbers() {
        #expect(X12InterchangeReader.controlNumbersMatch("000000568", "568"))
        #expect(!X12InterchangeReader.controlNumbersMatch("1~", "1"))
        #expect(!X12InterchangeReader.controlNumbersMatch("12", "21"))
        #expect(X12InterchangeReader.controlNumbersMatch("0", "000"))
    }
}

@Suite("Streaming API")
struct StreamingTests {
    @Test("EDIParser reads an async sequence of chunks and shows each segment as it is delimited")
    func asyncChunks() async throws {
        let bytes = try Corpus.bytes("php-edifact/D95BCOARRI.edi")
        let chunks = AsyncStream<[UInt8]> { continuation in
            var i = 0
            while i < bytes.count {
                continuation.yield(Array(bytes[i..<min(bytes.count, i + 100)]))
                i += 100
            }
            continuation.finish()
        }
        var tags: [String] = []
        let report = try await EDIParser.readEdifact(chunks: chunks) { tags.append($0.tagText) }
        #expect(report == EDIParser.readEdifact(bytes))
        #expect(tags.count == report.segmentCount)
        #expect(tags.first == "UNB" && tags.last == "UNZ")
    }

    @Test("the report encodes to JSON for `bollard ingest --json`")
    func json() throws {
        let report = try #require(EDIParser.read(Corpus.bytes("edinet/edifact.Issue188.edi")))
        let data = try JSONEncoder().encode(report)
        let decoded = try JSONDecoder().decode(EDIDocumentReport.self, from: data)
        #expect(decoded == report)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"messageSegmentCountMismatch\""))
        #expect(text.contains("\"UNT count 1, actual 3\""))
    }
}
