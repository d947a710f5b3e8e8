/// A streaming UN/EDIFACT segment scanner: a state machine with no I/O.
///
/// Feed it bytes with `append(contentsOf:)` as they arrive, call `finish()` at the end of the
/// input, and pull segments with `next()` until it returns nil (more input needed, or done). It
/// keeps only the bytes of the segment being delimited, so memory stays flat however long the
/// input is. `scan(_:)` hands out borrowed views of the bytes received (the hot path); `next()`
/// owned segments that share them. Nothing is decoded here.
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
    /// A release fault found before the scan stopped for more input (a buffer index).
    private var pendingReleaseFault: Int?

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
        if let r = pendingReleaseFault { pendingReleaseFault = r - position }
        position = 0
    }

    @inline(__always)
    static func isLayout(_ b: UInt8) -> Bool { b == 0x0A || b == 0x0D || b == 0x20 || b == 0x09 || b == 0x1A }

    @inline(__always)
    private static func hasPrefix(_ p: UnsafeBufferPointer<UInt8>, _ a: UInt8, _ b: UInt8, _ c: UInt8, at i: Int) -> Bool {
        i + 2 < p.count && p[i] == a && p[i + 1] == b && p[i + 2] == c
    }

    /// The next segment, owned (it shares the scanner's buffer), or nil when more input is
    /// needed (or the input is exhausted).
    public mutating func next() -> EdifactSegment? {
        let storage = buffer
        guard let d = storage.withUnsafeBufferPointer({ delimit($0) }) else { return nil }
        return EdifactSegment(bytes: storage[d.start..<d.end], serviceCharacters: d.serviceCharacters, number: d.number,
                              offset: d.offset, faults: d.faults, faultOffset: d.faultOffset, tag: d.tag, tagLength: d.tagLength)
    }

    /// Delimits every segment the bytes received so far hold and passes each to `body` as a
    /// borrowed view: the hot path, with no reference counting, allocation or copy per segment.
    /// A view must not outlive the call (see `EdifactSegmentView`). Returns when more input is
    /// needed, or, after `finish()`, at the end of the input.
    public mutating func scan(_ body: (EdifactSegmentView) throws -> Void) rethrows {
        let storage = buffer
        try storage.withUnsafeBufferPointer { p in
            while let d = delimit(p) {
                try body(EdifactSegmentView(bytes: p.sub(d.start..<d.end), serviceCharacters: d.serviceCharacters,
                                            number: d.number, offset: d.offset, faults: d.faults,
                                            faultOffset: d.faultOffset, tag: d.tag, tagLength: d.tagLength))
            }
        }
    }

    /// Where one segment lies in the buffer, and what the scanner learnt delimiting it.
    struct Delimited {
        var start: Int
        var end: Int
        var serviceCharacters: EdifactServiceCharacters
        var number: Int
        var offset: Int
        var faults: EdifactSegment.Faults
        var faultOffset: Int?
        var tag: SegmentTag
        var tagLength: Int
    }

    /// The scanner's one step over `p` (the buffer, borrowed): skips layout, reads a UNA, sets
    /// the service characters at a UNB, and delimits the next segment.
    private mutating func delimit(_ p: UnsafeBufferPointer<UInt8>) -> Delimited? {
        let count = p.count
        if !checkedByteOrderMark {
            if count - position < 3 && !finished { return nil }
            if Self.hasPrefix(p, 0xEF, 0xBB, 0xBF, at: position) { position += 3 }
            checkedByteOrderMark = true
        }
        if resumeIndex == nil {
            while position < count, Self.isLayout(p[position]) { position += 1 }
            if position >= count { return nil }
            if p[position] == 0x55 {
                if Self.hasPrefix(p, 0x55, 0x4E, 0x41, at: position) { return serviceStringAdvice(p) }
                if count - position < 3 && !finished { return nil }
                if Self.hasPrefix(p, 0x55, 0x4E, 0x42, at: position) {
                    activeIsAdvised = advised != nil
                    if let advice = advised {
                        active = advice
                    } else {
                        guard let dialect = detectTerminator(p, from: position) else { return nil }
                        active = .defaults
                        active.segmentTerminator = dialect
                    }
                    advised = nil
                }
            }
        }
        return delimitSegment(p)
    }

    /// A delimited segment `start..<end` with its tag; a CR before a line-feed terminator is
    /// dropped.
    @inline(__always)
    private func delimited(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ chars: EdifactServiceCharacters,
                           number: Int, faults: EdifactSegment.Faults, faultOffset: Int?) -> Delimited {
        var end = end
        if chars.terminatorIsNewline, end > start, p[end - 1] == 0x0D { end -= 1 }
        let (tag, length) = EdifactSegmentView.tag(of: p.sub(start..<end), chars)
        return Delimited(start: start, end: end, serviceCharacters: chars, number: number, offset: base + start,
                         faults: faults, faultOffset: faultOffset, tag: tag, tagLength: length)
    }

    private mutating func serviceStringAdvice(_ p: UnsafeBufferPointer<UInt8>) -> Delimited? {
        let start = position
        guard p.count - start >= 9 else {
            guard finished else { return nil }
            position = p.count
            return delimited(p, start, p.count, active, number: 0, faults: [.invalidServiceStringAdvice, .unterminated],
                             faultOffset: base + start)
        }
        let c = Array(p[(start + 3)..<(start + 9)])
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
        return delimited(p, start, start + 9, advice, number: 0, faults: faulty ? [.invalidServiceStringAdvice] : [],
                         faultOffset: faulty ? base + start : nil)
    }

    /// Decides the terminator of an interchange not advised by UNA: `'` unless its first line ends
    /// first and the next line begins like a segment (three letters/digits and `+`). nil: need data.
    private func detectTerminator(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt8? {
        let apostrophe = UInt8(ascii: "'")
        let limit = min(p.count, start + 4096)
        var i = start
        while i < limit {
            let b = p[i]
            if b == UInt8(ascii: "?") { i += 2; continue }
            if b == apostrophe { return apostrophe }
            if b == 0x0A {
                var j = i + 1
                while j < p.count, Self.isLayout(p[j]) { j += 1 }
                if p.count - j < 4 { return finished ? apostrophe : nil }
                let looksLikeTag = (0..<3).allSatisfy { k in
                    let t = p[j + k]
                    return (t >= 0x41 && t <= 0x5A) || (t >= 0x30 && t <= 0x39)
                } && p[j + 3] == UInt8(ascii: "+")
                return looksLikeTag ? 0x0A : apostrophe
            }
            i += 1
        }
        if limit < start + 4096 && !finished { return nil }
        return apostrophe
    }

    /// Finds the segment's terminator and checks its release characters in one pass: the search
    /// stops at the terminator or at a release character, whichever comes first; a release
    /// character makes the byte after it data (ISO 9735-1 §10) and must precede a service
    /// character, and the search goes on after that byte. Release pairs never straddle the
    /// resumption point, so a segment split across chunks reads as if it had arrived whole.
    private mutating func delimitSegment(_ p: UnsafeBufferPointer<UInt8>) -> Delimited? {
        let start = position
        let count = p.count
        let chars = active
        let terminator = chars.segmentTerminator
        var releaseFault = resumeIndex == nil ? nil : pendingReleaseFault
        var found: Int?
        var resume = count
        if let bytes = p.baseAddress {
            var i = resumeIndex ?? start
            if let release = chars.releaseCharacter {
                while let hit = ByteSearch.firstIndex(of: terminator, or: release, in: bytes, from: i, to: count) {
                    if bytes[hit] == terminator { found = hit; break }
                    guard hit + 1 < count else { resume = hit; break }
                    if releaseFault == nil, !chars.isReleasable(bytes[hit + 1]) { releaseFault = hit }
                    i = hit + 2
                }
            } else {
                found = ByteSearch.firstIndex(of: terminator, in: bytes, from: i, to: count)
            }
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
            // A release character as the very last byte releases nothing.
            if resume < count { releaseFault = releaseFault ?? resume }
        } else {
            resumeIndex = resume
            pendingReleaseFault = releaseFault
            return nil
        }
        resumeIndex = nil
        pendingReleaseFault = nil
        if let r = releaseFault, r >= end { releaseFault = nil }
        if releaseFault != nil { faults.insert(.invalidRelease) }
        segmentNumber += 1
        let d = delimited(p, start, end, chars, number: segmentNumber, faults: faults,
                          faultOffset: releaseFault.map { base + $0 } ?? (faults.isEmpty ? nil : base + end))
        if d.tag == .UNB {
            adoptSyntaxIdentifier(of: EdifactSegmentView(
                bytes: p.sub(d.start..<d.end), serviceCharacters: chars, number: d.number, offset: d.offset,
                faults: d.faults, faultOffset: d.faultOffset, tag: d.tag, tagLength: d.tagLength))
        }
        return d
    }

    /// UNB S001: 0001 names the repertoire, 0002 the syntax version (ISO 9735-1 §7.1, §9.3).
    private mutating func adoptSyntaxIdentifier(of unb: EdifactSegmentView) {
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
