/// A warehouse receipt number as the warehouse prints it ("WR-W1-0001"): 1–35 characters,
/// upper-case alphanumerics, '-', '/', '.'. Unique per warehouse (DESIGN.md rule 1), not globally.
public struct ReceiptNumber: ValidatedIdentifier {
    public let value: String

    public init(_ text: String) throws(IdentifierError) {
        let bytes = Array(text.utf8)
        guard (1...35).contains(bytes.count) else {
            throw IdentifierError(.wrongLength, scheme: "receipt number", value: text, "expected 1 to 35 characters")
        }
        if let bad = ASCII.firstInvalid(bytes, { ASCII.isUpperAlnum($0) || $0 == 0x2D || $0 == 0x2F || $0 == 0x2E }) {
            throw IdentifierError(.invalidCharacter, scheme: "receipt number", value: text, "character at position \(bad) not allowed")
        }
        value = text
    }
}

/// A receipt's identity: the issuing warehouse and its number.
public struct ReceiptKey: Hashable, Sendable, Comparable, Codable, CustomStringConvertible, CodingKeyRepresentable {
    public var warehouse: GLN
    public var number: ReceiptNumber

    public init(warehouse: GLN, number: ReceiptNumber) {
        self.warehouse = warehouse
        self.number = number
    }

    /// `8801234000048/WR-W1-0001`.
    public var description: String { "\(warehouse.value)/\(number.value)" }

    public static func < (lhs: ReceiptKey, rhs: ReceiptKey) -> Bool { lhs.description < rhs.description }

    public var codingKey: any CodingKey { StringKey(description) }

    public init?<T: CodingKey>(codingKey: T) {
        let parts = codingKey.stringValue.split(separator: "/", maxSplits: 1)
        guard parts.count == 2, let g = try? GLN(String(parts[0])), let n = try? ReceiptNumber(String(parts[1])) else { return nil }
        self.init(warehouse: g, number: n)
    }
}

/// An exchange token symbol ("BGLD"): 1–11 upper-case alphanumerics.
public struct TokenSymbol: ValidatedIdentifier, CodingKeyRepresentable {
    public let value: String

    public init(_ text: String) throws(IdentifierError) {
        let bytes = Array(text.utf8)
        guard (1...11).contains(bytes.count), bytes.allSatisfy(ASCII.isUpperAlnum) else {
            throw IdentifierError(.invalidFormat, scheme: "token symbol", value: text, "expected 1 to 11 characters A-Z, 0-9")
        }
        value = text
    }

    public var codingKey: any CodingKey { StringKey(value) }

    public init?<T: CodingKey>(codingKey: T) {
        guard let s = try? TokenSymbol(codingKey.stringValue) else { return nil }
        self = s
    }
}
