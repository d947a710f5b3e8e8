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
