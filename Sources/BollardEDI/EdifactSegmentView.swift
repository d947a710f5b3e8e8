/// One EDIFACT segment as the scanner's hot path hands it out: a borrowed view of the scanner's
/// buffer from the tag to the byte before the terminator, with no reference count and no copy.
///
/// A view is valid only during the call of the closure it is passed to
/// (`EdifactScanner.scan(_:)`): its bytes belong to the scanner, which may move or free them as
/// soon as the closure returns. Keep `segment` (an owned copy) to hold on to one. Elements and
/// components are found lazily, and their text decoded only when asked for.
public struct EdifactSegmentView {
    /// The segment's bytes, tag included, terminator excluded; indices from 0.
    public let bytes: UnsafeBufferPointer<UInt8>
    public let serviceCharacters: EdifactServiceCharacters
    /// 1-based ordinal in the stream (UNA is reported but not counted: it is 0).
    public let number: Int
    /// Byte offset of the tag in the stream.
    public let offset: Int
    public let faults: EdifactSegment.Faults
    /// Byte offset of the first fault, when there is one.
    public let faultOffset: Int?
    public let tag: SegmentTag
    /// Length of the tag's first component in bytes (valid tags have 3).
    public let tagLength: Int

    init(bytes: UnsafeBufferPointer<UInt8>, serviceCharacters: EdifactServiceCharacters, number: Int, offset: Int,
         faults: EdifactSegment.Faults, faultOffset: Int?) {
        self.bytes = bytes
        self.serviceCharacters = serviceCharacters
        self.number = number
        self.offset = offset
        self.faults = faults
        self.faultOffset = faultOffset
        (tag, tagLength) = Self.tag(of: bytes, serviceCharacters)
    }

    init(bytes: UnsafeBufferPointer<UInt8>, serviceCharacters: EdifactServiceCharacters, number: Int, offset: Int,
         faults: EdifactSegment.Faults, faultOffset: Int?, tag: SegmentTag, tagLength: Int) {
        self.bytes = bytes
        self.serviceCharacters = serviceCharacters
        self.number = number
        self.offset = offset
        self.faults = faults
        self.faultOffset = faultOffset
        self.tag = tag
        self.tagLength = tagLength
    }

    /// The tag (its first three bytes packed) and its length: the bytes before the first element
    /// or component separator.
    @inline(__always)
    static func tag(of bytes: UnsafeBufferPointer<UInt8>, _ chars: EdifactServiceCharacters) -> (SegmentTag, Int) {
        var length = 0
        var packed: UInt32 = 0
        while length < bytes.count {
            let b = bytes[length]
            if b == chars.elementSeparator || b == chars.componentSeparator { break }
            if length < 3 { packed = packed << 8 | UInt32(b) }
            length += 1
        }
        return (SegmentTag(rawValue: packed | UInt32(min(length, 3)) << 24), length)
    }

    /// The tag as text.
    public var tagText: String { tag.description }

    /// An owned copy of the segment, to keep beyond the closure.
    public var segment: EdifactSegment {
        EdifactSegment(bytes: ArraySlice(bytes), serviceCharacters: serviceCharacters, number: number, offset: offset,
                       faults: faults, faultOffset: faultOffset, tag: tag, tagLength: tagLength)
    }

    /// Where the data element at 1-based `position` lies in `bytes`.
    func elementRange(_ position: Int) -> Range<Int>? {
        guard position >= 1 else { return nil }
        return ByteSplitting.piece(bytes, separator: serviceCharacters.elementSeparator,
                                   release: serviceCharacters.releaseCharacter, index: position)
    }

    /// The data element at 1-based `position` after the tag, or nil when the segment has fewer.
    public func element(_ position: Int) -> EdifactElementView? {
        elementRange(position).map { EdifactElementView(bytes: bytes.sub($0), serviceCharacters: serviceCharacters) }
    }

    /// The number of data elements after the tag.
    public var elementCount: Int {
        ByteSplitting.count(bytes, separator: serviceCharacters.elementSeparator, release: serviceCharacters.releaseCharacter) - 1
    }
}

/// A borrowed stand-alone or composite data element: raw bytes with release characters still in
/// place, valid as long as the segment view it came from.
public struct EdifactElementView {
    public let bytes: UnsafeBufferPointer<UInt8>
    public let serviceCharacters: EdifactServiceCharacters

    /// Where the component at 1-based `position` lies in `bytes`.
    func componentRange(_ position: Int) -> Range<Int>? {
        guard position >= 1 else { return nil }
        return ByteSplitting.piece(bytes, separator: serviceCharacters.componentSeparator,
                                   release: serviceCharacters.releaseCharacter, index: position - 1)
    }

    /// The component at 1-based `position` (a stand-alone element is its own component 1).
    public func component(_ position: Int) -> EdifactElementView? {
        componentRange(position).map { EdifactElementView(bytes: bytes.sub($0), serviceCharacters: serviceCharacters) }
    }

    public var components: [EdifactElementView] {
        ByteSplitting.pieces(bytes, separator: serviceCharacters.componentSeparator, release: serviceCharacters.releaseCharacter)
            .map { EdifactElementView(bytes: bytes.sub($0), serviceCharacters: serviceCharacters) }
    }

    /// Where each occurrence of a repeating element lies (syntax version 4, ISO 9735-1 §9.3).
    var repetitionRanges: [Range<Int>] {
        guard let rep = serviceCharacters.repetitionSeparator else { return [0..<bytes.count] }
        return ByteSplitting.pieces(bytes, separator: rep, release: serviceCharacters.releaseCharacter)
    }

    /// Occurrences of a repeating element (syntax version 4, ISO 9735-1 §9.3).
    public var repetitions: [EdifactElementView] {
        repetitionRanges.map { EdifactElementView(bytes: bytes.sub($0), serviceCharacters: serviceCharacters) }
    }

    public var isEmpty: Bool { bytes.isEmpty }

    /// The value with release characters and wrapping line breaks removed, still undecoded.
    public var unescapedBytes: [UInt8] { ByteSplitting.unescaped(bytes, release: serviceCharacters.releaseCharacter) }

    /// The value decoded from the interchange's declared character set.
    public var text: String {
        let release = serviceCharacters.releaseCharacter
        if !bytes.contains(where: { $0 == release || $0 == 0x0A || $0 == 0x0D }) {
            return serviceCharacters.characterSet.decode(bytes)
        }
        return serviceCharacters.characterSet.decode(unescapedBytes)
    }

    /// The value as a number. ISO 9735-1 §12: the decimal mark is the one UNA advises, but a
    /// recipient accepts either `.` or `,`; a leading minus sign is allowed, no grouping marks.
    public var decimalValue: Double? {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count)
        var sawMark = false
        for (i, b) in bytes.enumerated() {
            switch b {
            case 0x30...0x39: text.append(b)
            case UInt8(ascii: "-") where i == 0: text.append(b)
            case UInt8(ascii: "."), UInt8(ascii: ","), serviceCharacters.decimalMark:
                if sawMark { return nil }
                sawMark = true
                text.append(UInt8(ascii: "."))
            default: return nil
            }
        }
        guard text.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Double(String(decoding: text, as: UTF8.self))
    }

    /// The value as a non-negative integer, when it is all digits (no allocation).
    public var integerValue: Int? { DigitParsing.integer(bytes) }
}

/// All-digit values as integers, shared by both syntaxes.
enum DigitParsing {
    /// `bytes` as a non-negative integer when it is 1–18 ASCII digits (no allocation).
    @inline(__always)
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var v = 0
        for b in bytes {
            guard b >= 0x30, b <= 0x39 else { return nil }
            v = v * 10 + Int(b - 0x30)
        }
        return v
    }
}
