/// One X12 segment, owned: a slice of the input bytes (shared, not copied) from its tag to the
/// byte before its terminator. Mappers and callers that keep segments use this type; the
/// scanner's hot path hands out `X12SegmentView`s instead, and the accessors here read through
/// one, so both answer alike.
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
        let (tag, length) = trimmed.withUnsafeBufferPointer { X12SegmentView.tag(of: $0, delimiters) }
        self.init(bytes: trimmed, delimiters: delimiters, number: number, offset: offset, faults: faults,
                  tag: tag, tagLength: length, headerLength: headerLength)
    }

    init(bytes: ArraySlice<UInt8>, delimiters: X12Delimiters, number: Int, offset: Int, faults: Faults,
         tag: SegmentTag, tagLength: Int, headerLength: Int) {
        self.bytes = bytes
        self.delimiters = delimiters
        self.number = number
        self.offset = offset
        self.faults = faults
        self.tag = tag
        self.tagLength = tagLength
        self.headerLength = headerLength
    }

    /// Runs `body` with a borrowed view of this segment (valid only during the call).
    public func withView<R>(_ body: (X12SegmentView) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { p in
            try body(X12SegmentView(bytes: p, delimiters: delimiters, number: number, offset: offset, faults: faults,
                                    tag: tag, tagLength: tagLength, headerLength: headerLength))
        }
    }

    public var tagText: String { tag.description }

    /// The element at 1-based `position` (ISA01 is position 1).
    public func element(_ position: Int) -> X12Element? {
        withView { $0.elementRange(position) }.map { X12Element(bytes: bytes.sub($0), delimiters: delimiters) }
    }

    public var elements: [X12Element] {
        bytes.withUnsafeBufferPointer { ByteSplitting.pieces($0, separator: delimiters.elementSeparator, release: nil) }
            .dropFirst().map { X12Element(bytes: bytes.sub($0), delimiters: delimiters) }
    }
}

/// An X12 data element (simple or composite), owned; its accessors read through an
/// `X12ElementView`.
public struct X12Element: Sendable {
    public let bytes: ArraySlice<UInt8>
    public let delimiters: X12Delimiters

    /// Runs `body` with a borrowed view of this element (valid only during the call).
    public func withView<R>(_ body: (X12ElementView) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { try body(X12ElementView(bytes: $0, delimiters: delimiters)) }
    }

    public func component(_ position: Int) -> X12Element? {
        withView { $0.componentRange(position) }.map { X12Element(bytes: bytes.sub($0), delimiters: delimiters) }
    }

    public var components: [X12Element] {
        bytes.withUnsafeBufferPointer { ByteSplitting.pieces($0, separator: delimiters.componentSeparator, release: nil) }
            .map { X12Element(bytes: bytes.sub($0), delimiters: delimiters) }
    }

    /// Occurrences of a repeating element (version 00402 and later).
    public var repetitions: [X12Element] {
        withView(\.repetitionRanges).map { X12Element(bytes: bytes.sub($0), delimiters: delimiters) }
    }

    public var isEmpty: Bool { bytes.isEmpty }

    /// The value as text. X12's character sets are ASCII subsets; bytes beyond are read as UTF-8.
    public var text: String { withView(\.text) }

    /// The value with surrounding spaces removed (ISA fields are space padded).
    public var trimmedText: String { withView(\.trimmedText) }

    /// All digits as an integer (no allocation).
    public var integerValue: Int? { withView(\.integerValue) }
}
