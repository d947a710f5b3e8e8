import BollardEDI
import BollardEPCIS

/// The formats the worker reads, told apart by their first bytes (never by file name or
/// content type, which a sender may get wrong).
public enum DocumentFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// GS1 EPCIS 2.0 JSON / JSON-LD (EPCIS 2.0 §9: `"type": "EPCISDocument"`).
    case epcisJSONLD = "epcis-jsonld"
    /// GS1 EPCIS 2.0 XML (root element `EPCISDocument` in urn:epcglobal:epcis:xsd:2).
    case epcisXML = "epcis-xml"
    /// Bollard's warehouse receipt XML (fixtures/schemas/warehouse-receipt.xsd).
    case warehouseReceiptXML = "warehouse-receipt-xml"
    /// Bollard's shipping manifest XML (fixtures/schemas/shipping-manifest.xsd).
    case shippingManifestXML = "shipping-manifest-xml"
    /// UN/EDIFACT (ISO 9735: UNA/UNB).
    case edifact
    /// ANSI ASC X12 (ISA fixed-width header).
    case x12

    public var isEDI: Bool { self == .edifact || self == .x12 }
}

/// Decides a document's format from its bytes. Looks only at a bounded head, so it costs the
/// same for a 1 KB and a 1 GB document.
public enum FormatSniffer {
    /// How many leading bytes are examined.
    static let headLength = 8192

    public static func sniff(_ bytes: [UInt8], fileName: String? = nil) throws(IngestError) -> DocumentFormat {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < bytes.count, isLayout(bytes[start]) { start += 1 }
        guard start < bytes.count else {
            throw IngestError(.unknownFormat, file: fileName, position: "byte 0", "the document is empty")
        }
        let head = bytes[start..<min(bytes.count, start + headLength)]
        switch bytes[start] {
        case UInt8(ascii: "{"):
            if contains(head, "\"EPCISDocument\"") || contains(head, "\"epcisBody\"") { return .epcisJSONLD }
            throw IngestError(.unknownFormat, file: fileName, position: "byte \(start)",
                              "a JSON document that is not an EPCIS 2.0 document (no \"type\": \"EPCISDocument\" or epcisBody in its first \(headLength) bytes)")
        case UInt8(ascii: "<"):
            if contains(head, "EPCISDocument") { return .epcisXML }
            if contains(head, WarehouseReceiptXMLReader.namespace) { return .warehouseReceiptXML }
            if contains(head, ShippingManifestXMLReader.namespace) { return .shippingManifestXML }
            throw IngestError(.unknownFormat, file: fileName, position: "byte \(start)",
                              "an XML document that is none of EPCIS 2.0, Bollard warehouse receipt or shipping manifest XML (no EPCISDocument element or \(WarehouseReceiptXMLReader.namespace) / \(ShippingManifestXMLReader.namespace) namespace in its first \(headLength) bytes)")
        default:
            switch EDIParser.sniff(head) {
            case .edifact: return .edifact
            case .x12: return .x12
            case nil:
                throw IngestError(.unknownFormat, file: fileName, position: "byte \(start)",
                                  "not EPCIS 2.0 (JSON-LD or XML), UN/EDIFACT or X12: the document starts with byte 0x\(String(bytes[start], radix: 16))")
            }
        }
    }

    private static func isLayout(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// A plain byte search (the head is at most a few KB).
    static func contains(_ haystack: ArraySlice<UInt8>, _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard let first = n.first, haystack.count >= n.count else { return false }
        var i = haystack.startIndex
        let last = haystack.endIndex - n.count
        while i <= last {
            if haystack[i] == first, haystack[i..<(i + n.count)].elementsEqual(n) { return true }
            i += 1
        }
        return false
    }
}
