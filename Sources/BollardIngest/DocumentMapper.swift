import BollardEDI
import BollardEPCIS

/// Maps a syntactically valid EDI interchange (its bytes and the reader's report) to the same
/// `MappedDocument` an EPCIS document gives, so EDI and EPCIS versions of a story apply alike
/// (SCENARIO.md). The EDIFACT/X12 message mappers plug in here; until one is given, the worker
/// stores and acknowledges EDI documents and reports them "not mapped".
public protocol DocumentMapper: Sendable {
    /// The mapped document, or nil when this mapper has no mapping for the document's messages.
    /// A thrown error refuses the document; its description should name the message and segment.
    func map(_ bytes: [UInt8], report: EDIDocumentReport, fileName: String) throws -> MappedDocument?
}
