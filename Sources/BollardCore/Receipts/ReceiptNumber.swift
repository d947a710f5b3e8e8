/// A warehouse receipt number as the warehouse prints it ("WR-W1-0001"): 1–35 characters,
/// upper-case alphanumerics, '-', '/', '.'. Unique per warehouse (DESIGN.md rule 1), not globally.
public struct ReceiptNumber: ValidatedIdentifier {
    public let value: String

    public init(_ text: String) throws(IdentifierError) {
        let bytes = Array(text.utf8)
        guard (1...35).contains(bytes.count) else {
            throw IdentifierError(.wrongLength, scheme: "receipt number", value: text, "expected 1 to 35 characters")
        }
        if let bad = ASCII.firstInvalid(bytes, { ASCII.isUpperAlnum($0) || $0 == 0x2D || $0 == 0x2F || $0 == 0x2E }) {
            throw IdentifierError(.invalidCharacter, scheme: "receipt number", value: text, "character at position \(bad) not allowed")
        }
        value = text
    }
}
