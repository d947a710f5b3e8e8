/// Picks the EPCIS binding for a file and reads it.
public struct EPCISDocumentReader: Sendable {
    public enum Syntax: Sendable, Equatable {
        case jsonLD
        case xml
    }

    public init() {}

    /// The binding a file name names, or the one its first non-blank byte suggests.
    public static func syntax(of bytes: [UInt8], fileName: String) -> Syntax? {
        let lower = fileName.lowercased()
        if lower.hasSuffix(".jsonld") || lower.hasSuffix(".json") { return .jsonLD }
        if lower.hasSuffix(".xml") { return .xml }
        for b in bytes.prefix(1024) {
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF: continue
            case UInt8(ascii: "{"), UInt8(ascii: "["): return .jsonLD
            case UInt8(ascii: "<"): return .xml
            default: return nil
            }
        }
        return nil
    }

    public func read(_ bytes: [UInt8], fileName: String) throws(EPCISError) -> EPCISDocument {
        switch Self.syntax(of: bytes, fileName: fileName) {
        case .jsonLD: return try EPCISJSONDecoder().decode(bytes, documentName: fileName)
        case .xml: return try EPCISXMLDecoder().decode(bytes, documentName: fileName)
        case nil:
            throw EPCISError(.unknownFormat, documentName: fileName, position: "byte 0",
                             context: "neither JSON-LD nor XML (name it .jsonld, .json or .xml)")
        }
    }
}
