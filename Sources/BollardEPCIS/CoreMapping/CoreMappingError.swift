import BollardCore

/// Why an EPCIS event could not become a Bollard command, and where.
///
/// The parser has already refused malformed documents and unknown CBV terms; this error covers
/// what is valid EPCIS 2.0 but cannot be mapped: an identifier Core refuses, a Bollard command
/// event missing its receipt, a field Core does not model.
public struct CoreMappingError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable {
        /// Syntactically valid EPCIS whose value Core refuses (time, EPC, GLN, quantity…).
        case invalidValue
        /// A field the mapping needs is absent (eventTimeZoneOffset, a receipt's bizTransaction…).
        case missingField
        /// A field Core does not model (for now: sensorElementList). The document is refused
        /// rather than silently losing facts that take part in the event hash.
        case unsupportedField
        /// A Bollard command event whose action, type or parts contradict its bizStep.
        case inconsistentCommand
        /// The document itself was refused by the EPCIS reader.
        case document
    }

    public var code: Code
    public var documentName: String
    /// The event's position (JSON path or XML line) and the field.
    public var position: String
    public var context: String

    public init(_ code: Code, documentName: String = "", position: String, _ context: String) {
        self.code = code
        self.documentName = documentName
        self.position = position
        self.context = context
    }

    /// `position` extended by a field: `$.epcisBody.eventList[3].bizStep` in JSON,
    /// `line 40, field bizStep` in XML.
    static func position(_ event: String, field: String) -> String {
        guard !field.isEmpty else { return event }
        return event.hasPrefix("$") ? "\(event).\(field)" : "\(event), field \(field)"
    }

    public var description: String {
        (documentName.isEmpty ? "" : "\(documentName): ") + "\(code.rawValue) at \(position): \(context)"
    }
}
