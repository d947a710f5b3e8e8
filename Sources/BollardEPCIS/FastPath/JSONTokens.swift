/// One JSON value or member name of a document, as byte offsets: the fast path's flat stand-in
/// for `JSONValue`, so a 20,000-event document is one array instead of a million boxed nodes.
struct JSONToken: Sendable {
    enum Kind: UInt8, Sendable {
        case object, array, string, number, trueLiteral, falseLiteral, null, key
    }

    var kind: Kind
    /// For strings and keys: `escaped` when the text holds a `\` escape, `nonASCII` when it holds
    /// bytes ≥ 0x80 (already checked to be valid UTF-8).
    var flags: UInt8
    /// Strings and keys: the bytes between the quotes; numbers and literals: their text;
    /// objects and arrays: from the opening bracket to just past the closing one.
    var start: Int32
    var end: Int32
    /// Objects and arrays: the index of the first token after the value. Keys: the interned
    /// member-name id, filled in by the event walk. Others: unused.
    var next: Int32

    static let escaped: UInt8 = 1
    static let nonASCII: UInt8 = 2
}

/// Tokenises a whole RFC 8259 document with the same acceptance as `JSONScanner`: a document
/// `JSONScanner` refuses yields nil here, so the caller falls back to the path that reports
/// the fault with its position.
struct JSONTokenizer {
    static func tokens(_ bytes: UnsafeBufferPointer<UInt8>) -> [JSONToken]? {
        guard bytes.count < Int(Int32.max) else { return nil }
        var t = JSONTokenizer(bytes: bytes)
        t.tokens.reserveCapacity(bytes.count / 12 + 16)
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { t.index = 3 }
        t.skipWhitespace()
        guard t.value() else { return nil }
        t.skipWhitespace()
        guard t.index == bytes.count else { return nil }
        return t.tokens
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var tokens: [JSONToken] = []
    /// Open containers: token index, and whether it is an object.
    var stack: [(token: Int, object: Bool)] = []

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        stack.reserveCapacity(32)
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    /// One complete value at `index`, containers iteratively (no recursion on deep input).
    mutating func value() -> Bool {
        guard scalarOrOpen() else { return false }
        while let top = stack.last {
            skipWhitespace()
            guard index < bytes.count else { return false }
            let b = bytes[index]
            let close: UInt8 = top.object ? UInt8(ascii: "}") : UInt8(ascii: "]")
            if b == close {
                index += 1
                tokens[top.token].next = Int32(tokens.count)
                tokens[top.token].end = Int32(index)
                stack.removeLast()
                continue
            }
            // After the opening bracket no comma; after a member, exactly one.
            let empty = tokens.count == top.token + 1
            if !empty {
                guard b == UInt8(ascii: ",") else { return false }
                index += 1
                skipWhitespace()
            }
            if top.object {
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return false }
                guard string(kind: .key) else { return false }
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return false }
                index += 1
                skipWhitespace()
            }
            guard scalarOrOpen() else { return false }
        }
        return true
    }

    @inline(__always)
    mutating func scalarOrOpen() -> Bool {
        guard index < bytes.count else { return false }
        let i32 = Int32(index)
        switch bytes[index] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let object = bytes[index] == UInt8(ascii: "{")
            guard stack.count < JSONScanner.maxDepth else { return false }
            stack.append((tokens.count, object))
            tokens.append(JSONToken(kind: object ? .object : .array, flags: 0, start: i32, end: i32, next: 0))
            index += 1
            skipWhitespace()
            return true
        case UInt8(ascii: "\""): return string(kind: .string)
        case UInt8(ascii: "t"): return literal("true", .trueLiteral)
        case UInt8(ascii: "f"): return literal("false", .falseLiteral)
        case UInt8(ascii: "n"): return literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
        default: return false
        }
    }

    mutating func literal(_ word: StaticString, _ kind: JSONToken.Kind) -> Bool {
        let n = word.utf8CodeUnitCount
        guard index + n <= bytes.count else { return false }
        let p = word.utf8Start
        for i in 0..<n where bytes[index + i] != p[i] { return false }
        tokens.append(JSONToken(kind: kind, flags: 0, start: Int32(index), end: Int32(index + n), next: 0))
        index += n
        return true
    }

    @inline(__always) func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }

    mutating func number() -> Bool {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { return false }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { return false }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { return false }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        tokens.append(JSONToken(kind: .number, flags: 0, start: Int32(start), end: Int32(index), next: 0))
        return true
    }

    /// A string at `index` (on its opening quote). Escapes and UTF-8 are checked as
    /// `JSONScanner` checks them.
    mutating func string(kind: JSONToken.Kind) -> Bool {
        index += 1
        let start = index
        var flags: UInt8 = 0
        while index < bytes.count {
            skipPlainRun()
            guard index < bytes.count else { return false }
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                if flags & JSONToken.nonASCII != 0 {
                    let raw = UnsafeBufferPointer(rebasing: bytes[start..<index])
                    if flags & JSONToken.escaped != 0 {
                        // `JSONScanner` checks the decoded text, as here.
                        var decoded: [UInt8] = []
                        appendUnescapedJSON(raw, to: &decoded)
                        guard String(validating: decoded, as: UTF8.self) != nil else { return false }
                    } else {
                        guard String(validating: raw, as: UTF8.self) != nil else { return false }
                    }
                }
                tokens.append(JSONToken(kind: kind, flags: flags, start: Int32(start), end: Int32(index), next: 0))
                index += 1
                return true
            }
            if b < 0x20 { return false }
            if b >= 0x80 { flags |= JSONToken.nonASCII }
            if b == UInt8(ascii: "\\") {
                flags |= JSONToken.escaped
                index += 1
                guard index < bytes.count else { return false }
                switch bytes[index] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 1
                case UInt8(ascii: "u"):
                    index += 1
                    guard let scalar = hex4() else { return false }
                    if scalar >= 0xD800, scalar < 0xDC00 {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else { return false }
                        index += 2
                        guard let low = hex4(), low >= 0xDC00, low < 0xE000 else { return false }
                    } else if scalar >= 0xDC00, scalar < 0xE000 {
                        return false
                    }
                default:
                    return false
                }
                continue
            }
            index += 1
        }
        return false
    }

    /// Skips eight bytes at a time while none of them is a quote, a backslash, a control
    /// character or a byte ≥ 0x80 (SWAR: "determine if a word has a byte less than n").
    @inline(__always)
    mutating func skipPlainRun() {
        guard let base = bytes.baseAddress else { return }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        while index + 8 <= bytes.count {
            let v = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let quote = v ^ (ones &* 0x22)
            let slash = v ^ (ones &* 0x5C)
            let special = ((quote &- ones) & ~quote) | ((slash &- ones) & ~slash) | ((v &- ones &* 0x20) & ~v) | v
            if special & high != 0 { return }
            index += 8
        }
    }

    mutating func hex4() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let d: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = b - UInt8(ascii: "A") + 10
            default: return nil
            }
            v = v << 4 | UInt32(d)
            index += 1
        }
        return v
    }
}

/// Decodes the escapes of a JSON string (RFC 8259 §7) that `JSONTokenizer` has already checked.
func appendUnescapedJSON(_ s: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
    var i = 0
    func hex(_ at: Int) -> UInt32 {
        var v: UInt32 = 0
        for k in at..<(at + 4) {
            let b = s[k]
            let d: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - UInt8(ascii: "a") + 10)
            default: d = UInt32(b - UInt8(ascii: "A") + 10)
            }
            v = v << 4 | d
        }
        return v
    }
    while i < s.count {
        let b = s[i]
        if b != UInt8(ascii: "\\") { out.append(b); i += 1; continue }
        let e = s[i + 1]
        i += 2
        switch e {
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = hex(i)
            i += 4
            if scalar >= 0xD800, scalar < 0xDC00 {
                let low = hex(i + 2)
                i += 6
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            if let u = Unicode.Scalar(scalar), let encoded = UTF8.encode(u) { out.append(contentsOf: encoded) }
        default: out.append(e)
        }
    }
}
