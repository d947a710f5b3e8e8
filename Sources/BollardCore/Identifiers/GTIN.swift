/// A GS1 Global Trade Item Number held as GTIN-14 (GS1 General Specifications).
/// GTIN-8, -12 and -13 are accepted and left-padded with zeros, as GS1 Digital Link does.
public struct GTIN: ValidatedIdentifier {
    public let value: String

    public init(_ text: String) throws(IdentifierError) {
        let count = text.utf8.count
        guard [8, 12, 13, 14].contains(count) else {
            throw IdentifierError(.wrongLength, scheme: "GTIN", value: text, "expected 8, 12, 13 or 14 digits, found \(count)")
        }
        let padded = String(repeating: "0", count: 14 - count) + text
        _ = try GS1CheckDigit.validate(padded, length: 14, scheme: "GTIN")
        value = padded
    }
}
