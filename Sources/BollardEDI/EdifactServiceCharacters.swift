/// The service characters and repertoire in force for an EDIFACT interchange.
///
/// ISO 9735-1 §7.1: without UNA the defaults are `:` `+` `.` `?` and `'`; the repetition
/// separator is `*` from syntax version 4 on and reserved (space) before. A UNA advises all six
/// for the interchange that follows it. The character set comes from UNB S001/0001.
public struct EdifactServiceCharacters: Sendable, Equatable, Hashable, Codable {
    public var componentSeparator: UInt8
    public var elementSeparator: UInt8
    public var decimalMark: UInt8
    /// `nil` when UNA advises a space (no release character in use).
    public var releaseCharacter: UInt8?
    /// `nil` when reserved (a space in UNA, or syntax version 1–3 defaults).
    public var repetitionSeparator: UInt8?
    public var segmentTerminator: UInt8
    /// Whether the segment terminator is a line feed (a dialect some senders use; see
    /// `EdifactScanner`), in which case a carriage return before it is dropped.
    public var terminatorIsNewline: Bool { segmentTerminator == 0x0A }
    public var characterSet: EDICharacterSet
    /// Syntax version number from UNB S001/0002 (1–4); 0 before a UNB has been read.
    public var syntaxVersion: Int

    public init(
        componentSeparator: UInt8 = UInt8(ascii: ":"), elementSeparator: UInt8 = UInt8(ascii: "+"),
        decimalMark: UInt8 = UInt8(ascii: "."), releaseCharacter: UInt8? = UInt8(ascii: "?"),
        repetitionSeparator: UInt8? = nil, segmentTerminator: UInt8 = UInt8(ascii: "'"),
        characterSet: EDICharacterSet = .iso646, syntaxVersion: Int = 0
    ) {
        self.componentSeparator = componentSeparator
        self.elementSeparator = elementSeparator
        self.decimalMark = decimalMark
        self.releaseCharacter = releaseCharacter
        self.repetitionSeparator = repetitionSeparator
        self.segmentTerminator = segmentTerminator
        self.characterSet = characterSet
        self.syntaxVersion = syntaxVersion
    }

    /// ISO 9735 defaults.
    public static let defaults = EdifactServiceCharacters()

    /// Whether `byte` may follow the release character (ISO 9735-1 §10: only service characters,
    /// including the release character itself).
    @inlinable
    public func isReleasable(_ byte: UInt8) -> Bool {
        byte == componentSeparator || byte == elementSeparator || byte == segmentTerminator
            || byte == releaseCharacter || (repetitionSeparator != nil && byte == repetitionSeparator)
    }

    /// The UNA string that advises these characters, e.g. `UNA:+.? '`.
    public var serviceStringAdvice: [UInt8] {
        [0x55, 0x4E, 0x41, componentSeparator, elementSeparator, decimalMark,
         releaseCharacter ?? 0x20, repetitionSeparator ?? 0x20, segmentTerminator]
    }
}
