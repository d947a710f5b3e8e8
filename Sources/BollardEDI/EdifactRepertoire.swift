/// The character repertoires of ISO 9735 syntax levels A and B (UNB S001/0001 `UNOA`, `UNOB`),
/// as a byte table the envelope reader checks data against.
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
struct EdifactRepertoire: Sendable {
    enum Level: Sendable { case a, b }

    enum Class: UInt8 {
        case allowed = 0
        case outsideLevel = 1
        case undecodable = 2
    }

    /// `table[b]` is the `Class` raw value of byte `b`.
    private let table: [UInt8]

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
        var t = [UInt8](repeating: Class.undecodable.rawValue, count: 256)
        for b in 0x20...0x7E { t[b] = Class.outsideLevel.rawValue }
        var allowed = Array(" .,-()/='+:?!\"%&*;<>".utf8) + Array(UInt8(ascii: "A")...UInt8(ascii: "Z"))
            + Array(UInt8(ascii: "0")...UInt8(ascii: "9"))
        if level == .b { allowed += Array(UInt8(ascii: "a")...UInt8(ascii: "z")) }
        allowed += [chars.componentSeparator, chars.elementSeparator, chars.decimalMark, chars.segmentTerminator, 0x0A, 0x0D]
        if let r = chars.releaseCharacter { allowed.append(r) }
        if let r = chars.repetitionSeparator { allowed.append(r) }
        for b in allowed { t[Int(b)] = Class.allowed.rawValue }
        table = t
    }

    /// The first byte of each kind outside the repertoire, as indices into `bytes`; a kind
    /// already reported for the current message is not looked for again. One table lookup per
    /// byte over the segment in place: no copy, no decoding.
    func findings(
        _ bytes: ArraySlice<UInt8>, wantOutsideLevel: Bool, wantUndecodable: Bool
    ) -> (outsideLevel: Int?, undecodable: Int?) {
        var outside: Int?
        var undecodable: Int?
        table.withUnsafeBufferPointer { t in
            bytes.withUnsafeBufferPointer { p in
                var i = 0
                while i < p.count {
                    let c = t[Int(p[i])]
                    if c != 0 {
                        if c == Class.undecodable.rawValue {
                            if wantUndecodable && undecodable == nil { undecodable = i }
                        } else if wantOutsideLevel && outside == nil {
                            outside = i
                        }
                        if (undecodable != nil || !wantUndecodable) && (outside != nil || !wantOutsideLevel) { break }
                    }
                    i += 1
                }
            }
        }
        return (outside.map { bytes.startIndex + $0 }, undecodable.map { bytes.startIndex + $0 })
    }
}
