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
