/// An identifier held in its canonical text form, constructible only through validation.
///
/// Codable as a single string; decoding re-runs validation, so a state file or log entry that was
/// tampered with cannot smuggle in an identifier with a wrong check digit.
public protocol ValidatedIdentifier: Hashable, Sendable, TextCodable, Comparable, CustomStringConvertible {
    /// The canonical text form.
    var value: String { get }
    init(_ text: String) throws(IdentifierError)
}

extension ValidatedIdentifier {
    public var description: String { value }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }

    public var canonicalText: String { value }
}

/// Byte classification shared by the identifier parsers; works on UTF-8 bytes, never Characters.
enum ASCII {
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
    static func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
    static func isUpperAlnum(_ b: UInt8) -> Bool { isDigit(b) || isUpper(b) }
    static func isAlnum(_ b: UInt8) -> Bool { isDigit(b) || isUpper(b) || isLower(b) }

    /// Index of the first byte failing `predicate`, or nil.
    static func firstInvalid(_ bytes: [UInt8], _ predicate: (UInt8) -> Bool) -> Int? {
        bytes.firstIndex { !predicate($0) }
    }

    /// Removes ASCII spaces (containers and HS codes are often printed grouped).
    static func removingSpaces(_ text: String, also extra: UInt8? = nil) -> [UInt8] {
        text.utf8.filter { $0 != 0x20 && $0 != extra }
    }
}
