/// A Standard Carrier Alpha Code (NMFTA): two to four upper-case letters identifying a carrier.
public struct SCAC: ValidatedIdentifier {
    public let value: String

    public init(_ text: String) throws(IdentifierError) {
        let bytes = Array(text.utf8)
        guard (2...4).contains(bytes.count) else {
            throw IdentifierError(.wrongLength, scheme: "SCAC", value: text, "expected 2 to 4 letters")
        }
        if let bad = ASCII.firstInvalid(bytes, ASCII.isUpper) {
            throw IdentifierError(.invalidCharacter, scheme: "SCAC", value: text, "character at position \(bad) is not A-Z")
        }
        value = text
    }
}
