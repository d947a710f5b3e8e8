import BollardCore
import BollardEPCIS

/// EDIFACT and X12 messages → provenance: EPCIS-shaped custody events and receipt commands.
///
/// The entry point the ingest worker calls after `EDIParser.read`:
///
///     let report = EDIParser.read(bytes)          // envelopes checked, acknowledgments written
///     let mapped = EDIMapper().map(bytes, report: report, documentSHA256: id)
///     try engine.apply(mapped.document, submitter: party)
///
/// Each message is mapped on its own, as the envelope checks judge each message on its own: a
/// message the envelope rejected is not mapped while its sound neighbours are; a message of an
/// unmapped type is reported `notMapped`; a message that cannot be mapped gets a positioned
/// `EDIMappingError`, and its events are left out of `document`. Events are Core `EPCISEvent`s
/// like `EPCISCoreMapper`'s output, so the EPCIS writers and the GS1 event hash apply unchanged;
/// each carries `SourcePosition.ediSegments(messageReference:firstSegment:lastSegment:)` with
/// segment numbers counted in the document (UNA not counted), as `EDIMessageReport` counts them.
public struct EDIMapper: Sendable {
    public struct Options: Sendable, Equatable {
        /// The offset EDI date/times without a zone are read in (EDIFACT DTM 203, X12 time code
        /// LT or absent): `±hh:mm`. UTC unless the trading partner agreement says otherwise.
        public var timeZoneOffset: String

        public init(timeZoneOffset: String = "+00:00") {
            self.timeZoneOffset = timeZoneOffset
        }
    }

    /// Bills of lading from EDI become `urn:bollard:bol:{number}`: a B/L number begins with the
    /// issuing carrier's SCAC, which makes it unique without the shipper's GLN that the CBV 2.0
    /// §8.5 `urn:epcglobal:cbv:bt:{GLN}:{id}` form needs and most EDI messages do not carry.
    public static let billOfLadingPrefix = "urn:bollard:bol:"
    /// Customs declarations and cargo reports: `urn:bollard:customs:{number}`.
    public static let customsPrefix = "urn:bollard:customs:"

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// The types that have a mapping, per standard.
    public static let mappedTypes: [EDIStandard: Set<String>] = [
        .edifact: Set(EdifactMessageMappers.table.keys),
        .x12: Set(X12MessageMappers.table.keys),
    ]

    /// Maps every message of `report` (read from these very `bytes`).
    /// - Parameter documentSHA256: lower-case hex SHA-256 of `bytes`, the intake's document id.
    public func map(_ bytes: [UInt8], report: EDIDocumentReport, documentSHA256: String) -> EDIMappedDocument {
        let slots = report.interchanges.flatMap { i in i.messages.map { (interchange: i.index, message: $0) } }
        // Only accepted messages of a mapped type are decoded; the rest stay bytes.
        let wanted = slots.filter { $0.message.outcome.isAccepted && Self.mapper(report.standard, $0.message.type) != nil }
            .map { $0.message.firstSegment...max($0.message.firstSegment, $0.message.lastSegment) }
        let segments = Self.segments(bytes, standard: report.standard, in: wanted)

        var messages: [EDIMappedMessage] = []
        var events: [MappedEvent] = []
        for slot in slots {
            let m = slot.message
            var mapped = EDIMappedMessage(interchange: slot.interchange, index: m.index, type: m.type, version: m.version,
                                          reference: m.reference, firstSegment: m.firstSegment, lastSegment: m.lastSegment,
                                          outcome: .rejectedByEnvelope)
            if m.outcome.isAccepted {
                mapped.outcome = mapMessage(m, standard: report.standard, segments: segments[m.firstSegment] ?? [], digest: documentSHA256)
                events += mapped.events
            }
            messages.append(mapped)
        }
        return EDIMappedDocument(documentSHA256: documentSHA256, standard: report.standard, messages: messages,
                                 document: MappedDocument(documentSHA256: documentSHA256, events: events), report: report)
    }

    private func mapMessage(_ m: EDIMessageReport, standard: EDIStandard, segments: [MappingSegment], digest: String) -> EDIMappedMessage.Outcome {
        guard let mapper = Self.mapper(standard, m.type) else {
            return .notMapped(reason: "\(standard == .edifact ? "EDIFACT" : "X12") \(m.type) has no provenance mapping; kept as evidence")
        }
        let context = MessageMapping(standard: standard, type: m.type, reference: m.reference, segments: segments,
                                     documentSHA256: digest, options: options)
        do {
            return .mapped(try mapper(context))
        } catch {
            return .failed(error)
        }
    }

    static func mapper(_ standard: EDIStandard, _ type: String) -> MessageMapper? {
        switch standard {
        case .edifact: EdifactMessageMappers.table[type]
        case .x12: X12MessageMappers.table[type]
        }
    }

    /// One pass of the scanner over the document, keeping the decoded segments of the wanted
    /// messages (keyed by their header's segment number). The ranges are in document order.
    static func segments(_ bytes: [UInt8], standard: EDIStandard, in ranges: [ClosedRange<Int>]) -> [Int: [MappingSegment]] {
        var out: [Int: [MappingSegment]] = [:]
        var k = 0
        func keep(_ number: Int, _ make: (Int) -> MappingSegment) {
            while k < ranges.count, ranges[k].upperBound < number { k += 1 }
            guard k < ranges.count, ranges[k].contains(number) else { return }
            let key = ranges[k].lowerBound
            out[key, default: []].append(make(number - key + 1))
        }
        switch standard {
        case .edifact:
            var scanner = EdifactScanner()
            scanner.append(contentsOf: bytes)
            scanner.finish()
            while k < ranges.count, let s = scanner.next() {
                if s.number == 0 { continue }
                keep(s.number) { MappingSegment(s, inMessage: $0) }
            }
        case .x12:
            var scanner = X12Scanner()
            scanner.append(contentsOf: bytes)
            scanner.finish()
            while k < ranges.count, let s = scanner.next() {
                keep(s.number) { MappingSegment(s, inMessage: $0) }
            }
        }
        return out
    }
}
