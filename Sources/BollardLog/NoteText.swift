/// The character rules of C2SP signed-note §Format: a note "MUST be valid UTF-8 and MUST NOT
/// contain any ASCII control characters (those below U+0020) other than newline".
///
/// One pass over the bytes, no String work, so that a hostile megabyte is refused as fast as it
/// can be read. UTF-8 validity is that of RFC 3629 §4: no overlong forms, no surrogates, nothing
/// above U+10FFFF.
enum NoteText {
    static func validate(_ bytes: [UInt8]) throws(NoteError) {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                if b < 0x20 && b != 0x0A {
                    throw NoteError(.controlCharacter, "control character 0x\(hex(b)) at byte \(i)")
                }
                i += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default:
                throw NoteError(.invalidUTF8, "byte 0x\(hex(b)) at byte \(i) cannot start a UTF-8 sequence")
            }
            guard i + length <= n else {
                throw NoteError(.invalidUTF8, "truncated UTF-8 sequence at byte \(i)")
            }
            let second = bytes[i + 1]
            guard second >= lower && second <= upper else {
                throw NoteError(.invalidUTF8, "invalid UTF-8 continuation byte at byte \(i + 1)")
            }
            var j = 2
            while j < length {
                guard bytes[i + j] & 0xC0 == 0x80 else {
                    throw NoteError(.invalidUTF8, "invalid UTF-8 continuation byte at byte \(i + j)")
                }
                j += 1
            }
            i += length
        }
    }

    static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: [digits[Int(b >> 4)], digits[Int(b & 0xf)]], as: UTF8.self)
    }
}
