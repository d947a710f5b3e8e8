/// One X12 segment: a lazy view of the input bytes from its tag to the byte before its
/// terminator. X12 has no release character, so splitting is a plain byte search.
public struct X12Segment: Sendable {
    public struct Faults: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// The ISA could not be read: fewer than 16 element separators, or unusable delimiters.
        public static let invalidInterchangeHeader = Faults(rawValue: 1)
        /// The ISA was read by counting separators but is not 106 bytes with fixed-width fields.
        public static let interchangeHeaderNotFixedWidth = Faults(rawValue: 2)
        public static let unterminated = Faults(rawValue: 4)
        public static let tooLong = Faults(rawValue: 8)
    }

    /// The segment's bytes, tag included, terminator excluded (for ISA: up to and including ISA16).
    public let bytes: ArraySlice<UInt8>
    public let delimiters: X12Delimiters
    /// 1-based ordinal in the stream.
    public let number: Int
    public let offset: Int
    public let faults: Faults
    public let tag: SegmentTag
    /// Length of the tag in bytes.
    public let tagLength: Int
    /// For ISA: its length including the terminator (106 when fixed width).
    public let headerLength: Int

    init(bytes: ArraySlice<UInt8>, delimiters: X12Delimiters, number: Int, offset: Int, faults: Faults = [], headerLength: Int = 0) {
        var trimmed = bytes
        if delimiters.segmentTerminator == 0x0A, trimmed.last == 0x0D { trimmed = trimmed.dropLast() }
        self.bytes = trimmed
        self.delimiters = delimiters
        self.number = number
        self.offset = offset
        self.faults = faults
        self.headerLength = headerLength
        var tagEnd = trimmed.startIndex
        var packed: UInt32 = 0
        while tagEnd < trimmed.endIndex {
            let b = trimmed[tagEnd]
            if b == delimiters.elementSeparator { break }
            if tagEnd - trimmed.startIndex < 3 { packed = packed << 8 | UInt32(b) }
            tagEnd += 1
        }
        let length = tagEnd - trimmed.startIndex
        tag = SegmentTag(rawValue: packed | UInt32(min(length, 3)) << 24)
        tagLength = length
    }

    public var tagText: String { tag.description }

    /// The element at 1-based `position` (ISA01 is position 1).
    public func element(_ position: Int) -> X12Element? {
        guard position >= 1,
              let piece = ByteSplitting.piece(bytes, separator: delimiters.elementSeparator, release: nil, index: position)
        else { return nil }
        return X12Element(bytes: piece, delimiters: delimiters)
    }

    public var elements: [X12Element] {
        ByteSplitting.pieces(bytes, separator: delimiters.elementSeparator, release: nil).dropFirst()
            .map { X12Element(bytes: $0, delimiters: delimiters) }
    }
}

/// An X12 data element (simple or composite), raw bytes.
public struct X12Element: Sendable {
    public let bytes: ArraySlice<UInt8>
    public let delimiters: X12Delimiters

    public func component(_ position: Int) -> X12Element? {
        guard position >= 1,
              let piece = ByteSplitting.piece(bytes, separator: delimiters.componentSeparator, release: nil, index: position - 1)
        else { return nil }
        return X12Element(bytes: piece, delimiters: delimiters)
    }

    public var components: [X12Element] {
        ByteSplitting.pieces(bytes, separator: delimiters.componentSeparator, release: nil)
            .map { X12Element(bytes: $0, delimiters: delimiters) }
    }

    /// Occurrences of a repeating element (version 00402 and later).
    public var repetitions: [X12Element] {
        guard let rep = delimiters.repetitionSeparator else { return [self] }
        return ByteSplitting.pieces(bytes, separator: rep, release: nil).map { X12Element(bytes: $0, delimiters: delimiters) }
    }

    public var isEmpty: Bool { bytes.isEmpty }

    /// The value as text. X12's character sets are ASCII subsets; bytes beyond are read as UTF-8.
    public var text: String { String(decoding: bytes.filter { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self) }

    /// The value with surrounding spaces removed (ISA fields are space padded).
    public var trimmedText: String {
        let t = text
        return String(t.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }

    /// All digits as an integer (no allocation).
    public var integerValue: Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var v = 0
        for b in bytes {
            guard b >= 0x30, b <= 0x39 else { return nil }
            v = v * 10 + Int(b - 0x30)
        }
        return v
    }
}
