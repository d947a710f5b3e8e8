#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming UN/EDIFACT segment scanner: a state machine with no I/O.
///
/// Feed it bytes with `append(contentsOf:)` as they arrive, call `finish()` at the end of the
/// input, and pull segments with `next()` until it returns nil (more input needed, or done). It
/// keeps only the bytes of the segment being delimited, so memory stays flat however long the
/// input is. Each segment is a slice of the bytes received; nothing is decoded here.
///
/// Rules it applies (ISO 9735-1):
/// - UNA service string advice (§7.1): nine bytes, not a segment, not counted; it advises the
///   service characters of the interchange whose UNB follows. A UNB without UNA restores the
///   defaults; syntax version 4 in UNB S001 turns on `*` as default repetition separator.
/// - Release character (§10): a terminator preceded by an odd run of release characters is data.
/// - CR/LF, tabs and spaces between segments are layout, not data; a UTF-8 byte order mark at
///   the very start is dropped.
/// - Some senders end segments with a line feed instead of `'` and send no UNA. When a UNB is not
///   advised by a UNA and its first line ends before any `'`, with the next line starting like a
///   segment tag, the scanner takes the line feed as terminator for that interchange.
public struct EdifactScanner: Sendable {
    /// Segments longer than this are cut (and flagged) so a hostile input cannot grow the buffer
    /// without bound.
    public let maximumSegmentLength: Int

    private var buffer: [UInt8] = []
    private var position = 0
    private var base = 0
    private var finished = false
    private var checkedByteOrderMark = false
    private var segmentNumber = 0
    private var active = EdifactServiceCharacters.defaults
    private var advised: EdifactServiceCharacters?
    private var activeIsAdvised = false
    private var resumeIndex: Int?

    public init(maximumSegmentLength: Int = 1 << 22) {
        self.maximumSegmentLength = max(16, maximumSegmentLength)
    }

    /// The service characters in force for the segment that will be returned next.
    public var serviceCharacters: EdifactServiceCharacters { active }

    /// Bytes received so far.
    public var bytesReceived: Int { base + buffer.count }

    public mutating func append(contentsOf bytes: some Sequence<UInt8>) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Appends an array; when nothing is buffered the array is adopted without a copy.
    public mutating func append(contentsOf bytes: [UInt8]) {
        compact()
        if buffer.isEmpty && position == 0 { buffer = bytes } else { buffer.append(contentsOf: bytes) }
    }

    /// Marks the end of the input: a trailing partial segment will be returned, flagged.
    public mutating func finish() { finished = true }

    /// True once `finish()` was called and every segment has been returned.
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

    private func hasPrefix(_ a: UInt8, _ b: UInt8, _ c: UInt8, at i: Int) -> Bool {
        i + 2 < buffer.count && buffer[i] == a && buffer[i + 1] == b && buffer[i + 2] == c
    }

    /// The next segment, or nil when more input is needed (or the input is exhausted).
    public mutating func next() -> EdifactSegment? {
        if !checkedByteOrderMark {
            if buffer.count - position < 3 && !finished { return nil }
            if hasPrefix(0xEF, 0xBB, 0xBF, at: position) { position += 3 }
            checkedByteOrderMark = true
        }
        if resumeIndex == nil {
            while position < buffer.count, Self.isLayout(buffer[position]) { position += 1 }
            if position >= buffer.count { return nil }
            if hasPrefix(0x55, 0x4E, 0x41, at: position) { return serviceStringAdvice() }
            if buffer.count - position < 3 && !finished { return nil }
            if hasPrefix(0x55, 0x4E, 0x42, at: position) {
                activeIsAdvised = advised != nil
                if let advice = advised {
                    active = advice
                } else {
                    guard let dialect = detectTerminator(from: position) else { return nil }
                    active = .defaults
                    active.segmentTerminator = dialect
                }
                advised = nil
            }
        }
        return scanSegment()
    }

    private mutating func serviceStringAdvice() -> EdifactSegment? {
        let start = position
        guard buffer.count - start >= 9 else {
            guard finished else { return nil }
            position = buffer.count
            return EdifactSegment(bytes: buffer[start..<buffer.count], serviceCharacters: active, number: 0,
                                  offset: base + start, faults: [.invalidServiceStringAdvice, .unterminated],
                                  faultOffset: base + start)
        }
        let c = Array(buffer[(start + 3)..<(start + 9)])
        var advice = EdifactServiceCharacters(
            componentSeparator: c[0], elementSeparator: c[1], decimalMark: c[2],
            releaseCharacter: c[3] == 0x20 ? nil : c[3], repetitionSeparator: c[4] == 0x20 ? nil : c[4],
            segmentTerminator: c[5])
        let distinct = [c[0], c[1], c[5]] + (c[3] == 0x20 ? [] : [c[3]]) + (c[4] == 0x20 ? [] : [c[4]])
        let unusable = distinct.contains { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || b == 0x20
        }
        let faulty = Set(distinct).count != distinct.count || unusable
            || (c[2] != UInt8(ascii: ".") && c[2] != UInt8(ascii: ","))
        if faulty, Set(distinct).count != distinct.count || unusable {
            advice = .defaults
        }
        advised = advice
        position = start + 9
        return EdifactSegment(bytes: buffer[start..<(start + 9)], serviceCharacters: advice, number: 0,
                              offset: base + start, faults: faulty ? [.invalidServiceStringAdvice] : [],
                              faultOffset: faulty ? base + start : nil)
    }

    /// Decides the terminator of an interchange not advised by UNA: `'` unless its first line ends
    /// first and the next line begins like a segment (three letters/digits and `+`). nil: need data.
    private func detectTerminator(from start: Int) -> UInt8? {
        let apostrophe = UInt8(ascii: "'")
        let limit = min(buffer.count, start + 4096)
        var i = start
        while i < limit {
            let b = buffer[i]
            if b == UInt8(ascii: "?") { i += 2; continue }
            if b == apostrophe { return apostrophe }
            if b == 0x0A {
                var j = i + 1
                while j < buffer.count, Self.isLayout(buffer[j]) { j += 1 }
                if buffer.count - j < 4 { return finished ? apostrophe : nil }
                let looksLikeTag = (0..<3).allSatisfy { k in
                    let t = buffer[j + k]
                    return (t >= 0x41 && t <= 0x5A) || (t >= 0x30 && t <= 0x39)
                } && buffer[j + 3] == UInt8(ascii: "+")
                return looksLikeTag ? 0x0A : apostrophe
            }
            i += 1
        }
        if limit < start + 4096 && !finished { return nil }
        return apostrophe
    }

    private mutating func scanSegment() -> EdifactSegment? {
        let start = position
        let from = resumeIndex ?? start
        let terminator = active.segmentTerminator
        let release = active.releaseCharacter
        let count = buffer.count
        // Find the next terminator with memchr, then count the release characters just before
        // it: an odd run releases it (ISO 9735-1 §10) and the search goes on after it.
        let chars = active
        // One pass over the buffer: memchr to the next terminator, then count the release
        // characters just before it (an odd run releases it, ISO 9735-1 §10); then check that each
        // release character in the segment precedes a service character (they are rare).
        let (found, releaseFault): (Int?, Int?) = buffer.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return (nil, nil) }
            var from = from
            var t: Int?
            while from < count {
                guard let hit = memchr(base + from, Int32(terminator), count - from) else { break }
                let candidate = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                guard let release else { t = candidate; break }
                var run = 0
                var k = candidate - 1
                while k >= start, p[k] == release { run += 1; k -= 1 }
                if run & 1 == 0 { t = candidate; break }
                from = candidate + 1
            }
            guard let t, let release else { return (t, nil) }
            var r = start
            while r < t, let hit = memchr(base + r, Int32(release), t - r) {
                let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if i + 1 < t, !chars.isReleasable(p[i + 1]) { return (t, i) }
                r = i + 2
            }
            return (t, nil)
        }
        var faults: EdifactSegment.Faults = []
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
        var faultOffset = releaseFault
        if found == nil, let release = chars.releaseCharacter {
            // A segment cut by the length limit or by the end of the input: check it here.
            var r = start
            while r < end {
                if buffer[r] == release {
                    if r + 1 >= end { if finished { faultOffset = faultOffset ?? r }; break }
                    if faultOffset == nil, !chars.isReleasable(buffer[r + 1]) { faultOffset = r }
                    r += 2
                } else {
                    r += 1
                }
            }
        }
        if faultOffset != nil { faults.insert(.invalidRelease) }
        segmentNumber += 1
        let segment = EdifactSegment(bytes: buffer[start..<end], serviceCharacters: active, number: segmentNumber,
                                     offset: base + start, faults: faults,
                                     faultOffset: faultOffset.map { base + $0 } ?? (faults.isEmpty ? nil : base + end))
        if segment.tag == .UNB { adoptSyntaxIdentifier(of: segment) }
        return segment
    }

    /// UNB S001: 0001 names the repertoire, 0002 the syntax version (ISO 9735-1 §7.1, §9.3).
    private mutating func adoptSyntaxIdentifier(of unb: EdifactSegment) {
        guard let s001 = unb.element(1) else { return }
        if let id = s001.component(1) {
            active.characterSet = EDICharacterSet(syntaxIdentifier: id.bytes) ?? .iso8859(part: 1)
        }
        let version = s001.component(2)?.integerValue ?? 0
        active.syntaxVersion = version
        if version >= 4, !activeIsAdvised, active.repetitionSeparator == nil {
            active.repetitionSeparator = UInt8(ascii: "*")
        }
    }
}

