/// Why commodity master data was refused: names the field and the offending value.
public struct CommodityError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, Codable {
        case wrongUnit
        case outOfRange
        case missingField
        case arithmetic
    }

    public var code: Code
    public var field: String
    public var context: String

    public init(_ code: Code, field: String, _ context: String) {
        self.code = code
        self.field = field
        self.context = context
    }

    public var description: String { "\(field): \(code.rawValue): \(context)" }
}
