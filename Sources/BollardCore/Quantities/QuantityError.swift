/// Why a quantity could not be converted, combined or compared.
public struct QuantityError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, Codable {
        case unknownUnit
        case incompatibleDimensions
        case inexact
        case arithmetic
    }

    public var code: Code
    public var context: String

    public init(_ code: Code, _ context: String) {
        self.code = code
        self.context = context
    }

    public var description: String { "\(code.rawValue): \(context)" }
}
