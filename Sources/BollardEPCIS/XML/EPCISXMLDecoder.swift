/// Reads EPCIS 2.0 XML (EPCIS 2.0 §9). Placeholder until the BollardXML reader lands.
public struct EPCISXMLDecoder: Sendable {
    public init() {}

    public func decode(_ bytes: [UInt8], documentName: String = "") throws(EPCISError) -> EPCISDocument {
        throw EPCISError(.unknownFormat, documentName: documentName, position: "byte 0", context: "XML reading is not available yet")
    }
}
