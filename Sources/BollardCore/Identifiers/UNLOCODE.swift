/// A UN/LOCODE (UNECE Recommendation 16): ISO 3166-1 alpha-2 country code followed by a
/// three-character location code of letters and the digits 2–9 (0 and 1 are excluded to avoid
/// confusion with O and I). Accepted with or without the conventional space: "KR PUS", "KRPUS".
public struct UNLOCODE: ValidatedIdentifier {
    public let value: String

    public init(_ text: String) throws(IdentifierError) {
        let bytes = ASCII.removingSpaces(text)
        guard bytes.count == 5 else {
            throw IdentifierError(.wrongLength, scheme: "UN/LOCODE", value: text, "expected 5 characters (2 country + 3 location)")
        }
        guard ASCII.isUpper(bytes[0]), ASCII.isUpper(bytes[1]) else {
            throw IdentifierError(.invalidCharacter, scheme: "UN/LOCODE", value: text, "country code must be two letters A-Z")
        }
        for i in 2..<5 where !(ASCII.isUpper(bytes[i]) || (bytes[i] >= 0x32 && bytes[i] <= 0x39)) {
            throw IdentifierError(.invalidCharacter, scheme: "UN/LOCODE", value: text, "location code character \(i) must be A-Z or 2-9")
        }
        value = String(decoding: bytes, as: UTF8.self)
    }

    public var countryCode: String { String(value.prefix(2)) }
    public var locationCode: String { String(value.suffix(3)) }
}
