/// A customs office or authority code: an ISO 3166-1 alpha-2 country code, an optional hyphen,
/// and a national office reference of 1–14 upper-case alphanumerics (the WCO customs office
/// list and the EU COL use `CC` + up to 6 characters; Korea writes office names such as `KR-BMC`).
/// Canonical form keeps the text as given.
public struct CustomsOfficeCode: ValidatedIdentifier {
    public let value: String

    public init(_ text: String) throws(IdentifierError) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 3, bytes.count <= 17 else {
            throw IdentifierError(.wrongLength, scheme: "customs office code", value: text, "expected 3 to 17 characters")
        }
        guard ASCII.isUpper(bytes[0]), ASCII.isUpper(bytes[1]) else {
            throw IdentifierError(.invalidFormat, scheme: "customs office code", value: text, "must start with an ISO 3166-1 alpha-2 country code")
        }
        let rest = bytes[2] == 0x2D ? Array(bytes[3...]) : Array(bytes[2...])
        let offset = bytes[2] == 0x2D ? 3 : 2
        guard !rest.isEmpty, rest.count <= 14 else {
            throw IdentifierError(.wrongLength, scheme: "customs office code", value: text, "office reference must be 1 to 14 characters")
        }
        if let bad = ASCII.firstInvalid(rest, ASCII.isUpperAlnum) {
            throw IdentifierError(.invalidCharacter, scheme: "customs office code", value: text, "character at position \(bad + offset) is not 0-9 or A-Z")
        }
        value = text
    }

    public var countryCode: String { String(value.prefix(2)) }
}
