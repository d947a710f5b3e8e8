/// An ISO 6346 freight container identification: owner code (3 letters), equipment category
/// identifier (U freight container, J detachable equipment, Z trailer/chassis), a 6-digit serial
/// number and a check digit computed per ISO 6346 Annex A.
/// Printed groupings ("BDXU 200101 1") are accepted; the canonical form has no spaces.
public struct ContainerNumber: ValidatedIdentifier {
    public let value: String

    public init(_ text: String) throws(IdentifierError) {
        let scheme = "ISO 6346 container number"
        let bytes = ASCII.removingSpaces(text)
        guard bytes.count == 11 else {
            throw IdentifierError(.wrongLength, scheme: scheme, value: text, "expected 11 characters, found \(bytes.count)")
        }
        for i in 0..<3 where !ASCII.isUpper(bytes[i]) {
            throw IdentifierError(.invalidCharacter, scheme: scheme, value: text, "owner code character \(i) must be A-Z")
        }
        guard bytes[3] == 0x55 || bytes[3] == 0x4A || bytes[3] == 0x5A else {
            throw IdentifierError(.invalidFormat, scheme: scheme, value: text, "equipment category identifier must be U, J or Z")
        }
        for i in 4..<11 where !ASCII.isDigit(bytes[i]) {
            throw IdentifierError(.invalidCharacter, scheme: scheme, value: text, "serial and check digit position \(i) must be 0-9")
        }
        let expected = ContainerNumber.checkDigit(bytes[0..<10])
        let found = bytes[10] - 0x30
        guard expected == found else {
            throw IdentifierError(.checkDigitMismatch, scheme: scheme, value: text, "check digit is \(found), ISO 6346 Annex A gives \(expected)")
        }
        value = String(decoding: bytes, as: UTF8.self)
    }

    /// ISO 6346 Annex A: letters take the values 10–38 skipping multiples of 11, each of the ten
    /// characters is weighted by 2^position, and the sum mod 11 (with 10 written as 0) is the digit.
    static func checkDigit(_ chars: ArraySlice<UInt8>) -> UInt8 {
        UInt8(remainder(chars) % 10)
    }

    static func remainder(_ chars: ArraySlice<UInt8>) -> Int {
        var sum = 0
        var weight = 1
        for b in chars {
            let v: Int
            if ASCII.isDigit(b) {
                v = Int(b - 0x30)
            } else {
                var n = Int(b - 0x41) + 10
                n += n >= 11 ? 1 : 0
                n += n >= 22 ? 1 : 0
                n += n >= 33 ? 1 : 0
                v = n
            }
            sum += v * weight
            weight *= 2
        }
        return sum % 11
    }

    /// True when the weighted sum is 10 mod 11, printed as check digit 0. Check digit 0 then
    /// stands for two remainders, so a single-digit error between such a number and one with
    /// remainder 0 goes undetected; ISO 6346 advises owners not to assign these serial numbers.
    /// Valid, but worth a warning.
    public var hasAmbiguousCheckDigit: Bool {
        ContainerNumber.remainder(Array(value.utf8)[0..<10]) == 10
    }

    public var ownerCode: String { String(value.prefix(3)) }
    public var categoryIdentifier: Character { value[value.index(value.startIndex, offsetBy: 3)] }
    public var serialNumber: String { String(value.dropFirst(4).prefix(6)) }
    public var checkDigit: Int { Int(value.utf8.last.map { $0 - 0x30 } ?? 0) }
    /// The EPC pure-identity URI for a BIC container code (GS1 Tag Data Standard 2.0, BIC scheme).
    public var epcURI: String { "urn:epc:id:bic:\(value)" }
}
