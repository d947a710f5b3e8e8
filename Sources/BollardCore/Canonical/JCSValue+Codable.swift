/// A `JCSValue` is carried inside other Codable documents (a proof bundle's record summary) as
/// the JSON it is.
extension JCSValue: Codable {
    public init(from decoder: any Decoder) throws {
        if var array = try? decoder.unkeyedContainer() {
            var elements: [JCSValue] = []
            while !array.isAtEnd { elements.append(try array.decode(JCSValue.self)) }
            self = .array(elements)
            return
        }
        if let object = try? decoder.container(keyedBy: JCSCodingKey.self) {
            var members: [JCSMember] = []
            for key in object.allKeys {
                members.append(JCSMember(key.stringValue, try object.decode(JCSValue.self, forKey: key)))
            }
            self = .object(members)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let b = try? single.decode(Bool.self) {
            self = .bool(b)
        } else if let d = try? single.decode(Double.self) {
            self = .number(d)
        } else {
            self = .string(try single.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case .bool(let b):
            var c = encoder.singleValueContainer()
            try c.encode(b)
        case .number(let d):
            var c = encoder.singleValueContainer()
            try c.encode(d)
        case .string(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case .array(let elements):
            var c = encoder.unkeyedContainer()
            for e in elements { try c.encode(e) }
        case .object(let members):
            var c = encoder.container(keyedBy: JCSCodingKey.self)
            for m in members { try c.encode(m.value, forKey: JCSCodingKey(stringValue: m.name)) }
        }
    }
}

struct JCSCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
