/// A JSON value as RFC 8259 writes it. Numbers keep their source text, because the CBV 2.0
/// hash (§8.9.2) canonicalises numbers from what was written, not from a binary double.
enum JSONValue: Sendable {
    case object([JSONMember])
    case array([JSONValue])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    var typeName: String {
        switch self {
        case .object: "object"
        case .array: "array"
        case .string: "string"
        case .number: "number"
        case .bool: "boolean"
        case .null: "null"
        }
    }

    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }
}

/// One `"key": value` pair; objects keep member order because the reference hash generator
/// reads bizTransaction/source/destination entries in written order.
struct JSONMember: Sendable {
    var key: String
    var value: JSONValue
}
