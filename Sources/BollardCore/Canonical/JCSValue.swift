/// A JSON value as RFC 8785 (JSON Canonicalization Scheme) sees it: I-JSON (RFC 7493) data,
/// numbers as IEEE 754 doubles, object members kept as written so duplicate names can be refused
/// and sorting happens once, at serialization.
public enum JCSValue: Sendable, Hashable {
    case object([JCSMember])
    case array([JCSValue])
    case string(String)
    /// A finite IEEE 754 double (RFC 8785 §3.2.2.3); NaN and ±Infinity are refused when
    /// serialized.
    case number(Double)
    case bool(Bool)
    case null

    /// The member named `name` of an object (compared by Unicode scalars, not Swift's
    /// canonical-equivalence `==`, because JCS names are code-unit strings).
    public subscript(name: String) -> JCSValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.name.unicodeScalars.elementsEqual(name.unicodeScalars) }?.value
    }
}

public struct JCSMember: Sendable, Hashable {
    public var name: String
    public var value: JCSValue

    public init(_ name: String, _ value: JCSValue) {
        self.name = name
        self.value = value
    }
}

extension JCSValue {
    /// The same value with every object's members in RFC 8785 §3.2.3 order, so that two values
    /// that serialize identically also compare equal (member order carries no meaning in JSON).
    public var canonicallyOrdered: JCSValue {
        switch self {
        case .object(let members):
            return .object(JCS.sortedByUTF16(members).map { JCSMember($0.name, $0.value.canonicallyOrdered) })
        case .array(let values):
            return .array(values.map(\.canonicallyOrdered))
        default:
            return self
        }
    }
}
