/// One EDIFACT segment, owned: a slice of the input bytes (shared, not copied) from its tag to
/// the byte before its terminator. Mappers and callers that keep segments use this type; the
/// scanner's hot path hands out `EdifactSegmentView`s instead, and every accessor here reads
/// through one, so both answer alike.
public struct EdifactSegment: Sendable {
    /// Faults the scanner saw while delimiting the segment.
    public struct Faults: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// A release character precedes a non-service character.
        public static let invalidRelease = Faults(rawValue: 1)
        /// The input ended before the segment terminator.
        public static let unterminated = Faults(rawValue: 2)
        /// The UNA advice is incomplete or names unusable characters.
        public static let invalidServiceStringAdvice = Faults(rawValue: 4)
        /// Longer than the scanner's limit; the rest was skipped.
        public static let tooLong = Faults(rawValue: 8)
    }

    /// The segment's bytes, tag included, terminator excluded.
    public let bytes: ArraySlice<UInt8>
    public let serviceCharacters: EdifactServiceCharacters
    /// 1-based ordinal in the stream (UNA is reported but not counted: it is 0).
    public let number: Int
    /// Byte offset of the tag in the stream.
    public let offset: Int
    public let faults: Faults
    /// Byte offset of the first fault, when there is one.
    public let faultOffset: Int?
    public let tag: SegmentTag
    /// Length of the tag's first component in bytes (valid tags have 3).
    public let tagLength: Int

    init(bytes: ArraySlice<UInt8>, serviceCharacters: EdifactServiceCharacters, number: Int, offset: Int,
         faults: Faults = [], faultOffset: Int? = nil) {
        var trimmed = bytes
        if serviceCharacters.terminatorIsNewline, trimmed.last == 0x0D { trimmed = trimmed.dropLast() }
        let (tag, length) = trimmed.withUnsafeBufferPointer { EdifactSegmentView.tag(of: $0, serviceCharacters) }
        self.init(bytes: trimmed, serviceCharacters: serviceCharacters, number: number, offset: offset,
                  faults: faults, faultOffset: faultOffset, tag: tag, tagLength: length)
    }

    init(bytes: ArraySlice<UInt8>, serviceCharacters: EdifactServiceCharacters, number: Int, offset: Int,
         faults: Faults, faultOffset: Int?, tag: SegmentTag, tagLength: Int) {
        self.bytes = bytes
        self.serviceCharacters = serviceCharacters
        self.number = number
        self.offset = offset
        self.faults = faults
        self.faultOffset = faultOffset
        self.tag = tag
        self.tagLength = tagLength
    }

    /// Runs `body` with a borrowed view of this segment (valid only during the call).
    public func withView<R>(_ body: (EdifactSegmentView) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { p in
            try body(EdifactSegmentView(bytes: p, serviceCharacters: serviceCharacters, number: number, offset: offset,
                                        faults: faults, faultOffset: faultOffset))
        }
    }

    /// The tag as text.
    public var tagText: String { tag.description }

    /// The data element at 1-based `position` after the tag, or nil when the segment has fewer.
    public func element(_ position: Int) -> EdifactElement? {
        withView { $0.elementRange(position) }.map { EdifactElement(bytes: bytes.sub($0), serviceCharacters: serviceCharacters) }
    }

    /// Every data element after the tag.
    public var elements: [EdifactElement] {
        bytes.withUnsafeBufferPointer {
            ByteSplitting.pieces($0, separator: serviceCharacters.elementSeparator, release: serviceCharacters.releaseCharacter)
        }.dropFirst().map { EdifactElement(bytes: bytes.sub($0), serviceCharacters: serviceCharacters) }
    }

    /// The number of data elements after the tag.
    public var elementCount: Int { withView(\.elementCount) }
}

/// A stand-alone or composite data element, owned: raw bytes with release characters still in
/// place. Its accessors read through an `EdifactElementView`.
public struct EdifactElement: Sendable {
    public let bytes: ArraySlice<UInt8>
    public let serviceCharacters: EdifactServiceCharacters

    init(bytes: ArraySlice<UInt8>, serviceCharacters: EdifactServiceCharacters) {
        self.bytes = bytes
        self.serviceCharacters = serviceCharacters
    }

    /// Runs `body` with a borrowed view of this element (valid only during the call).
    public func withView<R>(_ body: (EdifactElementView) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { try body(EdifactElementView(bytes: $0, serviceCharacters: serviceCharacters)) }
    }

    /// The component at 1-based `position` (a stand-alone element is its own component 1).
    public func component(_ position: Int) -> EdifactElement? {
        withView { $0.componentRange(position) }.map { EdifactElement(bytes: bytes.sub($0), serviceCharacters: serviceCharacters) }
    }

    public var components: [EdifactElement] {
        bytes.withUnsafeBufferPointer {
            ByteSplitting.pieces($0, separator: serviceCharacters.componentSeparator, release: serviceCharacters.releaseCharacter)
        }.map { EdifactElement(bytes: bytes.sub($0), serviceCharacters: serviceCharacters) }
    }

    /// Occurrences of a repeating element (syntax version 4, ISO 9735-1 §9.3).
    public var repetitions: [EdifactElement] {
        withView(\.repetitionRanges).map { EdifactElement(bytes: bytes.sub($0), serviceCharacters: serviceCharacters) }
    }

    public var isEmpty: Bool { bytes.isEmpty }

    /// The value with release characters and wrapping line breaks removed, still undecoded.
    public var unescapedBytes: [UInt8] { withView(\.unescapedBytes) }

    /// The value decoded from the interchange's declared character set.
    public var text: String { withView(\.text) }

    /// The value as a number (either decimal mark; see `EdifactElementView.decimalValue`).
    public var decimalValue: Double? { withView(\.decimalValue) }

    /// The value as a non-negative integer, when it is all digits (no allocation).
    public var integerValue: Int? { withView(\.integerValue) }
}

extension ArraySlice where Element == UInt8 {
    /// The sub-slice at `range`, counted from this slice's start (it shares the storage).
    @inline(__always)
    func sub(_ range: Range<Int>) -> ArraySlice<UInt8> {
        self[(startIndex + range.lowerBound)..<(startIndex + range.upperBound)]
    }
}
