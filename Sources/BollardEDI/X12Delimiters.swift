/// The delimiters of one X12 interchange, as its ISA declares them (X12.5 / X12.6 §3).
///
/// The element separator is the byte after "ISA", the component separator is ISA16, the segment
/// terminator the byte after ISA16; from version 00402 on ISA11 is the repetition separator.
/// Every ISA declares them afresh, so interchanges in one file may differ.
public struct X12Delimiters: Sendable, Equatable, Hashable, Codable {
    public var elementSeparator: UInt8
    public var componentSeparator: UInt8
    public var segmentTerminator: UInt8
    public var repetitionSeparator: UInt8?

    public init(elementSeparator: UInt8 = UInt8(ascii: "*"), componentSeparator: UInt8 = UInt8(ascii: ":"),
                segmentTerminator: UInt8 = UInt8(ascii: "~"), repetitionSeparator: UInt8? = nil) {
        self.elementSeparator = elementSeparator
        self.componentSeparator = componentSeparator
        self.segmentTerminator = segmentTerminator
        self.repetitionSeparator = repetitionSeparator
    }

    /// Common defaults used for bytes that arrive before any ISA.
    public static let defaults = X12Delimiters()
}
