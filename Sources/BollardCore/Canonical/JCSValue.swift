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
