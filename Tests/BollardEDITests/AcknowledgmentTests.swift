import Foundation
import Testing
import BollardTestSupport
@testable import BollardEDI

/// Acknowledgments are read back with Bollard's own scanners and every reference is checked
/// against the interchange they acknowledge.
@Suite("Acknowledgments")
struct AcknowledgmentTests {
    static let stamp = AcknowledgmentStamp(interchangeControlNumber: 4711, groupControlNumber: 12, date: Date(timeIntervalSince1970: 1_763_769_600))

    static func edifactSegments(_ bytes: [UInt8]) -> [EdifactSegment] {
        var scanner = EdifactScanner()
        scanner.append(contentsOf: bytes)
        scanner.finish()
        var out: [EdifactSegment] = []
        while let s = scanner.next() { if s.number > 0 { out.append(s) } }
        return out
    }

    static func x12Segments(_ bytes: [UInt8]) -> [X12Segment] {
        var scanner = X12Scanner()
        scanner.append(contentsOf: bytes)
        scanner.finish()
        var out: [X12Segment] = []
        while let s = scanner.next() { out.append(s) }
        return out
    }

    static var edifactFiles: [String] { CorpusExpectation.all.filter { $0.standard == .edifact }.map(\.path) }
    static var x12Files: [String] { CorpusExpectation.all.filter { $0.standard == .x12 }.map(\.path) }

    @Test("CONTRL for every EDIFACT interchange references its interchange, groups and messages", arguments: edifactFiles)
    func contrl(_ path: String) throws {
        let report = try #require(EDIParser.read(Corpus.bytes(path)))
        for interchange in report.interchanges {
            let ack = ContrlAcknowledgment.build(for: interchange, stamp: Self.stamp)
            let ackReport = EDIParser.readEdifact(ack)
            #expect(ackReport.outcome == .accepted, "CONTRL for \(path) is not clean: \(ackReport.allErrors)")
            let ackInterchange = try #require(ackReport.interchanges.first)
            #expect(ackInterchange.controlReference == "4711")
            if interchange.hasHeader {
                #expect(ackInterchange.sender.identification == interchange.recipient.identification)
                #expect(ackInterchange.recipient.identification == interchange.sender.identification)
            }
            #expect(ackInterchange.messages.map(\.type) == ["CONTRL"])

            let segments = Self.edifactSegments(ack)
            let uci = try #require(segments.first { $0.tag == SegmentTag("UCI") })
            #expect(uci.element(1)?.text == interchange.controlReference)
            #expect(uci.element(2)?.component(1)?.text == interchange.sender.identification)
            #expect(uci.element(3)?.component(1)?.text == interchange.recipient.identification)
            #expect(uci.element(4)?.text == (interchange.ownOutcome == .rejected ? "4" : "7"))
            if let first = interchange.errors.first(where: { $0.severity == .error }) {
                #expect(uci.element(5)?.integerValue == first.edifactSyntaxErrorCode)
                #expect(uci.element(6)?.text == first.position.tag)
            }

            let ucf = segments.filter { $0.tag == SegmentTag("UCF") }
            #expect(ucf.map { $0.element(1)?.text ?? "" } == interchange.groups.map(\.reference))
            #expect(ucf.map { $0.element(4)?.text ?? "" } == interchange.groups.map { $0.outcome == .rejected ? "4" : "7" })

            let ucm = segments.filter { $0.tag == SegmentTag("UCM") }
            let ordered = interchange.groups.isEmpty ? interchange.messages
                : interchange.groups.flatMap { interchange.messages(inGroup: $0.index) } + interchange.messages.filter { $0.group == nil }
            #expect(ucm.map { $0.element(1)?.text ?? "" } == ordered.map(\.reference))
            #expect(ucm.map { $0.element(2)?.component(1)?.text ?? "" } == ordered.map(\.type))
            #expect(ucm.map { $0.element(3)?.text ?? "" } == ordered.map { $0.outcome == .rejected ? "4" : "7" })
            for (segment, message) in zip(ucm, ordered) {
                if let count = message.errors.first(where: { $0.code == .messageSegmentCountMismatch }),
                   !message.errors.contains(where: { $0.severity == .error && $0.position.tag != "UNT" && $0.position.tag != "UNH" && $0.code != .messageSegmentCountMismatch }) {
                    #expect(segment.element(4)?.text == "29")
                    #expect(segment.element(5)?.text == "UNT")
                    #expect(segment.element(6)?.component(1)?.text == String(count.position.element ?? 0))
                }
            }
            let ucs = segments.filter { $0.tag == SegmentTag("UCS") }
            let dataErrors = ordered.flatMap { $0.errors.filter { !["UNH", "UNT"].contains($0.position.tag) } }
            #expect(ucs.map { $0.element(1)?.integerValue ?? -1 } == dataErrors.map { $0.position.segmentInMessage ?? 0 })
        }
    }

    @Test("997, 999 and TA1 for every X12 interchange reference ISA13, GS06 and ST02", arguments: x12Files)
    func functionalAcknowledgments(_ path: String) throws {
        let report = try #require(EDIParser.read(Corpus.bytes(path)))
        for interchange in report.interchanges {
            for kind in [X12Acknowledgment.Kind.ack997, .ack999] {
                let ack = X12Acknowledgment.build(for: interchange, kind: kind, stamp: Self.stamp)
                let ackReport = EDIParser.readX12(ack)
                #expect(ackReport.outcome == .accepted, "\(kind) for \(path) is not clean: \(ackReport.allErrors)")
                let ackInterchange = try #require(ackReport.interchanges.first)
                #expect(ackInterchange.controlReference == "000004711")
                #expect(ackInterchange.sender.identification == interchange.recipient.identification)
                #expect(ackInterchange.recipient.identification == interchange.sender.identification)

                let segments = Self.x12Segments(ack)
                let ta1 = segments.filter { $0.tag == .TA1 }
                let wantsTA1 = interchange.acknowledgmentRequested || !interchange.errors.isEmpty
                #expect(ta1.count == (wantsTA1 ? 1 : 0))
                if let t = ta1.first {
                    #expect(t.element(1)?.text == interchange.controlReference)
                    #expect(t.element(4)?.text == X12Acknowledgment.acknowledgmentCode(for: interchange))
                    #expect(t.element(5)?.text == X12Acknowledgment.noteCode(for: interchange))
                    #expect(ackInterchange.technicalAcknowledgments.count == 1)
                }

                let sets = ackInterchange.messages
                #expect(sets.count == interchange.groups.count)
                #expect(sets.allSatisfy { $0.type == kind.rawValue })
                let ak1 = segments.filter { $0.tag == SegmentTag("AK1") }
                #expect(ak1.map { $0.element(1)?.text ?? "" } == interchange.groups.map(\.functionalIdentifier))
                #expect(ak1.map { $0.element(2)?.text ?? "" } == interchange.groups.map(\.reference))
                let ak2 = segments.filter { $0.tag == SegmentTag("AK2") }
                let grouped = interchange.groups.flatMap { interchange.messages(inGroup: $0.index) }
                #expect(ak2.map { $0.element(1)?.text ?? "" } == grouped.map(\.type))
                #expect(ak2.map { $0.element(2)?.text ?? "" } == grouped.map(\.reference))
                let ak5 = segments.filter { $0.tag == SegmentTag(kind == .ack999 ? "IK5" : "AK5") }
                #expect(ak5.map { $0.element(1)?.text ?? "" } == grouped.map { $0.outcome == .rejected ? "R" : ($0.errors.isEmpty ? "A" : "E") })
                for (segment, message) in zip(ak5, grouped) {
                    let codes = segment.elements.dropFirst().map(\.text)
                    #expect(codes == X12Acknowledgment.transactionSetCodes(message))
                    if message.errors.contains(where: { $0.code == .messageSegmentCountMismatch }) { #expect(codes.contains("4")) }
                    if message.errors.contains(where: { $0.code == .messageReferenceMismatch }) { #expect(codes.contains("3")) }
                }
                let ak9 = segments.filter { $0.tag == SegmentTag("AK9") }
                #expect(ak9.count == interchange.groups.count)
                for (segment, group) in zip(ak9, interchange.groups) {
                    let members = interchange.messages(inGroup: group.index)
                    #expect(segment.element(3)?.integerValue == members.count)
                    #expect(segment.element(4)?.integerValue == (group.outcome == .rejected ? 0 : members.filter { $0.outcome.isAccepted }.count))
                    if group.errors.contains(where: { $0.code == .groupReferenceMismatch }) {
                        #expect(segment.element(1)?.text == "R")
                        #expect(segment.elements.dropFirst(4).map(\.text).contains("4"))
                    }
                }
                if kind == .ack999, !interchange.groups.isEmpty {
                    #expect(segments.first { $0.tag == .ST }?.element(3)?.text == "005010X231A1")
                }
            }
        }
    }

    @Test("stamps are written in UTC")
    func stamp() {
        #expect(Self.stamp.yymmdd == "251122")
        #expect(Self.stamp.ccyymmdd == "20251122")
        #expect(Self.stamp.hhmm == "0000")
    }

    @Test("values holding service characters are released in CONTRL")
    func escaping() throws {
        let source = Array("UNB+UNOC:3+A?+B:ZZ+R+251122:0000+REF?'1'UNH+M?:1+ORDERS:D:96A:UN'UNT+2+M?:1'UNZ+1+REF?'1'".utf8)
        let report = EDIParser.readEdifact(source)
        #expect(report.outcome == .accepted)
        let interchange = try #require(report.interchanges.first)
        #expect(interchange.controlReference == "REF'1")
        #expect(interchange.sender.identification == "A+B")
        let ack = ContrlAcknowledgment.build(for: interchange, stamp: Self.stamp)
        let uci = try #require(Self.edifactSegments(ack).first { $0.tag == SegmentTag("UCI") })
        #expect(uci.element(1)?.text == "REF'1")
        #expect(uci.element(2)?.component(1)?.text == "A+B")
        let ucm = try #require(Self.edifactSegments(ack).first { $0.tag == SegmentTag("UCM") })
        #expect(ucm.element(1)?.text == "M:1")
    }
}
