/// A JSON value as JSON-RPC 2.0 carries it. Ethereum writes every quantity and byte string as
/// a hex string, so numbers appear only in ids and a few ratios.
public enum JSONValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let n = try? c.decode(Double.self) {
            self = .number(n)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let n): try c.encode(n)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    public subscript(key: String) -> JSONValue? {
        guard case .object(let o) = self else { return nil }
        return o[key]
    }

    public var string: String? {
        guard case .string(let s) = self else { return nil }
        return s
    }

    public var isNull: Bool { self == .null }
}

extension JSONValue {
    /// A QUANTITY field, or an error naming it.
    func quantity(_ field: String) throws(EthereumError) -> UInt256 {
        guard let s = self[field]?.string ?? (field.isEmpty ? string : nil), let v = UInt256(quantity: s) else {
            throw EthereumError(.invalidQuantity, "\(field.isEmpty ? "result" : field) is not a hex quantity")
        }
        return v
    }

    func quantity64(_ field: String) throws(EthereumError) -> UInt64 {
        guard let v = try quantity(field).uint64 else {
            throw EthereumError(.invalidQuantity, "\(field.isEmpty ? "result" : field) exceeds 64 bits")
        }
        return v
    }

    /// A DATA field.
    func data(_ field: String) throws(EthereumError) -> [UInt8] {
        guard let s = self[field]?.string ?? (field.isEmpty ? string : nil) else {
            throw EthereumError(.invalidHex, "\(field.isEmpty ? "result" : field) is missing or not a string")
        }
        return try Hex.decode(s, what: field.isEmpty ? "result" : field)
    }
}
