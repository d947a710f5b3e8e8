#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    private func isHeader(at i: Int) -> Bool {
        i + 3 < buffer.count && buffer[i] == 0x49 && buffer[i + 1] == 0x53 && buffer[i + 2] == 0x41
            && !Self.isAlphanumeric(buffer[i + 3]) && !Self.isLayout(buffer[i + 3])
    }

    public mutating func next() -> X12Segment? {
        if !checkedByteOrderMark {
            if buffer.count - position < 3 && !finished { return nil }
            if buffer.count - position >= 3, buffer[position] == 0xEF, buffer[position + 1] == 0xBB, buffer[position + 2] == 0xBF {
                position += 3
            }
            checkedByteOrderMark = true
        }
        if seekingHeader { return skipToHeader() }
        if resumeIndex == nil {
            while position < buffer.count, Self.isLayout(buffer[position]) { position += 1 }
            if position >= buffer.count { return nil }
            if buffer.count - position < 4 && !finished { return nil }
            if isHeader(at: position) { return interchangeHeader() }
        }
        return scanSegment()
    }

    private mutating func interchangeHeader() -> X12Segment? {
        let start = position
        let separator = buffer[start + 3]
        var seen = 0
        var i = start + 3
        let window = min(buffer.count, start + 1024)
        while i < window, seen < 16 {
            if buffer[i] == separator { seen += 1 }
            if seen < 16 { i += 1 }
        }
        guard seen == 16, i + 2 < buffer.count else {
            if !finished && window < start + 1024 { return nil }
            return invalidHeader(from: start)
        }
        let component = buffer[i + 1]
        let terminator = buffer[i + 2]
        if terminator == separator || terminator == component || component == separator
            || Self.isAlphanumeric(terminator) || Self.isAlphanumeric(separator) {
            return invalidHeader(from: start)
        }
        var delimiters = X12Delimiters(elementSeparator: separator, componentSeparator: component, segmentTerminator: terminator)
        let bytes = buffer[start...(i + 1)]
        let fields = ByteSplitting.pieces(bytes, separator: separator, release: nil).dropFirst()
        let fixed = i + 3 - start == 106 && zip(fields, Self.headerFieldWidths).allSatisfy { $0.count == $1 }
        let fieldArray = Array(fields)
        if fieldArray.count >= 12 {
            let version = fieldArray[11].prefix(9).reduce(0) { v, b in (b >= 0x30 && b <= 0x39) ? v * 10 + Int(b - 0x30) : v }
            if version >= 402, let rep = fieldArray[10].first, fieldArray[10].count == 1,
               !Self.isAlphanumeric(rep), rep != 0x20, rep != separator, rep != component, rep != terminator {
                delimiters.repetitionSeparator = rep
            }
        }
        active = delimiters
        segmentNumber += 1
        position = i + 3
        return X12Segment(bytes: bytes, delimiters: delimiters, number: segmentNumber, offset: base + start,
                          faults: fixed ? [] : [.interchangeHeaderNotFixedWidth], headerLength: i + 3 - start)
    }

    private mutating func invalidHeader(from start: Int) -> X12Segment? {
        seekingHeader = true
        position = start
        return skipToHeader(reportingHeader: true)
    }

    /// Returns the bytes up to the next "ISA" as one faulty segment.
    private mutating func skipToHeader(reportingHeader: Bool = false) -> X12Segment? {
        let start = position
        var i = start + 3
        while i < buffer.count, !isHeader(at: i) {
            if i - start >= maximumSegmentLength { break }
            i += 1
        }
        if i >= buffer.count && !finished && i - start < maximumSegmentLength { return nil }
        let end = min(i, buffer.count)
        if end <= start { seekingHeader = false; return nil }
        if isHeader(at: end) || end >= buffer.count { seekingHeader = false }
        position = end
        segmentNumber += 1
        return X12Segment(bytes: buffer[start..<end], delimiters: active, number: segmentNumber, offset: base + start,
                          faults: [.invalidInterchangeHeader])
    }

    private mutating func scanSegment() -> X12Segment? {
        let start = position
        let from = resumeIndex ?? start
        let terminator = active.segmentTerminator
        let count = buffer.count
        let found: Int? = buffer.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress, from < count,
                  let hit = memchr(base + from, Int32(terminator), count - from) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
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
        return X12Segment(bytes: buffer[start..<end], delimiters: active, number: segmentNumber, offset: base + start, faults: faults)
    }
}
