/// A streaming ANSI X12 segment scanner: a state machine with no I/O.
///
/// Feed bytes with `append(contentsOf:)`, call `finish()` at the end, pull segments with `next()`
/// until nil. Delimiters are read from every ISA (X12.5 §3): the element separator is the byte
/// after "ISA"; ISA16, the component separator, is the byte after the 16th element separator;
/// the segment terminator follows it. Counting separators instead of trusting offsets 3/104/105
/// reads the short or wrapped ISAs real senders emit; the segment then carries
/// `interchangeHeaderNotFixedWidth` so the reader can warn. CR/LF and indentation between
/// segments are layout; a CR before a line-feed terminator is dropped; a leading UTF-8 BOM is
/// skipped.
public struct X12Scanner: Sendable {
    public let maximumSegmentLength: Int

    private var buffer: [UInt8] = []
    private var position = 0
    private var base = 0
    private var finished = false
    private var checkedByteOrderMark = false
    private var segmentNumber = 0
    private var active = X12Delimiters.defaults
    private var resumeIndex: Int?
    /// After an unreadable ISA nothing can be delimited until the next "ISA".
    private var seekingHeader = false

    /// The ISA's fixed field widths, ISA01…ISA16 (X12.5 Table 3).
    static let headerFieldWidths = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1]

    public init(maximumSegmentLength: Int = 1 << 22) {
        self.maximumSegmentLength = max(256, maximumSegmentLength)
    }

    public var delimiters: X12Delimiters { active }

    public mutating func append(contentsOf bytes: some Sequence<UInt8>) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Appends an array; when nothing is buffered the array is adopted without a copy.
    public mutating func append(contentsOf bytes: [UInt8]) {
        compact()
        if buffer.isEmpty && position == 0 { buffer = bytes } else { buffer.append(contentsOf: bytes) }
    }

    public mutating func finish() { finished = true }

    public var isAtEnd: Bool {
        guard finished else { return false }
        var i = position
        while i < buffer.count, Self.isLayout(buffer[i]) { i += 1 }
        return i >= buffer.count
    }

    private mutating func compact() {
        guard position > 0, position >= 1 << 16 || position * 2 >= buffer.count else { return }
        if position == buffer.count && resumeIndex == nil {
            base += position
            buffer.removeAll(keepingCapacity: true)
            position = 0
            return
        }
        buffer.removeSubrange(0..<position)
        base += position
        if let r = resumeIndex { resumeIndex = r - position }
        position = 0
    }

    @inline(__always)
    static func isLayout(_ b: UInt8) -> Bool { b == 0x0A || b == 0x0D || b == 0x20 || b == 0x09 || b == 0x1A }

    @inline(__always)
    static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    @inline(__always)
    private static func isHeader(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        i + 3 < p.count && p[i] == 0x49 && p[i + 1] == 0x53 && p[i + 2] == 0x41
            && !isAlphanumeric(p[i + 3]) && !isLayout(p[i + 3])
    }

    /// The next segment, owned (it shares the scanner's buffer), or nil when more input is
    /// needed (or the input is exhausted).
    public mutating func next() -> X12Segment? {
        let storage = buffer
        guard let d = storage.withUnsafeBufferPointer({ delimit($0) }) else { return nil }
        return X12Segment(bytes: storage[d.start..<d.end], delimiters: d.delimiters, number: d.number, offset: d.offset,
                          faults: d.faults, tag: d.tag, tagLength: d.tagLength, headerLength: d.headerLength)
    }

    /// Delimits every segment the bytes received so far hold and passes each to `body` as a
    /// borrowed view: the hot path, with no reference counting, allocation or copy per segment.
    /// A view must not outlive the call (see `X12SegmentView`).
    public mutating func scan(_ body: (X12SegmentView) throws -> Void) rethrows {
        let storage = buffer
        try storage.withUnsafeBufferPointer { p in
            while let d = delimit(p) {
                try body(X12SegmentView(bytes: p.sub(d.start..<d.end), delimiters: d.delimiters, number: d.number,
                                        offset: d.offset, faults: d.faults, tag: d.tag, tagLength: d.tagLength,
                                        headerLength: d.headerLength))
            }
        }
    }

    /// Where one segment lies in the buffer, and what the scanner learnt delimiting it.
    struct Delimited {
        var start: Int
        var end: Int
        var delimiters: X12Delimiters
        var number: Int
        var offset: Int
        var faults: X12Segment.Faults
        var tag: SegmentTag
        var tagLength: Int
        var headerLength: Int
    }

    private mutating func delimit(_ p: UnsafeBufferPointer<UInt8>) -> Delimited? {
        let count = p.count
        if !checkedByteOrderMark {
            if count - position < 3 && !finished { return nil }
            if count - position >= 3, p[position] == 0xEF, p[position + 1] == 0xBB, p[position + 2] == 0xBF {
                position += 3
            }
            checkedByteOrderMark = true
        }
        if seekingHeader { return skipToHeader(p) }
        if resumeIndex == nil {
            while position < count, Self.isLayout(p[position]) { position += 1 }
            if position >= count { return nil }
            if count - position < 4 && !finished { return nil }
            if p[position] == 0x49, Self.isHeader(p, at: position) { return interchangeHeader(p) }
        }
        return delimitSegment(p)
    }

    /// A delimited segment `start..<end` with its tag; a CR before a line-feed terminator is
    /// dropped.
    @inline(__always)
    private func delimited(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ delimiters: X12Delimiters,
                           faults: X12Segment.Faults, headerLength: Int = 0) -> Delimited {
        var end = end
        if delimiters.segmentTerminator == 0x0A, end > start, p[end - 1] == 0x0D { end -= 1 }
        let (tag, length) = X12SegmentView.tag(of: p.sub(start..<end), delimiters)
        return Delimited(start: start, end: end, delimiters: delimiters, number: segmentNumber, offset: base + start,
                         faults: faults, tag: tag, tagLength: length, headerLength: headerLength)
    }

    private mutating func interchangeHeader(_ p: UnsafeBufferPointer<UInt8>) -> Delimited? {
        let start = position
        let separator = p[start + 3]
        var seen = 0
        var i = start + 3
        let window = min(p.count, start + 1024)
        while i < window, seen < 16 {
            if p[i] == separator { seen += 1 }
            if seen < 16 { i += 1 }
        }
        guard seen == 16, i + 2 < p.count else {
            if !finished && window < start + 1024 { return nil }
            return invalidHeader(p, from: start)
        }
        let component = p[i + 1]
        let terminator = p[i + 2]
        if terminator == separator || terminator == component || component == separator
            || Self.isAlphanumeric(terminator) || Self.isAlphanumeric(separator) {
            return invalidHeader(p, from: start)
        }
        var delimiters = X12Delimiters(elementSeparator: separator, componentSeparator: component, segmentTerminator: terminator)
        let header = p.sub(start..<(i + 2))
        let fields = ByteSplitting.pieces(header, separator: separator, release: nil).dropFirst()
        let fixed = i + 3 - start == 106 && zip(fields, Self.headerFieldWidths).allSatisfy { $0.count == $1 }
        let fieldArray = Array(fields)
        if fieldArray.count >= 12 {
            let version = header[fieldArray[11]].prefix(9).reduce(0) { v, b in (b >= 0x30 && b <= 0x39) ? v * 10 + Int(b - 0x30) : v }
            if version >= 402, fieldArray[10].count == 1 {
                let rep = header[fieldArray[10].lowerBound]
                if !Self.isAlphanumeric(rep), rep != 0x20, rep != separator, rep != component, rep != terminator {
                    delimiters.repetitionSeparator = rep
                }
            }
        }
        active = delimiters
        segmentNumber += 1
        position = i + 3
        return delimited(p, start, i + 2, delimiters, faults: fixed ? [] : [.interchangeHeaderNotFixedWidth],
                         headerLength: i + 3 - start)
    }

    private mutating func invalidHeader(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Delimited? {
        seekingHeader = true
        position = start
        return skipToHeader(p)
    }

    /// Returns the bytes up to the next "ISA" as one faulty segment.
    private mutating func skipToHeader(_ p: UnsafeBufferPointer<UInt8>) -> Delimited? {
        let start = position
        var i = start + 3
        while i < p.count, !Self.isHeader(p, at: i) {
            if i - start >= maximumSegmentLength { break }
            i += 1
        }
        if i >= p.count && !finished && i - start < maximumSegmentLength { return nil }
        let end = min(i, p.count)
        if end <= start { seekingHeader = false; return nil }
        if Self.isHeader(p, at: end) || end >= p.count { seekingHeader = false }
        position = end
        segmentNumber += 1
        return delimited(p, start, end, active, faults: [.invalidInterchangeHeader])
    }

    private mutating func delimitSegment(_ p: UnsafeBufferPointer<UInt8>) -> Delimited? {
        let start = position
        let from = resumeIndex ?? start
        let count = p.count
        let found = p.baseAddress.flatMap {
            ByteSearch.firstIndex(of: active.segmentTerminator, in: $0, from: from, to: count)
        }
        var faults: X12Segment.Faults = []
        let end: Int
        if let found {
            end = found
            position = found + 1
        } else if count - start > maximumSegmentLength {
            end = start + maximumSegmentLength
            position = end
            faults.insert(.tooLong)
        } else if finished {
            end = count
            position = count
            faults.insert(.unterminated)
        } else {
            resumeIndex = count
            return nil
        }
        resumeIndex = nil
        segmentNumber += 1
        return delimited(p, start, end, active, faults: faults)
    }
}
