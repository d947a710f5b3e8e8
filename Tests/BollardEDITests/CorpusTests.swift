import Foundation
import Testing
import BollardTestSupport
@testable import BollardEDI

@Suite("EDI conformance corpus")
struct CorpusTests {
    @Test("the expectation table covers every corpus file and every INDEX.md row")
    func tableIsComplete() throws {
        let files = Set(try Corpus.dataFiles())
        let table = Set(CorpusExpectation.all.map(\.path))
        let indexed = Set(try Corpus.indexedPaths())
        #expect(files.count == 65)
        #expect(table == files, "files without expectation: \(files.subtracting(table)); stale rows: \(table.subtracting(files))")
        #expect(indexed == files, "INDEX.md rows and files differ: \(indexed.symmetricDifference(files))")
    }

    @Test("each file is tokenized and its envelope findings are the expected ones, at the expected position",
          arguments: CorpusExpectation.all)
    func fileOutcome(_ expected: CorpusExpectation) throws {
        let bytes = try Corpus.bytes(expected.path)
        #expect(EDIParser.sniff(bytes) == expected.standard)
        let report = try #require(EDIParser.read(bytes))
        #expect(report.standard == expected.standard)
        #expect(report.segmentCount > 0)
        #expect(report.outcome == expected.outcome)
        #expect(report.interchanges.count == expected.interchanges)
        #expect(report.interchanges.flatMap(\.messages).count == expected.messages)
        #expect(report.acceptedMessages.count == expected.accepted)
        let found = report.allErrors.map(CorpusExpectation.Fault.init)
        #expect(found == expected.faults, "found \(found)")
        for error in report.allErrors {
            #expect(!error.context.isEmpty)
            #expect(error.position.byteOffset >= 0 && error.position.byteOffset <= bytes.count)
        }
        // A clean file is accepted, a file with an error finding is not.
        if expected.faults.allSatisfy(\.warning) {
            #expect(report.outcome.isAccepted)
        } else {
            #expect(report.outcome == .rejected)
        }
    }

    @Test("streaming in small chunks gives the same report as reading the whole file", arguments: [1, 7, 64, 4096])
    func chunkedReadingIsEquivalent(_ chunk: Int) throws {
        for expected in CorpusExpectation.all {
            let bytes = try Corpus.bytes(expected.path)
            let whole = try #require(EDIParser.read(bytes))
            let streamed = Corpus.read(bytes, as: expected.standard, chunk: chunk)
            #expect(streamed == whole, "\(expected.path) differs when fed \(chunk) bytes at a time")
        }
    }

    @Test("message counts from the INDEX.md 'message type(s)' column")
    func messageTypes() throws {
        let mailbag = try #require(EDIParser.read(Corpus.bytes("bots/demo/one-on-one_x12_xml/botssys/infile/x122xml/x12/mailbag01.x12")))
        let types = mailbag.interchanges.flatMap(\.messages).map(\.type)
        #expect(types.filter { $0 == "850" }.count == 11)
        #expect(types.filter { $0 == "820" }.count == 2)
        #expect(types.filter { $0 == "997" }.count == 1)
        // Each interchange of the mailbag declares its own delimiters.
        let terminators = Set(mailbag.interchanges.compactMap { $0.x12Delimiters?.segmentTerminator })
        #expect(terminators == [0x15, UInt8(ascii: "~"), 0x0A])

        let issue188 = try #require(EDIParser.read(Corpus.bytes("edinet/edifact.Issue188.edi")))
        #expect(issue188.interchanges[0].messages.map(\.type) == ["IFTMIN", "INVOIC", "IFTMIN", "INVOIC"])
        #expect(issue188.interchanges[0].edifactServiceCharacters?.decimalMark == UInt8(ascii: ","))

        let ta1 = try #require(EDIParser.read(Corpus.bytes("oopfactory/Acknowledgments/TechnicalAcknowledgment_Sample1.txt")))
        #expect(ta1.interchanges[0].technicalAcknowledgments.map(\.interchangeControlNumber) == ["0659", "0660"])
        #expect(ta1.interchanges[0].technicalAcknowledgments.map(\.acknowledgmentCode) == ["A", "A"])

        let bots = try #require(EDIParser.read(Corpus.bytes("bots/demo/one-on-one_x12_xml/botssys/infile/x122xml/x12/testx12002.x12.base")))
        #expect(bots.interchanges[0].technicalAcknowledgments.first?.noteCode == "015")
    }

    @Test("positions name interchange, message, segment in message and element")
    func positions() throws {
        let report = try #require(EDIParser.read(Corpus.bytes("php-edifact/example_release_character.edi")))
        let error = try #require(report.allErrors.first)
        #expect(error.code == .messageSegmentCountMismatch)
        #expect(error.context == "UNT count 14, actual 23")
        #expect(error.position.interchange == 1)
        #expect(error.position.message == 1)
        #expect(error.position.segmentInMessage == 23)
        #expect(error.position.tag == "UNT")
        #expect(error.position.element == 1)
        #expect(error.edifactSyntaxErrorCode == 29)

        let order = try #require(EDIParser.read(Corpus.bytes("php-edifact/example_order_error.edi")))
        let release = try #require(order.allErrors.first)
        #expect(release.position.tag == "IMD")
        #expect(release.position.element == 3)
        #expect(release.position.component == 4)
        #expect(release.position.segmentInMessage == 83)
    }
}
