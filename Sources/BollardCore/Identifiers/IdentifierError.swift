/// Why an identifier was refused. Names the scheme, the offending text and, where it applies,
/// the character position (0-based, in UTF-8 bytes) so an acknowledgment can point at it.
public struct IdentifierError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, Codable {
        case wrongLength
        case invalidCharacter
        case checkDigitMismatch
        case invalidFormat
        case reservedValue
    }

    public var code: Code
    /// The identifier scheme, e.g. "GLN", "ISO 6346 container number".
    public var scheme: String
    public var value: String
    public var context: String

    public init(_ code: Code, scheme: String, value: String, _ context: String) {
        self.code = code
        self.scheme = scheme
        self.value = value
        self.context = context
    }

    public var description: String { "\(scheme) \"\(value)\": \(code.rawValue): \(context)" }
}
