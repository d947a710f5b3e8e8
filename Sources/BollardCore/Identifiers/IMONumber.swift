/// An IMO ship identification number (IMO Resolution A.1117(30)): seven digits, the last a check
/// digit equal to the sum of the first six multiplied by 7, 6, 5, 4, 3, 2, modulo 10.
/// Accepted as "IMO 9314014", "IMO9314014" or "9314014"; the canonical form is the 7 digits.
public struct IMONumber: ValidatedIdentifier {
    public let value: String

    public init(_ text: String) throws(IdentifierError) {
        var bytes = ASCII.removingSpaces(text)
        if bytes.count == 10, bytes[0] == 0x49, bytes[1] == 0x4D, bytes[2] == 0x4F {
            bytes.removeFirst(3)
        }
        guard bytes.count == 7 else {
            throw IdentifierError(.wrongLength, scheme: "IMO number", value: text, "expected 7 digits")
        }
        if let bad = ASCII.firstInvalid(bytes, ASCII.isDigit) {
            throw IdentifierError(.invalidCharacter, scheme: "IMO number", value: text, "non-digit at digit \(bad)")
        }
        var sum = 0
        for i in 0..<6 { sum += Int(bytes[i] - 0x30) * (7 - i) }
        let expected = sum % 10
        let found = Int(bytes[6] - 0x30)
        guard expected == found else {
            throw IdentifierError(.checkDigitMismatch, scheme: "IMO number", value: text, "check digit is \(found), expected \(expected)")
        }
        value = String(decoding: bytes, as: UTF8.self)
    }
}
