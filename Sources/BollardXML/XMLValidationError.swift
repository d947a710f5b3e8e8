/// One way a well-formed document breaks its XML Schema (XSD 1.0 Part 1, §5 "validity"),
/// positioned where the validator noticed it.
public struct XMLValidationError: Sendable, Equatable, CustomStringConvertible {
    public var documentName: String
    /// 1-based line of the parser when the validator objected (the start tag for a wrong
    /// attribute or value, the end tag for missing content).
    public var line: Int
    public var column: Int
    public var message: String

    public init(documentName: String, line: Int, column: Int, message: String) {
        self.documentName = documentName
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(documentName):\(line):\(column): \(message)" }
}
