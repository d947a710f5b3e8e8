/// Writes a `JCSValue` in RFC 8785 canonical form: no whitespace (§3.2.1), members sorted by
/// the UTF-16 code units of their names (§3.2.3), strings escaped as ECMAScript's
/// JSON.stringify does (§3.2.2.2), numbers as ECMAScript's Number.prototype.toString
/// (§3.2.2.3), output in UTF-8 (§3.2.4).
public enum JCS {
    /// The canonical UTF-8 bytes of `value`.
    public static func canonicalize(_ value: JCSValue) throws(JCSError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        try write(value, into: &out)
        return out
    }

    /// Parses I-JSON bytes and returns their canonical form.
    public static func canonicalize(json bytes: [UInt8]) throws(JCSError) -> [UInt8] {
        try canonicalize(parse(bytes))
    }

    /// The number as RFC 8785 §3.2.2.3 writes it.
    public static func serialize(number: Double) throws(JCSError) -> String {
        var out: [UInt8] = []
        try JCSNumber.serialize(number, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func write(_ value: JCSValue, into out: inout [UInt8]) throws(JCSError) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let d): try JCSNumber.serialize(d, into: &out)
        case .string(let s): writeString(s, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                try write(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (i, member) in sortedByUTF16(members).enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                writeString(member.name, into: &out)
                out.append(UInt8(ascii: ":"))
                try write(member.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// §3.2.3: names compared as arrays of UTF-16 code units, not as Swift strings (whose `<`
    /// orders by Unicode scalars after normalization) nor as UTF-8 bytes (which order
    /// supplementary-plane characters after U+E000–U+FFFF, unlike UTF-16).
    static func sortedByUTF16(_ members: [JCSMember]) -> [JCSMember] {
        guard members.count > 1 else { return members }
        // For ASCII names (the usual case) UTF-8 byte order is UTF-16 code-unit order, and
        // comparing the contiguous UTF-8 views allocates nothing.
        if members.allSatisfy({ $0.name.utf8.allSatisfy { $0 < 0x80 } }) {
            return members.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        }
        let keyed = members.map { (units: Array($0.name.utf16), member: $0) }
        return keyed.sorted { $0.units.lexicographicallyPrecedes($1.units) }.map(\.member)
    }

    /// §3.2.2.2: only `"`, `\` and U+0000–U+001F are escaped; \b \t \n \f \r use their short
    /// forms, other controls `\u00xx` with lowercase hex; everything else (including `/` and
    /// non-ASCII) is written as its UTF-8 bytes.
    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Runs of bytes that need no escape (nearly all of them) are copied in one append.
        let copied: Void? = s.utf8.withContiguousStorageIfAvailable { bytes in
            var start = 0
            for i in 0..<bytes.count where needsEscape(bytes[i]) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                escape(bytes[i], into: &out)
                start = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        if copied == nil {
            for byte in s.utf8 {
                if needsEscape(byte) { escape(byte, into: &out) } else { out.append(byte) }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    static func escape(_ byte: UInt8, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\"))
        switch byte {
        case 0x08: out.append(UInt8(ascii: "b"))
        case 0x09: out.append(UInt8(ascii: "t"))
        case 0x0A: out.append(UInt8(ascii: "n"))
        case 0x0C: out.append(UInt8(ascii: "f"))
        case 0x0D: out.append(UInt8(ascii: "r"))
        case 0x00..<0x20:
            // Lowercase hex: 0–9 are 0x30…, a–f are 0x61….
            func digit(_ n: UInt8) -> UInt8 { n < 10 ? 0x30 + n : 0x57 + n }
            out.append(contentsOf: "u00".utf8)
            out.append(digit(byte >> 4))
            out.append(digit(byte & 0xF))
        default: out.append(byte)
        }
    }
}
