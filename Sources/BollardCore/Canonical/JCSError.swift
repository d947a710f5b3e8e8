/// Why bytes could not be parsed as I-JSON or a value could not be canonicalized (RFC 8785 §3.1).
public struct JCSError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case unexpectedEnd
        case unexpectedByte
        case invalidUTF8
        case invalidEscape
        /// A lone surrogate: I-JSON (RFC 7493 §2.1) requires well-formed Unicode.
        case loneSurrogate
        case controlCharacterInString
        case invalidNumber
        /// NaN, ±Infinity, or a literal that overflows a double (RFC 8785 §3.2.2.3).
        case numberNotFinite
        /// An integer literal a double cannot hold exactly: canonicalizing it would change it.
        case numberNotExact
        /// I-JSON (RFC 7493 §2.3) forbids duplicate member names.
        case duplicateName
        case trailingData
        case tooDeep
        case encodingFailed
    }

    public var code: Code
    public var context: String
    /// Byte offset in the parsed input, when parsing.
    public var position: Int?

    public init(_ code: Code, _ context: String, position: Int? = nil) {
        self.code = code
        self.context = context
        self.position = position
    }

    public var description: String {
        if let position { return "\(code.rawValue) at byte \(position): \(context)" }
        return "\(code.rawValue): \(context)"
    }
}
