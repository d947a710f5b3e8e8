/// One EDIFACT segment: a lazy view of the input bytes from its tag to the byte before its
/// terminator. Elements and components are sliced and decoded only when asked for.
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

    init(bytes: ArraySlice<UInt8>, serviceCharacters: EdifactServiceCharacters, number: Int, offset: Int,
         faults: Faults = [], faultOffset: Int? = nil) {
        var trimmed = bytes
        if serviceCharacters.terminatorIsNewline, trimmed.last == 0x0D { trimmed = trimmed.dropLast() }
        self.bytes = trimmed
        self.serviceCharacters = serviceCharacters
        self.number = number
        self.offset = offset
        self.faults = faults
        self.faultOffset = faultOffset
        var tagEnd = trimmed.startIndex
        var packed: UInt32 = 0
        while tagEnd < trimmed.endIndex {
            let b = trimmed[tagEnd]
            if b == serviceCharacters.elementSeparator || b == serviceCharacters.componentSeparator { break }
            if tagEnd - trimmed.startIndex < 3 { packed = packed << 8 | UInt32(b) }
            tagEnd += 1
        }
        let length = tagEnd - trimmed.startIndex
        self.tag = SegmentTag(rawValue: packed | UInt32(min(length, 3)) << 24)
        self.tagLength = length
    }

    /// Length of the tag's first component in bytes (valid tags have 3).
    public let tagLength: Int

    /// The tag as text.
    public var tagText: String { tag.description }

    /// The data element at 1-based `position` after the tag, or nil when the segment has fewer.
    public func element(_ position: Int) -> EdifactElement? {
        guard position >= 1,
              let piece = ByteSplitting.piece(bytes, separator: serviceCharacters.elementSeparator,
                                              release: serviceCharacters.releaseCharacter, index: position)
        else { return nil }
        return EdifactElement(bytes: piece, serviceCharacters: serviceCharacters)
    }

    /// Every data element after the tag.
    public var elements: [EdifactElement] {
        ByteSplitting.pieces(bytes, separator: serviceCharacters.elementSeparator, release: serviceCharacters.releaseCharacter)
            .dropFirst().map { EdifactElement(bytes: $0, serviceCharacters: serviceCharacters) }
    }

    /// The number of data elements after the tag.
    public var elementCount: Int {
        ByteSplitting.pieces(bytes, separator: serviceCharacters.elementSeparator, release: serviceCharacters.releaseCharacter).count - 1
    }
}

/// A stand-alone or composite data element: raw bytes with release characters still in place.
public struct EdifactElement: Sendable {
    public let bytes: ArraySlice<UInt8>
    public let serviceCharacters: EdifactServiceCharacters

    /// The component at 1-based `position` (a stand-alone element is its own component 1).
    public func component(_ position: Int) -> EdifactElement? {
        guard position >= 1,
              let piece = ByteSplitting.piece(bytes, separator: serviceCharacters.componentSeparator,
                                              release: serviceCharacters.releaseCharacter, index: position - 1)
        else { return nil }
        return EdifactElement(bytes: piece, serviceCharacters: serviceCharacters)
    }

    public var components: [EdifactElement] {
        ByteSplitting.pieces(bytes, separator: serviceCharacters.componentSeparator, release: serviceCharacters.releaseCharacter)
            .map { EdifactElement(bytes: $0, serviceCharacters: serviceCharacters) }
    }

    /// Occurrences of a repeating element (syntax version 4, ISO 9735-1 §9.3).
    public var repetitions: [EdifactElement] {
        guard let rep = serviceCharacters.repetitionSeparator else { return [self] }
        return ByteSplitting.pieces(bytes, separator: rep, release: serviceCharacters.releaseCharacter)
            .map { EdifactElement(bytes: $0, serviceCharacters: serviceCharacters) }
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
