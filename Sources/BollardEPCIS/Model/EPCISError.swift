/// Why an EPCIS document was refused, and where.
///
/// `position` names the place in the source: a JSON path such as
/// `$.epcisBody.eventList[3].bizStep`, or `line 12` for XML. `byteOffset` is set when the
/// fault was found while scanning raw bytes (malformed JSON).
public struct EPCISError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable {
        /// The bytes are not well-formed JSON (RFC 8259) or XML.
        case malformed
        /// A field has the wrong JSON type (for example a number where EPCIS 2.0 §8 wants a string).
        case wrongType
        /// The document is not an EPCISDocument, EPCISQueryDocument or a single event.
        case notEPCIS
        /// An event's `type` (or XML element) is none of the five EPCIS 2.0 event types.
        case unknownEventType
        /// A bizStep, disposition or other CBV-typed value is neither a CBV 2.0 term nor a URI.
        case unknownVocabulary
        /// A required field is absent.
        case missingField
        /// The file name's extension names no format this module reads.
        case unknownFormat
    }

    public var code: Code
    public var documentName: String
    public var position: String
    public var byteOffset: Int?
    public var context: String

    public init(_ code: Code, documentName: String = "", position: String, byteOffset: Int? = nil, context: String) {
        self.code = code
        self.documentName = documentName
        self.position = position
        self.byteOffset = byteOffset
        self.context = context
    }

    public var description: String {
        var s = documentName.isEmpty ? "" : "\(documentName): "
        s += "\(code.rawValue) at \(position)"
        if let byteOffset { s += " (byte \(byteOffset))" }
        return s + ": \(context)"
    }
}
