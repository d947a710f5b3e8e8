import BollardEDI
import BollardEPCIS
import BollardXML
import Foundation

/// A document read as far as the engine: sniffed, parsed and mapped (or, for EDI with no
/// mapper, parsed and acknowledged only).
public struct ReadDocument: Sendable {
    public enum Content: Sendable {
        /// Events and the engine commands they stand for, to apply all or none.
        case mapped(MappedDocument)
        /// Parsed and acknowledged; there is no mapping for its messages yet.
        case notMapped(reason: String)
    }

    public var format: DocumentFormat
    public var content: Content
    /// The functional acknowledgment for EDI documents (CONTRL / 997), one per interchange.
    public var acknowledgment: [UInt8]?
    /// EDI: every interchange, group and message with its outcome.
    public var edi: EDIIngestReport?
}

/// Sniff → parse → map, with every failure a positioned `IngestError`. Pure: no store, no clock
/// other than the acknowledgment's stamp, which the caller passes.
public struct DocumentReader: Sendable {
    public var ediMapper: (any DocumentMapper)?

    /// `ediMapper` nil: EDI documents are parsed, acknowledged and stored, reported "not mapped".
    public init(ediMapper: (any DocumentMapper)? = EDIDocumentMapper()) {
        self.ediMapper = ediMapper
    }

    /// `receivedAt` (ms since the epoch) stamps EDI acknowledgments, so a re-run gives the same bytes.
    public func read(_ bytes: [UInt8], fileName: String, receivedAt: Int64) throws(IngestError) -> ReadDocument {
        var cache = EPCISReadCache()
        return try read(bytes, fileName: fileName, receivedAt: receivedAt, cache: &cache)
    }

    /// `read(_:fileName:receivedAt:)` for one of several documents read in turn, sharing `cache`.
    public func read(_ bytes: [UInt8], fileName: String, receivedAt: Int64, cache: inout EPCISReadCache) throws(IngestError) -> ReadDocument {
        let format = try FormatSniffer.sniff(bytes, fileName: fileName)
        switch format {
        case .epcisJSONLD, .epcisXML:
            do {
                return ReadDocument(format: format, content: .mapped(try EPCISCoreMapper().map(bytes, fileName: fileName, cache: &cache)),
                                    acknowledgment: nil)
            } catch {
                throw IngestError(error.code == .document ? .malformed : .unmappable, file: fileName,
                                  position: error.position.isEmpty ? nil : error.position, error.context)
            }
        case .edifact, .x12:
            return try readEDI(bytes, format: format, fileName: fileName, receivedAt: receivedAt)
        case .warehouseReceiptXML, .shippingManifestXML:
            return ReadDocument(format: format, content: .mapped(try Self.readBollardXML(bytes, format: format, fileName: fileName)),
                                acknowledgment: nil)
        }
    }

    /// The receipt and manifest readers, each with its XSD compiled once per process.
    private static let receiptReader = Result { () throws(XMLSchemaError) in WarehouseReceiptXMLReader(schema: try EmbeddedSchema.warehouseReceipt()) }
    private static let manifestReader = Result { () throws(XMLSchemaError) in ShippingManifestXMLReader(schema: try EmbeddedSchema.shippingManifest()) }

    private static func readBollardXML(_ bytes: [UInt8], format: DocumentFormat, fileName: String) throws(IngestError) -> MappedDocument {
        do {
            switch format {
            case .warehouseReceiptXML: return try receiptReader.get().map(bytes, fileName: fileName)
            default: return try manifestReader.get().map(bytes, fileName: fileName)
            }
        } catch let error as XMLDocumentError {
            let position = error.line > 0 ? "line \(error.line)" + (error.column > 0 ? " column \(error.column)" : "") : nil
            throw IngestError(error.code == .refused || error.code == .schemaInvalid ? .malformed : .unmappable, file: fileName,
                              position: position, "\(error.rule): \(error.context)")
        } catch {
            throw IngestError(.malformed, file: fileName, "the \(format.rawValue) schema does not load: \(error)")
        }
    }

    private func readEDI(_ bytes: [UInt8], format: DocumentFormat, fileName: String, receivedAt: Int64) throws(IngestError) -> ReadDocument {
        let report = format == .x12 ? EDIParser.readX12(bytes) : EDIParser.readEdifact(bytes)
        let stamp = AcknowledgmentStamp(interchangeControlNumber: Int(receivedAt % 1_000_000_000),
                                        date: Date(timeIntervalSince1970: Double(receivedAt) / 1000))
        var ack: [UInt8] = []
        for interchange in report.interchanges where interchange.hasHeader {
            ack += format == .x12 ? X12Acknowledgment.build(for: interchange, stamp: stamp)
                : ContrlAcknowledgment.build(for: interchange, stamp: stamp)
        }
        let edi = EDIIngestReport(report)
        // Refused as a whole only when nothing in it may be applied (no envelope, every
        // interchange or message rejected); otherwise the sound messages go on (issue #5).
        if edi.applicableMessages == 0 || report.interchanges.isEmpty {
            let errors = report.allErrors.filter { $0.severity == .error }
            var error = IngestError(.malformed, file: fileName, "no complete \(format == .x12 ? "ISA…IEA" : "UNB…UNZ") interchange")
            if let first = errors.first {
                error = IngestError(.malformed, file: fileName, position: first.position.description,
                                    "\(first.code.rawValue): \(first.context)" + (errors.count > 1 ? " (and \(errors.count - 1) more)" : ""))
            }
            error.acknowledgment = ack.isEmpty ? nil : String(decoding: ack, as: UTF8.self)
            throw error
        }
        guard let ediMapper else {
            let types = Set(report.interchanges.flatMap { $0.messages.map(\.type) }).sorted().joined(separator: ", ")
            return ReadDocument(format: format, content: .notMapped(reason: "no mapping for \(format.rawValue) messages \(types) yet"),
                                acknowledgment: ack, edi: edi)
        }
        do {
            guard let mapped = try ediMapper.map(bytes, report: report, fileName: fileName) else {
                let types = Set(edi.interchanges.flatMap { $0.messages.filter { $0.mapping == "not-mapped" }.map(\.type) })
                return ReadDocument(format: format, content: .notMapped(reason: types.isEmpty ? "no custody events in its messages"
                                        : "\(format.rawValue) \(types.sorted().joined(separator: ", ")) has no provenance mapping; kept as evidence"),
                                    acknowledgment: ack, edi: edi)
            }
            return ReadDocument(format: format, content: .mapped(mapped), acknowledgment: ack, edi: edi)
        } catch var error as IngestError {
            error.acknowledgment = String(decoding: ack, as: UTF8.self)
            throw error
        } catch {
            throw IngestError(.unmappable, file: fileName, "\(error)")
        }
    }
}
