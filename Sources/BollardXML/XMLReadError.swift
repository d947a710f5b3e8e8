/// Why a document was refused, and where.
public struct XMLReadError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// Not well-formed XML 1.0 (including a truncated document).
        case malformed
        /// A document type declaration: Bollard processes no DTD (XXE, billion laughs).
        case doctypeForbidden
        /// A reference to an entity other than the five predefined ones (XML 1.0 §4.6).
        case entityForbidden
        /// One of `XMLLimits` was exceeded.
        case limitExceeded
        /// Bytes that are not valid in the document's encoding, or an encoding Bollard does not accept.
        case encoding
        /// No root element.
        case empty
    }

    public var code: Code
    public var documentName: String
    /// 1-based; 0 when the error concerns the document as a whole (e.g. its size).
    public var line: Int
    /// 1-based; 0 when unknown.
    public var column: Int
    public var message: String

    public init(code: Code, documentName: String, line: Int, column: Int, message: String) {
        self.code = code
        self.documentName = documentName
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        "\(documentName):\(line):\(column): \(code.rawValue): \(message)"
    }
}
