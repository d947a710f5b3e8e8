import BollardEDI
import BollardEPCIS

/// The EDIFACT and X12 message mappings of BollardEDI (integrations/edi/MAPPING.md) behind the
/// worker's `DocumentMapper` hook.
///
/// A message that is sound EDI but cannot be turned into provenance (a bad ISO 6346 check digit,
/// an unknown status code) refuses the whole document with its position: DESIGN.md "a rejected
/// document changes nothing" — applying the document's other messages would record half of what
/// the party sent. Envelope-rejected messages are another matter: the standards reject them
/// alone, and the mapper never sees them.
public struct EDIDocumentMapper: DocumentMapper {
    public var mapper: EDIMapper

    public init(mapper: EDIMapper = EDIMapper()) {
        self.mapper = mapper
    }

    public func map(_ bytes: [UInt8], report: EDIDocumentReport, fileName: String) throws -> MappedDocument? {
        let mapped = mapper.map(bytes, report: report, documentSHA256: EDIMapper.sha256Hex(bytes))
        if let first = mapped.errors.first {
            let more = mapped.errors.count > 1 ? " (and \(mapped.errors.count - 1) more)" : ""
            var at = "message \(first.messageReference) (\(first.messageType)) segment \(first.segment) \(first.tag)"
            if let element = first.element { at += " element \(element)" + (first.component.map { " component \($0)" } ?? "") }
            throw IngestError(.unmappable, file: fileName, position: at, "\(first.code.rawValue): \(first.context)\(more)")
        }
        return mapped.document.events.isEmpty ? nil : mapped.document
    }
}
