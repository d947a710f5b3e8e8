import BollardXML

/// Why a receipt or manifest XML document was refused, and where: the line and column of the
/// element at fault (libxml2's position for reader and schema errors) and the rule it broke.
/// A refused document maps to nothing, so nothing of it is applied.
public struct XMLDocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable {
        /// The hardened reader refused the bytes (DOCTYPE, entity, malformed, limits, encoding).
        case refused
        /// Well-formed, but not valid against the format's XSD (XSD 1.0 Part 1 §5).
        case schemaInvalid
        /// Valid against the XSD, but a value Core refuses (a check digit, a time, a decimal).
        case invalidValue
        /// Values that each parse but contradict each other (a fine weight that is not gross ×
        /// fineness, a net quantity for several lots).
        case inconsistent
        /// Content the format allows but Bollard does not take from this sender.
        case unsupported
    }

    public var code: Code
    public var documentName: String
    /// 1-based; 0 when the error concerns the document as a whole.
    public var line: Int
    /// 1-based byte column; 0 when unknown.
    public var column: Int
    /// The rule broken, named after its source: "XSD validity", "ISO 6346 check digit"…
    public var rule: String
    public var context: String

    public init(_ code: Code, documentName: String, line: Int, column: Int, rule: String, _ context: String) {
        self.code = code
        self.documentName = documentName
        self.line = line
        self.column = column
        self.rule = rule
        self.context = context
    }

    public var description: String {
        "\(documentName):\(line):\(column): \(code.rawValue) (\(rule)): \(context)"
    }
}
