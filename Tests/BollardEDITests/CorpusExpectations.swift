import Foundation
import Testing
import BollardTestSupport
@testable import BollardEDI

/// One corpus file and what Bollard must conclude about it. The outcome is computed by the
/// readers; this table states what INDEX.md's "envelope check" and "intent" columns (and the
/// standards) require, with the exact segment and element of every finding.
struct CorpusExpectation: Sendable, CustomStringConvertible {
    struct Fault: Sendable, Hashable, CustomStringConvertible {
        let code: EDISyntaxError.Code
        let segment: Int
        let element: Int?
        let warning: Bool
        init(_ code: EDISyntaxError.Code, segment: Int, element: Int? = nil, warning: Bool = false) {
            self.code = code
            self.segment = segment
            self.element = element
            self.warning = warning
        }
        init(_ error: EDISyntaxError) {
            self.init(error.code, segment: error.position.segment, element: error.position.element, warning: error.severity == .warning)
        }
        var description: String { "\(code.rawValue)@\(segment)\(element.map { ":\($0)" } ?? "")\(warning ? "(w)" : "")" }
    }

    let path: String
    let standard: EDIStandard
    let outcome: EDIOutcome
    let interchanges: Int
    let messages: Int
    let accepted: Int
    let faults: [Fault]
    let note: String?

    init(_ path: String, _ standard: EDIStandard, _ outcome: EDIOutcome, interchanges: Int, messages: Int, accepted: Int,
         faults: [Fault], note: String? = nil) {
        self.path = path
        self.standard = standard
        self.outcome = outcome
        self.interchanges = interchanges
        self.messages = messages
        self.accepted = accepted
        self.faults = faults
        self.note = note
    }

    var description: String { path }

    static let all: [CorpusExpectation] = [
        CorpusExpectation("apimeister-edifact/d00b_iftsta.edi", .edifact, .rejected, interchanges: 1, messages: 1, accepted: 0, faults: [.init(.interchangeReferenceMismatch, segment: 33, element: 2)]),
        CorpusExpectation("apimeister-edifact/d95b_coprar.edi", .edifact, .rejected, interchanges: 1, messages: 1, accepted: 0, faults: [.init(.interchangeHeaderMissing, segment: 1), .init(.messageSegmentCountMismatch, segment: 29, element: 1)]),
        CorpusExpectation("apimeister-x12/004010_310.edi", .x12, .rejected, interchanges: 1, messages: 1, accepted: 0, faults: [.init(.messageSegmentCountMismatch, segment: 48, element: 1), .init(.messageReferenceMismatch, segment: 48, element: 2), .init(.groupReferenceMismatch, segment: 49, element: 2), .init(.interchangeReferenceMismatch, segment: 50, element: 2)]),
        CorpusExpectation("apimeister-x12/004060_856.edi", .x12, .accepted, interchanges: 1, messages: 1, accepted: 1, faults: []),
        CorpusExpectation("bots/demo/one-on-one_x12_xml/botssys/infile/x122xml/x12/mailbag01.x12", .x12, .accepted, interchanges: 8, messages: 14, accepted: 14, faults: []),
        CorpusExpectation("bots/demo/one-on-one_x12_xml/botssys/infile/x122xml/x12/simplemailbag.x12", .x12, .accepted, interchanges: 1, messages: 1, accepted: 1, faults: []),
        CorpusExpectation("bots/demo/one-on-one_x12_xml/botssys/infile/x122xml/x12/testx12002.x12.base", .x12, .accepted, interchanges: 1, messages: 1, accepted: 1, faults: []),
        CorpusExpectation("bots/edifact/to_fixed_orders_desadv_invoice_aperak/botssys/infile/outfile/dutchic/dutchic_desadv1.edi", .edifact, .accepted, interchanges: 1, messages: 8, accepted: 8, faults: []),
        CorpusExpectation("bots/edifact/to_xml_orders_desadv_invoice/botssys/infile/outfile/edifact_xml/edifact/desadv1.edi", .edifact, .accepted, interchanges: 1, messages: 3, accepted: 3, faults: []),
        CorpusExpectation("bots/x12/to_xml_retailer_version_850-856-810-997/botssys/infile/x12_demo/inbound/856_1.x12", .x12, .accepted, interchanges: 1, messages: 1, accepted: 1, faults: []),
        CorpusExpectation("bots/x12/to_xml_retailer_version_850-856-810-997/botssys/infile/x12_demo/inbound/997_1.x12", .x12, .accepted, interchanges: 1, messages: 1, accepted: 1, faults: []),
        CorpusExpectation("cuscar-tools/simple.edi", .edifact, .rejected, interchanges: 1, messages: 1, accepted: 0, faults: [.init(.messageSegmentCountMismatch, segment: 31, element: 1)]),
        CorpusExpectation("edifact-rs/d11a_malformed_component.edi", .edifact, .rejected, interchanges: 1, messages: 1, accepted: 0, faults: [.init(.interchangeHeaderMissing, segment: 1)], note: "MALFORMED upstream for a D11A DTM component count (directory rule, not syntax); rejected here because it has no UNB"),
        CorpusExpectation("edifact-rs/d96a_invoic_conforming.edi", .edifact, .rejected, interchanges: 1, messages: 1, accepted: 0, faults: [.init(.interchangeHeaderMissing, segment: 1)], note: "INDEX: valid sample, but it has no UNB envelope, so it is rejected"),
        CorpusExpectation("edifact-rs/d96a_orders_malformed.edi", .edifact, .rejected, interchanges: 1, messages: 1, accepted: 0, faults: [.init(.segmentOutsideInterchange, segment: 1), .init(.interchangeHeaderMissing, segment: 2), .init(.messageSegmentCountMismatch, segment: 5, element: 1)], note: "MALFORMED: BGM before UNH, UNT count 5 for 4"),
        CorpusExpectation("edinet/204-MGCTLYST-SAMPLE.EDI", .x12, .rejected, interchanges: 1, messages: 1, accepted: 0, faults: [.init(.messageSegmentCountMismatch, segment: 40, element: 1)]),
        CorpusExpectation("edinet/214-MGCTLYST-SAMPLE.EDI", .x12, .accepted, interchanges: 1, messages: 1, accepted: 1, faults: []),
        CorpusExpectation("edinet/990-MGCTLYST-SAMPLE.EDI", .x12, .accepted, interchanges: 1, messages: 1, accepted: 1, faults: []),
        CorpusExpectation("edinet/edifact.01.multi-message.edi", .edifact, .rejected, interchanges: 1, messages: 2, accepted: 0, faults: [.init(.messageSegmentCountMismatch, segment: 32, element: 1), .init(.messageSegmentCountMismatch, segment: 63, element: 1), .init(.interchangeReferenceMismatch, segment: 64, element: 2)]),
        CorpusExpectation("edinet/edifact.D01B.IFCSUM.NewLines.EDI", .edifact, .rejected, interchanges: 1, messages: 1, accepted: 0, faults: [.init(.invalidCharacter, segment: 22, element: 4, warning: true), .init(.messageSegmentCountMismatch, segment: 28, element: 1)], note: "newline terminator dialect; INDEX could not split it: UNT says 787 for 27 segments"),
        CorpusExpectation("edinet/edifact.Issue188.edi", .edifact, .rejected, interchanges: 1, messages: 4, accepted: 0, faults: [.init(.messageSegmentCountMismatch, segment: 4, element: 1), .init(.messageSegmentCountMismatch, segment: 7, element: 1), .init(.messageReferenceMismatch, segment: 7, element: 2), .init(.messageSegmentCountMismatch, segment: 10, element: 1), .init(.messageSegmentCountMismatch, segment: 13, element: 1), .init(.messageReferenceMismatch, segment: 13, element: 2), .init(.interchangeCountMismatch, segment: 14, element: 1)]),
        CorpusExpectation("edinet/edifact.ORDRSP.edi", .edifact, .rejected, interchanges: 1, messages: 1, accepted: 0, faults: [.init(.messageSegmentCountMismatch, segment: 32, element: 1), .init(.messageReferenceMismatch, segment: 32, element: 2), .init(.interchangeReferenceMismatch, segment: 33, element: 2)]),
        CorpusExpectation("edinet/x12.214.edi", .x12, .acceptedWithWarnings, interchanges: 1, messages: 1, accepted: 1, faults: [.init(.interchangeHeaderNotFixedWidth, segment: 1, element: 8, warning: true)]),
        CorpusExpectation("edinet/x12.820.issue140.edi", .x12, .accepted, interchanges: 1, messages: 1, accepted: 1, faults: []),
        CorpusExpectation("edinet/x12.850.issue135.edi", .x12, .rejected, interchanges: 1, messages: 2, accepted: 0, faults: [.init(.groupReferenceMismatch, segment: 185, element: 2), .init(.interchangeReferenceMismatch, segment: 186, element: 2)], note: "ISA16 is '~' and lines end in '~' + LF, so GE02 reads '1~' and IEA02 '000000001~'"),
        CorpusExpectation("edireader/ORDERS-D01B-UNOD.edi", .edifact, .accepted, interchanges: 1, messages: 1, accepted: 1, faults: []),
        CorpusExpectation("edireader/tiny-UNOE.edi", .edifact, .accepted, interchanges: 1, messages: 1, accepted: 1, faults: []),
        CorpusExpectation("edireader/tiny-syntaxVariants-UNOA.edi", .edifact, .acceptedWithWarnings, interchanges: 1, messages: 1, accepted: 1, faults: [.init(.invalidCharacter, segment: 1, element: 6, warning: true)], note: "UNOA repertoire (ISO 9735 level A): lower case in the UNB password/reference"),
        CorpusExpectation("edireader/tiny-withUNA-UNOA.edi", .edifact, .acceptedWithWarnings, interchanges: 1, messages: 1, accepted: 1, faults: [.init(.invalidCharacter, segment: 1, element: 6, warning: true)], note: "UNOA repertoire (ISO 9735 level A): lower case in the UNB password/reference"),
        CorpusExpectation("node-x12/856.edi", .x12, .accepted, interchanges: 1, messages: 1, accepted: 1, faults: []),
        CorpusExpectation("oopfactory/Acknowledgments/TechnicalAcknowledgment_Sample1.txt", .x12, .accepted, interchanges: 1, messages: 0, accepted: 0, faults: []),
        CorpusExpectation("oopfactory/Acknowledgments/_999/DHS_Wisconsin_Sample.txt", .x12, .accepted, interchanges: 1, messages: 1, accepted: 1, faults: []),
        CorpusExpectation("oopfactory/INS/_270/_5010/Example1_IG_0x1D.txt", .x12, .accepted, interchanges: 1, messages: 1, accepted: 1, faults: []),
        CorpusExpectation("oopfactory/ORD/_810/Example3_MultiInvoice.txt", .x12, .accepted, interchanges: 1, messages: 2, accepted: 2, faults: []),
        CorpusExpectation("oopfactory/ORD/_846/Example1.txt", .x12, .accepted, interchanges: 1, messages: 1, accepted: 1, faults: []),
        CorpusExpectation("oopfactory/ORD/_856/Example1.txt", .x12, .accepted, interchanges: 1, messages: 1, accepted: 1, faults: []),
        CorpusExpectation("oopfactory/ORD/_856/Example2.txt", .x12, .accepted, interchanges: 1, messages: 1, accepted: 1, faults: []),
        CorpusExpectation("oopfactory/ORD/_856/FromGregarican.txt", .x12, .accepted, interchanges: 1, messages: 1, accepted: 1, faults: []),
        CorpusExpectation("oopfactory/ORD/_860/Example1.txt", .x12, .rejected, interchanges: 1, messages: 1, accepted: 0, faults: [.init(.interchangeHeaderNotFixedWidth, segment: 1, element: 6, warning: true), .init(.messageSegmentCountMismatch, segment: 11, element: 1)], note: "INDEX misread the short ISA (terminator CR); with ISA16 '>' and terminator '~' the control numbers match, but N1 lacks its '~' so SE01 10 != 9"),
        CorpusExpectation("oopfactory/TAM/_110/FedEx_SampleInvoice1.txt", .x12, .rejected, interchanges: 1, messages: 1, accepted: 0, faults: [.init(.groupReferenceMismatch, segment: 102, element: 2)]),
        CorpusExpectation("oopfactory/TAM/_210/CN_FreightInvoiceSample1.txt", .x12, .accepted, interchanges: 1, messages: 1, accepted: 1, faults: []),
        CorpusExpectation("oopfactory/TOS/_322/322Status.txt", .x12, .accepted, interchanges: 1, messages: 17, accepted: 17, faults: []),
        CorpusExpectation("oopfactory/TRS/_417/417CarWaybill.txt", .x12, .accepted, interchanges: 1, messages: 1, accepted: 1, faults: []),
        CorpusExpectation("oopfactory/WAR/_940/simplot.txt", .x12, .rejected, interchanges: 1, messages: 1, accepted: 0, faults: [.init(.groupReferenceMismatch, segment: 30, element: 2), .init(.interchangeReferenceMismatch, segment: 31, element: 2)]),
        CorpusExpectation("php-edifact/D95BBAPLIE.edi", .edifact, .accepted, interchanges: 1, messages: 1, accepted: 1, faults: []),
        CorpusExpectation("php-edifact/D95BCOARRI.edi", .edifact, .accepted, interchanges: 1, messages: 2, accepted: 2, faults: []),
        CorpusExpectation("php-edifact/exampleMulti.edi", .edifact, .accepted, interchanges: 1, messages: 2, accepted: 2, faults: []),
        CorpusExpectation("php-edifact/example_multiline.edi", .edifact, .rejected, interchanges: 1, messages: 1, accepted: 0, faults: [.init(.messageSegmentCountMismatch, segment: 8, element: 1)]),
        CorpusExpectation("php-edifact/example_order_error.edi", .edifact, .rejected, interchanges: 1, messages: 1, accepted: 0, faults: [.init(.invalidReleaseSequence, segment: 84, element: 3)], note: "MALFORMED: '?*' in syntax 3 releases a non-service character (IMD element 3 component 4)"),
        CorpusExpectation("php-edifact/example_release_character.edi", .edifact, .rejected, interchanges: 1, messages: 1, accepted: 0, faults: [.init(.messageSegmentCountMismatch, segment: 24, element: 1)]),
        CorpusExpectation("php-edifact/example_utf8.edi", .edifact, .accepted, interchanges: 1, messages: 1, accepted: 1, faults: []),
        CorpusExpectation("php-edifact/example_wrapped.edi", .edifact, .accepted, interchanges: 1, messages: 1, accepted: 1, faults: []),
        CorpusExpectation("portxchange/VIFTSAI0000001.txt", .edifact, .rejected, interchanges: 1, messages: 1, accepted: 0, faults: [.init(.interchangeTrailerMissing, segment: 28)], note: "no UNZ: a truncated interchange is refused (UNZ is mandatory, ISO 9735; SCENARIO.md); INDEX.md's checker does not look for UNZ"),
        CorpusExpectation("portxchange/VIFTSAI0000003.txt", .edifact, .rejected, interchanges: 1, messages: 1, accepted: 0, faults: [.init(.interchangeTrailerMissing, segment: 34)], note: "no UNZ: a truncated interchange is refused (UNZ is mandatory, ISO 9735; SCENARIO.md); INDEX.md's checker does not look for UNZ"),
        CorpusExpectation("portxchange/VIFTSAI0000004.txt", .edifact, .accepted, interchanges: 1, messages: 1, accepted: 1, faults: []),
        CorpusExpectation("pydifact/invoice_with_colon_at_end.edi", .edifact, .accepted, interchanges: 1, messages: 1, accepted: 1, faults: []),
        CorpusExpectation("pydifact/messages/v3/aperak.edi", .edifact, .rejected, interchanges: 1, messages: 1, accepted: 0, faults: [.init(.invalidCharacter, segment: 7, element: 4, warning: true), .init(.messageSegmentCountMismatch, segment: 8, element: 1)]),
        CorpusExpectation("pydifact/messages/v3/aperak_rejected.edi", .edifact, .rejected, interchanges: 1, messages: 1, accepted: 0, faults: [.init(.invalidCharacter, segment: 7, element: 4, warning: true), .init(.messageSegmentCountMismatch, segment: 8, element: 1)]),
        CorpusExpectation("pydifact/order.edi", .edifact, .rejected, interchanges: 1, messages: 1, accepted: 0, faults: [.init(.interchangeTrailerMissing, segment: 17)], note: "no UNZ: a truncated interchange is refused (UNZ is mandatory, ISO 9735; SCENARIO.md); INDEX.md's checker does not look for UNZ"),
        CorpusExpectation("pydifact/sage_coala.ped", .edifact, .rejected, interchanges: 1, messages: 1, accepted: 0, faults: [.init(.segmentOutsideInterchange, segment: 1), .init(.messageSegmentCountMismatch, segment: 100, element: 1)], note: "a proprietary DOC line precedes UNA"),
        CorpusExpectation("pydifact/wikipedia_de.edi", .edifact, .rejected, interchanges: 1, messages: 1, accepted: 0, faults: [.init(.interchangeReferenceMismatch, segment: 11, element: 2)]),
        CorpusExpectation("smooks/edg/src/test/resources/paxlst/bad-paxlst.txt", .edifact, .rejected, interchanges: 1, messages: 1, accepted: 0, faults: [.init(.messageSegmentCountMismatch, segment: 19, element: 1)]),
        CorpusExpectation("smooks/edg/src/test/resources/paxlst/paxlst.txt", .edifact, .accepted, interchanges: 1, messages: 1, accepted: 1, faults: []),
        CorpusExpectation("smooks/edg/src/test/resources/recadv/recadv.txt", .edifact, .rejected, interchanges: 1, messages: 1, accepted: 0, faults: [.init(.invalidCharacter, segment: 8, element: 4, warning: true), .init(.invalidCharacter, segment: 10, element: 4)], note: "UNOA repertoire (ISO 9735 level A): lower case in NAD (warning) and UTF-8 Chinese names, which UNOA cannot represent (rejected)"),
        CorpusExpectation("smooks/edifact-cartridge/src/test/resources/data/BAD_ORDERS_D.03B_Interchange.txt", .edifact, .rejected, interchanges: 1, messages: 1, accepted: 0, faults: [.init(.invalidCharacter, segment: 43, element: 1, warning: true), .init(.messageSegmentCountMismatch, segment: 58, element: 1)]),
    ]
}
