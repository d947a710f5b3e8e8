/// One X12 segment as the scanner's hot path hands it out: a borrowed view of the scanner's
/// buffer from the tag to the byte before the terminator, with no reference count and no copy.
///
/// Valid only during the call of the closure it is passed to (`X12Scanner.scan(_:)`); keep
/// `segment` (an owned copy) to hold on to one. X12 has no release character, so elements and
/// components are a plain byte search, done only when asked for.
public struct X12SegmentView {
    /// The segment's bytes, tag included, terminator excluded (for ISA: up to and including
    /// ISA16); indices from 0.
    public let bytes: UnsafeBufferPointer<UInt8>
    public let delimiters: X12Delimiters
    /// 1-based ordinal in the stream.
    public let number: Int
    public let offset: Int
    public let faults: X12Segment.Faults
    public let tag: SegmentTag
    /// Length of the tag in bytes.
    public let tagLength: Int
    /// For ISA: its length including the terminator (106 when fixed width).
    public let headerLength: Int

    init(bytes: UnsafeBufferPointer<UInt8>, delimiters: X12Delimiters, number: Int, offset: Int,
         faults: X12Segment.Faults, tag: SegmentTag, tagLength: Int, headerLength: Int) {
        self.bytes = bytes
        self.delimiters = delimiters
        self.number = number
        self.offset = offset
        self.faults = faults
        self.tag = tag
        self.tagLength = tagLength
        self.headerLength = headerLength
    }

    /// The tag (its first three bytes packed) and its length: the bytes before the first element
    /// separator.
    @inline(__always)
    static func tag(of bytes: UnsafeBufferPointer<UInt8>, _ delimiters: X12Delimiters) -> (SegmentTag, Int) {
        var length = 0
        var packed: UInt32 = 0
        while length < bytes.count {
            let b = bytes[length]
            if b == delimiters.elementSeparator { break }
            if length < 3 { packed = packed << 8 | UInt32(b) }
            length += 1
        }
        return (SegmentTag(rawValue: packed | UInt32(min(length, 3)) << 24), length)
    }

    public var tagText: String { tag.description }

    /// An owned copy of the segment, to keep beyond the closure.
    public var segment: X12Segment {
        X12Segment(bytes: ArraySlice(bytes), delimiters: delimiters, number: number, offset: offset, faults: faults,
                   tag: tag, tagLength: tagLength, headerLength: headerLength)
    }

    /// Where the element at 1-based `position` lies in `bytes` (ISA01 is position 1).
    func elementRange(_ position: Int) -> Range<Int>? {
        guard position >= 1 else { return nil }
        return ByteSplitting.piece(bytes, separator: delimiters.elementSeparator, release: nil, index: position)
    }

    /// The element at 1-based `position` (ISA01 is position 1).
    public func element(_ position: Int) -> X12ElementView? {
        elementRange(position).map { X12ElementView(bytes: bytes.sub($0), delimiters: delimiters) }
    }

    public var elements: [X12ElementView] {
        ByteSplitting.pieces(bytes, separator: delimiters.elementSeparator, release: nil).dropFirst()
            .map { X12ElementView(bytes: bytes.sub($0), delimiters: delimiters) }
    }
}

/// A borrowed X12 data element (simple or composite), valid as long as its segment view.
public struct X12ElementView {
    public let bytes: UnsafeBufferPointer<UInt8>
    public let delimiters: X12Delimiters

    func componentRange(_ position: Int) -> Range<Int>? {
        guard position >= 1 else { return nil }
        return ByteSplitting.piece(bytes, separator: delimiters.componentSeparator, release: nil, index: position - 1)
    }

    public func component(_ position: Int) -> X12ElementView? {
        componentRange(position).map { X12ElementView(bytes: bytes.sub($0), delimiters: delimiters) }
    }

    public var components: [X12ElementView] {
        ByteSplitting.pieces(bytes, separator: delimiters.componentSeparator, release: nil)
            .map { X12ElementView(bytes: bytes.sub($0), delimiters: delimiters) }
    }

    /// Where each occurrence of a repeating element lies (version 00402 and later).
    var repetitionRanges: [Range<Int>] {
        guard let rep = delimiters.repetitionSeparator else { return [0..<bytes.count] }
        return ByteSplitting.pieces(bytes, separator: rep, release: nil)
    }

    public var isEmpty: Bool { bytes.isEmpty }

    /// The value as text. X12's character sets are ASCII subsets; bytes beyond are read as UTF-8.
    public var text: String {
        if !bytes.contains(where: { $0 == 0x0D || $0 == 0x0A }) { return String(decoding: bytes, as: UTF8.self) }
        return String(decoding: bytes.filter { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self)
    }

    /// The value with surrounding spaces removed (ISA fields are space padded).
    public var trimmedText: String {
        let t = text
        return String(t.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }

    /// All digits as an integer (no allocation).
    public var integerValue: Int? { DigitParsing.integer(bytes) }
}
