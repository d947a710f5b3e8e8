/// A Harmonized System commodity code (WCO HS Nomenclature): a 4-digit heading, 6-digit
/// subheading, or a national 8/10-digit extension. Dots and spaces are accepted ("7108.12");
/// the canonical form is digits only. Chapters run 01–97; chapter 77 is reserved for future use.
public struct HSCode: ValidatedIdentifier {
    public let value: String

    public init(_ text: String) throws(IdentifierError) {
        let bytes = ASCII.removingSpaces(text, also: 0x2E)
        guard [4, 6, 8, 10].contains(bytes.count) else {
            throw IdentifierError(.wrongLength, scheme: "HS code", value: text, "expected 4, 6, 8 or 10 digits, found \(bytes.count)")
        }
        if let bad = ASCII.firstInvalid(bytes, ASCII.isDigit) {
            throw IdentifierError(.invalidCharacter, scheme: "HS code", value: text, "non-digit at digit \(bad)")
        }
        let chapter = Int(bytes[0] - 0x30) * 10 + Int(bytes[1] - 0x30)
        guard (1...97).contains(chapter) else {
            throw IdentifierError(.invalidFormat, scheme: "HS code", value: text, "chapter \(chapter) does not exist (01-97)")
        }
        guard chapter != 77 else {
            throw IdentifierError(.reservedValue, scheme: "HS code", value: text, "chapter 77 is reserved")
        }
        value = String(decoding: bytes, as: UTF8.self)
    }

    public var chapter: String { String(value.prefix(2)) }
    public var heading: String { String(value.prefix(4)) }
    /// The usual printed form: "7108.12", "2709.00.10".
    public var formatted: String {
        var out = heading
        var rest = value.dropFirst(4)
        while !rest.isEmpty {
            out += "." + rest.prefix(2)
            rest = rest.dropFirst(2)
        }
        return out
    }
}
