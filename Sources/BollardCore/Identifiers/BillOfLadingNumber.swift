/// A bill of lading number as a carrier assigns it. No international check-digit scheme exists;
/// the constraint is what EDI can carry: 1–35 upper-case alphanumerics (EDIFACT RFF C506 an..35
/// in practice, X12 REF02 for BM). Carriers usually prefix their SCAC ("HDLN26BUS00871").
/// Purely numeric numbers are accepted, but note the GS1 event hash rewrites numeric-looking
/// values, so Bollard-generated numbers always contain a letter.
public struct BillOfLadingNumber: ValidatedIdentifier {
    public let value: String

    public init(_ text: String) throws(IdentifierError) {
        let bytes = Array(text.utf8)
        guard (1...35).contains(bytes.count) else {
            throw IdentifierError(.wrongLength, scheme: "bill of lading number", value: text, "expected 1 to 35 characters")
        }
        if let bad = ASCII.firstInvalid(bytes, ASCII.isUpperAlnum) {
            throw IdentifierError(.invalidCharacter, scheme: "bill of lading number", value: text, "character at position \(bad) is not 0-9 or A-Z")
        }
        value = text
    }

    /// The leading SCAC, when the number starts with four letters.
    public var carrierPrefix: SCAC? { try? SCAC(String(value.prefix(4))) }
}
