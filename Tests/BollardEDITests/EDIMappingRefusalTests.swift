import BollardCore
import BollardEDI
import BollardEPCIS
import Foundation
import Testing

/// What is refused, flagged or left unmapped, and where the fault is.
@Suite("EDI mapping refusals and positions")
struct EDIMappingRefusalTests {
    typealias F = BusanEDIFixtures

    @Test("a truncated EDIFACT interchange (UNZ missing) is refused at the end of input; nothing is applied")
    func truncatedEdifact() throws {
        let mapped = try F.mapEDI("edifact/refused/truncated-no-unz.edi")
        #expect(mapped.report.outcome == .rejected)
        let error = try #require(mapped.report.allErrors.first { $0.severity == .error })
        #expect(error.position.interchange == 1)
        #expect(mapped.messages.map(\.outcome) == [.rejectedByEnvelope])
        #expect(mapped.document.events.isEmpty)
        var engine = try F.run("edifact").engine
        let before = engine.state
        try engine.apply(mapped.document, submitter: .gln(try GLN(F.tanks)))
        #expect(engine.state == before)
    }

    @Test("a wrong UNT count rejects that message only; its sound neighbour is still mapped")
    func wrongUNTCount() throws {
        let mapped = try F.mapEDI("edifact/refused/wrong-unt-count.edi")
        #expect(mapped.messages.count == 2)
        #expect(mapped.messages[0].events.count == 1)
        #expect(mapped.messages[1].outcome == .rejectedByEnvelope)
        let unt = try #require(mapped.report.interchanges.first?.messages[1].errors.first)
        #expect(unt.position.tag == "UNT")
        #expect(mapped.document.events.map(\.command.source) == mapped.messages[0].events.map(\.command.source))
    }

    @Test("an X12 set with a wrong SE count is refused at its SE; nothing is mapped")
    func wrongSECount() throws {
        let mapped = try F.mapEDI("x12/refused/wrong-se-count.x12")
        #expect(mapped.report.outcome == .rejected)
        let se = try #require(mapped.report.interchanges.first?.messages.first?.errors.first)
        #expect(se.position.tag == "SE")
        #expect(se.position.segmentInMessage == 9)
        #expect(mapped.messages.map(\.outcome) == [.rejectedByEnvelope])
        #expect(mapped.document.events.isEmpty)
    }

    @Test("a container with a wrong ISO 6346 check digit is a mapping error at its element")
    func badContainer() throws {
        let text = String(decoding: try F.bytes("edifact/03-onsan-packing.edi"), as: UTF8.self)
            .replacingOccurrences(of: "EQD+CN+BDXU2001027", with: "EQD+CN+BDXU2001028")
        let mapped = try #require(EDIMapper().map(Array(text.utf8)))
        let error = try #require(mapped.errors.first)
        #expect(error.code == .invalidContainerNumber)
        #expect(error.tag == "EQD" && error.element == 2 && error.component == 1)
        let lines = text.split(separator: "\n")
        #expect(lines[error.segment].hasPrefix("EQD+CN+BDXU2001028"))  // line 0 is UNA, not counted
        #expect(error.segmentInMessage == error.segment - 1)
        #expect(mapped.document.events.isEmpty)
    }

    @Test("an X12 status code Bollard has no meaning for is a positioned error, not a guess")
    func unknownStatus() throws {
        let text = String(decoding: try F.bytes("x12/05-terminal-arrival.x12"), as: UTF8.self)
            .replacingOccurrences(of: "B4***UV*", with: "B4***ZZ*")
        let mapped = try #require(EDIMapper().map(Array(text.utf8)))
        #expect(mapped.errors.count == 4)
        #expect(mapped.errors.allSatisfy { $0.code == .unsupportedCode && $0.tag == "B4" && $0.element == 3 && $0.segmentInMessage == 2 })
        #expect(mapped.document.events.count == 4)
    }

    @Test("unknown message types are parsed, reported not mapped, never dropped")
    func notMapped() throws {
        for (file, type) in [("edireader/tiny-UNOE.edi", "INVOIC"), ("bots/x12/to_xml_retailer_version_850-856-810-997/botssys/infile/x12_demo/inbound/997_1.x12", "997")] {
            let mapped = try #require(EDIMapper().map(try Corpus.bytes(file)))
            #expect(mapped.messages.map(\.type) == [type])
            guard case .notMapped(let reason) = mapped.messages.first?.outcome else {
                Issue.record("\(file): \(String(describing: mapped.messages.first?.outcome))")
                continue
            }
            #expect(reason.contains(type))
            #expect(mapped.notMapped.count == 1 && mapped.document.events.isEmpty)
        }
    }

    @Test("real corpus SMDG messages map per container; a status outside UN/ECE Rec 24 is a positioned error")
    func corpus() throws {
        let coarri = try #require(EDIMapper().map(try Corpus.bytes("php-edifact/D95BCOARRI.edi")))
        #expect(coarri.messages.map(\.type) == ["COARRI", "COARRI"])
        let text = String(decoding: try Corpus.bytes("php-edifact/D95BCOARRI.edi"), as: UTF8.self)
        let perMessage = text.components(separatedBy: "UNH+").dropFirst().map { $0.components(separatedBy: "EQD+CN+").count - 1 }
        #expect(coarri.messages.map(\.events.count) == perMessage)
        #expect(coarri.messages[0].events.allSatisfy { $0.event.bizStep == .unloading && $0.event.epcList.count == 1 })
        #expect(coarri.messages[1].events.allSatisfy { $0.event.bizStep == .loading })
        #expect(coarri.messages[0].events.first?.event.epcList == [try F.container("FCIU9908030")])
        #expect(coarri.messages[0].events.first?.event.eventTime.text == "2016-02-03T09:13:00.000+00:00")

        let baplie = try #require(EDIMapper().map(try Corpus.bytes("php-edifact/D95BBAPLIE.edi")))
        #expect(baplie.messages.first?.events.map(\.event.epcList) == [[try F.container("OOLU4293959")], [try F.container("MOEU0710945")], [try F.container("OOLU8757889")]])
        #expect(baplie.messages.first?.events.first?.event.extensions.contains { $0.name == "stowagePosition" && $0.value == "0780690" } == true)

        // Its UNZ reference differs from UNB's (INDEX.md), which rejects the interchange; with the
        // reference repaired, its status 'P' (code list HS, not Rec 24) is refused where it stands.
        let iftsta = String(decoding: try Corpus.bytes("apimeister-edifact/d00b_iftsta.edi"), as: UTF8.self)
        #expect(EDIMapper().map(Array(iftsta.utf8))?.messages.first?.outcome == .rejectedByEnvelope)
        let repaired = try #require(EDIMapper().map(Array(iftsta.replacingOccurrences(of: "UNZ+1+2805570", with: "UNZ+1+2803570").utf8)))
        guard case .failed(let e)? = repaired.messages.first?.outcome else {
            Issue.record("\(String(describing: repaired.messages.first?.outcome))")
            return
        }
        #expect(e.code == .unsupportedCode && e.tag == "STS" && e.element == 2 && e.component == 1 && e.segmentInMessage == 13)
    }
}

/// The mapper on every real file of the corpus: one outcome per message, never a crash, and no
/// event from a message the envelope checks rejected.
@Suite("EDI mapping on the corpus")
struct EDIMappingCorpusTests {
    @Test("every corpus file: one outcome per message, rejected messages unmapped, events only from mapped messages",
          arguments: try Corpus.dataFiles())
    func everyFile(path: String) throws {
        let bytes = try Corpus.bytes(path)
        guard let mapped = EDIMapper().map(bytes) else {
            #expect(EDIParser.sniff(bytes) == nil, "\(path) sniffed but not mapped")
            return
        }
        let messages = mapped.report.interchanges.flatMap(\.messages)
        #expect(mapped.messages.map(\.reference) == messages.map(\.reference))
        for (m, r) in zip(mapped.messages, messages) {
            #expect((m.outcome == .rejectedByEnvelope) == !r.outcome.isAccepted, "\(path) \(m.reference)")
            if EDIMapper.mappedTypes[mapped.standard]?.contains(m.type) == false, r.outcome.isAccepted {
                guard case .notMapped = m.outcome else {
                    Issue.record("\(path) \(m.type): \(m.outcome)")
                    continue
                }
            }
        }
        #expect(mapped.document.events.count == mapped.messages.reduce(0) { $0 + $1.events.count })
    }
}
