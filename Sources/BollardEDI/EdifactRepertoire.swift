/// The character repertoires of ISO 9735 syntax levels A and B (UNB S001/0001 `UNOA`, `UNOB`),
/// as a bit set the envelope reader checks data against.
///
/// ISO 9735-1 (syntax 4) Annex A / ISO 9735 (syntax 3) §12: level A is the upper-case letters,
/// digits, space and `. , - ( ) / = ' + : ? ! " % & * ; < >`; level B adds the lower-case letters.
/// Any service character the interchange's UNA advises is allowed too (it delimits, or follows a
/// release character as data), and CR/LF inside a segment are line wrapping, not data.
///
/// Two kinds of byte fall outside, both reported as UN/EDIFACT service code list 0085 code 21
/// ("Invalid character(s)") with their position:
/// - a byte the declared repertoire cannot represent at all (≥ 0x80, or a control character):
///   its meaning is unknown, the text cannot be decoded, so it is an error that rejects the message;
/// - a printable ASCII character of a richer level (lower case in UNOA, `#`, `@`, `_`…): it decodes
///   unambiguously, and real UNOA traffic is full of it, so it is a warning — acknowledged, never
///   silently accepted, but not a reason to bounce the goods' paperwork.
///
/// The set is two 64-bit words, not a table in an array: the reader consults it for every
/// segment, and a plain value costs no reference counting on that path.
struct EdifactRepertoire: Sendable {
    enum Level: Sendable { case a, b }

    /// Bit `b` set: byte `b` is allowed (bytes 0–127; nothing from 128 on is).
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    /// The repertoire an interchange declares in UNB S001/0001, or nil for repertoires with no
    /// byte restriction Bollard checks (UNOC… are full 8-bit sets).
    init?(syntaxIdentifier: String, serviceCharacters: EdifactServiceCharacters) {
        switch syntaxIdentifier {
        case "UNOA": self.init(.a, serviceCharacters)
        case "UNOB": self.init(.b, serviceCharacters)
        default: return nil
        }
    }

    init(_ level: Level, _ chars: EdifactServiceCharacters) {
        var allowed = Array(" .,-()/='+:?!\"%&*;<>".utf8) + Array(UInt8(ascii: "A")...UInt8(ascii: "Z"))
            + Array(UInt8(ascii: "0")...UInt8(ascii: "9"))
        if level == .b { allowed += Array(UInt8(ascii: "a")...UInt8(ascii: "z")) }
        allowed += [chars.componentSeparator, chars.elementSeparator, chars.decimalMark, chars.segmentTerminator, 0x0A, 0x0D]
        if let r = chars.releaseCharacter { allowed.append(r) }
        if let r = chars.repetitionSeparator { allowed.append(r) }
        for b in allowed where b < 0x80 {
            if b < 64 { low |= 1 << UInt64(b) } else { high |= 1 << UInt64(b - 64) }
        }
    }

    @inline(__always)
    private func isAllowed(_ b: UInt8) -> Bool {
        if b < 64 { return low >> UInt64(b) & 1 != 0 }
        if b < 128 { return high >> UInt64(b - 64) & 1 != 0 }
        return false
    }

    /// The first byte of each kind outside the repertoire, as indices into `bytes`; a kind
    /// already reported for the current message is not looked for again. No copy, no decoding.
    ///
    /// First one word test per eight bytes, with no branch inside: a segment whose every byte
    /// lies in the block every level allows (0x20–0x5A without `#`, `$`, `@`: space, digits,
    /// upper case, level A punctuation) is cleared at once, its last word overlapping the one
    /// before. That is nearly every segment of real traffic. Anything else (lower case, a
    /// wrapped line, an advised service character, a short segment) is then looked up byte by
    /// byte, skipping the words that are clear.
    func findings(
        _ bytes: UnsafeBufferPointer<UInt8>, wantOutsideLevel: Bool, wantUndecodable: Bool
    ) -> (outsideLevel: Int?, undecodable: Int?) {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return (nil, nil) }
        if count >= 8 {
            var flagged: UInt64 = 0
            var i = 0
            while i + 8 <= count {
                flagged |= Self.outsideCommonBlock(ByteSearch.word(base, i))
                i += 8
            }
            if i < count { flagged |= Self.outsideCommonBlock(ByteSearch.word(base, count - 8)) }
            if flagged == 0 { return (nil, nil) }
        }
        var outside: Int?
        var undecodable: Int?
        var i = 0
        while i < count {
            if i + 8 <= count, Self.outsideCommonBlock(ByteSearch.word(base, i)) == 0 {
                i += 8
                continue
            }
            let b = base[i]
            if !isAllowed(b) {
                if b >= 0x80 || b < 0x20 || b == 0x7F {
                    if wantUndecodable && undecodable == nil { undecodable = i }
                } else if wantOutsideLevel && outside == nil {
                    outside = i
                }
                if (undecodable != nil || !wantUndecodable) && (outside != nil || !wantOutsideLevel) { break }
            }
            i += 1
        }
        return (outside, undecodable)
    }

    /// `findings` on a slice: indices are the slice's own.
    func findings(
        _ bytes: ArraySlice<UInt8>, wantOutsideLevel: Bool, wantUndecodable: Bool
    ) -> (outsideLevel: Int?, undecodable: Int?) {
        let (outside, undecodable) = bytes.withUnsafeBufferPointer {
            findings($0, wantOutsideLevel: wantOutsideLevel, wantUndecodable: wantUndecodable)
        }
        return (outside.map { bytes.startIndex + $0 }, undecodable.map { bytes.startIndex + $0 })
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether every byte of `w` is in 0x20…0x5A and none is `#`, `$` or `@`.
    @inline(__always)
    static func allInCommonBlock(_ w: UInt64) -> Bool { outsideCommonBlock(w) == 0 }

    /// Nonzero when some byte of `w` is outside 0x20…0x5A or is `#`, `$` or `@` (SWAR byte
    /// tests, no branch: a high bit, a byte below n, a byte above n, a zero byte after XOR).
    @inline(__always)
    static func outsideCommonBlock(_ w: UInt64) -> UInt64 {
        let below20 = (w &- ones &* 0x20) & ~w
        let above5A = (w &+ ones &* (127 - 0x5A)) | w
        func zeroBytes(_ v: UInt64) -> UInt64 { (v &- ones) & ~v }
        return (below20 | above5A | zeroBytes(w ^ (ones &* 0x23)) | zeroBytes(w ^ (ones &* 0x24))
            | zeroBytes(w ^ (ones &* 0x40))) & highBits
    }
}
