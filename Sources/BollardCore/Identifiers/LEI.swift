/// A Legal Entity Identifier (ISO 17442-1:2020): 18 upper-case alphanumerics followed by two
/// check digits computed with ISO/IEC 7064 MOD 97-10 (letters A=10 … Z=35; the whole number
/// mod 97 must equal 1).
public struct LEI: ValidatedIdentifier {
    public let value: String

    public init(_ text: String) throws(IdentifierError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 20 else {
            throw IdentifierError(.wrongLength, scheme: "LEI", value: text, "expected 20 characters, found \(bytes.count)")
        }
        if let bad = ASCII.firstInvalid(Array(bytes[0..<18]), ASCII.isUpperAlnum) {
            throw IdentifierError(.invalidCharacter, scheme: "LEI", value: text, "character at position \(bad) is not 0-9 or A-Z")
        }
        if !ASCII.isDigit(bytes[18]) || !ASCII.isDigit(bytes[19]) {
            throw IdentifierError(.invalidCharacter, scheme: "LEI", value: text, "check characters (positions 18-19) must be digits")
        }
        guard LEI.mod97(bytes) == 1 else {
            throw IdentifierError(.checkDigitMismatch, scheme: "LEI", value: text, "ISO 7064 MOD 97-10 remainder is not 1")
        }
        value = text
    }

    /// The remainder mod 97 of the number formed by expanding letters to two digits.
    static func mod97(_ bytes: [UInt8]) -> Int {
        var r = 0
        for b in bytes {
            if ASCII.isDigit(b) {
                r = (r * 10 + Int(b - 0x30)) % 97
            } else {
                r = (r * 100 + Int(b - 0x41) + 10) % 97
            }
        }
        return r
    }

    /// The two check digits for an 18-character LEI prefix (for building test parties).
    public static func checkDigits(forPrefix prefix: String) -> String? {
        let bytes = Array(prefix.utf8)
        guard bytes.count == 18, bytes.allSatisfy(ASCII.isUpperAlnum) else { return nil }
        let check = 98 - mod97(bytes + Array("00".utf8))
        return check < 10 ? "0\(check)" : "\(check)"
    }
}
