/// Why a schema could not be loaded.
public struct XMLSchemaError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The schema file (or one it includes/imports) could not be read.
        case unreadable
        /// An `xs:import`/`xs:include`/`xs:redefine` points outside the local file system
        /// (http:, ftp:...), or a schema given as bytes refers to another document at all.
        case forbiddenImport
        /// A schema document is refused by the hardened reader (DOCTYPE, entity, malformed).
        case malformed
        /// libxml2 rejected the schema itself (XSD 1.0 Part 1, §5 "schema component constraints").
        case invalidSchema
    }

    public var code: Code
    /// Path or name of the schema document concerned.
    public var schemaName: String
    public var line: Int
    public var message: String

    public init(code: Code, schemaName: String, line: Int, message: String) {
        self.code = code
        self.schemaName = schemaName
        self.line = line
        self.message = message
    }

    public var description: String { "\(schemaName):\(line): \(code.rawValue): \(message)" }
}
