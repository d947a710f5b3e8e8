/// The GS1 mod-10 check digit used by GTIN, GLN, SSCC and every fixed-length numeric GS1 key
/// (GS1 General Specifications §7.9.1): weights 3 and 1 alternate from the rightmost data digit.
enum GS1CheckDigit {
    /// The check digit for `digits` (ASCII digit bytes, check digit excluded).
    static func compute(_ digits: ArraySlice<UInt8>) -> UInt8 {
        var sum = 0
        var weight = 3
        for b in digits.reversed() {
            sum += Int(b &- 0x30) * weight
            weight = weight == 3 ? 1 : 3
        }
        return UInt8((10 - sum % 10) % 10)
    }

    /// Validates an all-digit GS1 key of `length` whose last digit is the check digit.
    static func validate(_ text: String, length: Int, scheme: String) throws(IdentifierError) -> [UInt8] {
        let bytes = Array(text.utf8)
        guard bytes.count == length else {
            throw IdentifierError(.wrongLength, scheme: scheme, value: text, "expected \(length) digits, found \(bytes.count)")
        }
        if let bad = ASCII.firstInvalid(bytes, ASCII.isDigit) {
            throw IdentifierError(.invalidCharacter, scheme: scheme, value: text, "non-digit at position \(bad)")
        }
        let expected = compute(bytes[0..<(length - 1)])
        let found = bytes[length - 1] - 0x30
        guard expected == found else {
            throw IdentifierError(.checkDigitMismatch, scheme: scheme, value: text, "check digit is \(found), GS1 mod-10 gives \(expected)")
        }
        return bytes
    }
}
