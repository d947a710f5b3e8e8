/// Why a decimal could not be parsed or an exact operation could not be carried out.
public struct DecimalError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, Codable {
        case empty
        case invalidCharacter
        case tooManyDigits
        case exponentOutOfRange
        /// The exact result does not fit 38 significant digits.
        case overflow
        case divisionByZero
        /// The quotient does not terminate within 38 significant digits; round explicitly.
        case inexact
    }

    public var code: Code
    public var context: String
    /// Byte offset in the parsed text, when parsing.
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
