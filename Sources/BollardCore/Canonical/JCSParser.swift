#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An RFC 8259 JSON parser producing `JCSValue`s, strict in the ways I-JSON (RFC 7493) is:
/// well-formed UTF-8, no lone surrogates, no duplicate member names, finite numbers. It scans
/// bytes; only strings become Swift `String`s.
struct JCSParser {
    static let maxDepth = 128

    private let bytes: [UInt8]
    private var i = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func parseDocument() throws(JCSError) -> JCSValue {
        skipWhitespace()
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard i == bytes.count else { throw JCSError(.trailingData, "data after the JSON value", position: i) }
        return value
    }

    private mutating func skipWhitespace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    private func peek() throws(JCSError) -> UInt8 {
        guard i < bytes.count else { throw JCSError(.unexpectedEnd, "the JSON text ends early", position: i) }
        return bytes[i]
    }

    private mutating func expect(_ literal: StaticString, _ value: JCSValue) throws(JCSError) -> JCSValue {
        let start = i
        let text = literal.withUTF8Buffer { Array($0) }
        guard bytes.count - i >= text.count, bytes[i..<i + text.count].elementsEqual(text) else {
            throw JCSError(.unexpectedByte, "expected \(literal)", position: start)
        }
        i += text.count
        return value
    }

    private mutating func parseValue(depth: Int) throws(JCSError) -> JCSValue {
        guard depth < Self.maxDepth else { throw JCSError(.tooDeep, "nested deeper than \(Self.maxDepth)", position: i) }
        switch try peek() {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try expect("true", .bool(true))
        case UInt8(ascii: "f"): return try expect("false", .bool(false))
        case UInt8(ascii: "n"): return try expect("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw JCSError(.unexpectedByte, "no JSON value starts with byte 0x\(String(bytes[i], radix: 16))", position: i)
        }
    }

    private mutating func parseObject(depth: Int) throws(JCSError) -> JCSValue {
        i += 1
        var members: [JCSMember] = []
        // Names whose bytes (unescaped in the text) strictly increase cannot repeat: canonical
        // JSON is sorted, so this is the common case and needs no set. The first name out of
        // order, or written with an escape, starts one.
        var names: Set<[UInt8]>?
        var previous: Range<Int>?
        skipWhitespace()
        if try peek() == UInt8(ascii: "}") { i += 1; return .object(members) }
        while true {
            skipWhitespace()
            let namePosition = i
            guard try peek() == UInt8(ascii: "\"") else { throw JCSError(.unexpectedByte, "expected a member name", position: i) }
            let (name, raw) = try parseStringKeepingRange()
            if names == nil {
                if let raw, previous == nil || members.isEmpty || precedes(previous, raw) {
                    previous = raw
                } else if !members.isEmpty || raw == nil {
                    names = Set(members.map { Array($0.name.utf8) })
                }
            }
            if names != nil, names?.insert(Array(name.utf8)).inserted == false {
                throw JCSError(.duplicateName, "member \"\(name)\" appears twice", position: namePosition)
            }
            skipWhitespace()
            guard try peek() == UInt8(ascii: ":") else { throw JCSError(.unexpectedByte, "expected ':'", position: i) }
            i += 1
            skipWhitespace()
            members.append(JCSMember(name, try parseValue(depth: depth + 1)))
            skipWhitespace()
            switch try peek() {
            case UInt8(ascii: ","): i += 1
            case UInt8(ascii: "}"): i += 1; return .object(members)
            default: throw JCSError(.unexpectedByte, "expected ',' or '}'", position: i)
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(JCSError) -> JCSValue {
        i += 1
        var elements: [JCSValue] = []
        skipWhitespace()
        if try peek() == UInt8(ascii: "]") { i += 1; return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            switch try peek() {
            case UInt8(ascii: ","): i += 1
            case UInt8(ascii: "]"): i += 1; return .array(elements)
            default: throw JCSError(.unexpectedByte, "expected ',' or ']'", position: i)
            }
        }
    }

    /// `a`'s bytes sort strictly before `b`'s (both ranges of the input).
    private func precedes(_ a: Range<Int>?, _ b: Range<Int>) -> Bool {
        guard let a else { return true }
        return bytes.withUnsafeBufferPointer { p in
            let common = min(a.count, b.count)
            if common > 0, let pa = p.baseAddress {
                let c = memcmp(pa + a.lowerBound, pa + b.lowerBound, common)
                if c != 0 { return c < 0 }
            }
            return a.count < b.count
        }
    }

    private mutating func parseString() throws(JCSError) -> String {
        try parseStringKeepingRange().0
    }

    /// The string, and where its bytes are in the input when it has no escape (the text is
    /// then the bytes themselves).
    private mutating func parseStringKeepingRange() throws(JCSError) -> (String, Range<Int>?) {
        let start = i
        i += 1
        // Most strings have no escape: find the closing quote; ASCII bytes need no validation
        // and other UTF-8 is validated in place, with no copy into a scratch array.
        let count = bytes.count, first = i
        let scanned: (end: Int, ascii: Bool)? = bytes.withUnsafeBufferPointer { p in
            var k = first
            var high: UInt8 = 0
            while k < count {
                let b = p[k]
                if b == UInt8(ascii: "\"") { return (k, high < 0x80) }
                if b == UInt8(ascii: "\\") || b < 0x20 { return nil }
                high |= b
                k += 1
            }
            return nil
        }
        if let (end, ascii) = scanned {
            i = end + 1
            let text: String? = bytes.withUnsafeBufferPointer { p in
                let run = UnsafeBufferPointer(rebasing: p[first..<end])
                return ascii ? String(decoding: run, as: UTF8.self) : String(validating: run, as: UTF8.self)
            }
            guard let text else { throw JCSError(.invalidUTF8, "string is not well-formed UTF-8", position: start) }
            return (text, first..<end)
        }
        return (try parseEscapedString(from: start), nil)
    }

    private mutating func parseEscapedString(from start: Int) throws(JCSError) -> String {
        var out: [UInt8] = []
        var runStart = i
        while true {
            guard i < bytes.count else { throw JCSError(.unexpectedEnd, "unterminated string", position: start) }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                out.append(contentsOf: bytes[runStart..<i])
                i += 1
                break
            }
            if b < 0x20 { throw JCSError(.controlCharacterInString, "unescaped control character", position: i) }
            if b == UInt8(ascii: "\\") {
                out.append(contentsOf: bytes[runStart..<i])
                try parseEscape(into: &out)
                runStart = i
                continue
            }
            i += 1
        }
        guard let s = String(validating: out, as: UTF8.self) else {
            throw JCSError(.invalidUTF8, "string is not well-formed UTF-8", position: start)
        }
        return s
    }

    private mutating func parseEscape(into out: inout [UInt8]) throws(JCSError) {
        let at = i
        guard i + 1 < bytes.count else { throw JCSError(.unexpectedEnd, "unterminated escape", position: at) }
        let c = bytes[i + 1]
        i += 2
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(c)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4(at: at)
            if (0xD800..<0xDC00).contains(scalar) {
                guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                    throw JCSError(.loneSurrogate, "high surrogate without a low one", position: at)
                }
                i += 2
                let low = try hex4(at: at)
                guard (0xDC00..<0xE000).contains(low) else {
                    throw JCSError(.loneSurrogate, "high surrogate without a low one", position: at)
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(scalar) {
                throw JCSError(.loneSurrogate, "low surrogate without a high one", position: at)
            }
            guard let u = Unicode.Scalar(scalar) else { throw JCSError(.invalidEscape, "not a Unicode scalar", position: at) }
            out.append(contentsOf: String(Character(u)).utf8)
        default:
            throw JCSError(.invalidEscape, "unknown escape", position: at)
        }
    }

    private mutating func hex4(at: Int) throws(JCSError) -> UInt32 {
        guard bytes.count - i >= 4 else { throw JCSError(.unexpectedEnd, "short \\u escape", position: at) }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[i]
            let d: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = b - UInt8(ascii: "A") + 10
            default: throw JCSError(.invalidEscape, "\\u needs four hex digits", position: at)
            }
            v = v << 4 | UInt32(d)
            i += 1
        }
        return v
    }

    /// RFC 8259 §6 number grammar, then the nearest double (RFC 8785 §3.2.2.3). An integer
    /// literal the double cannot hold exactly is refused rather than silently changed.
    private mutating func parseNumber() throws(JCSError) -> Double {
        let start = i
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        let intStart = i
        guard i < bytes.count, isDigit(bytes[i]) else { throw JCSError(.invalidNumber, "expected a digit", position: i) }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        let intEnd = i
        var isInteger = true
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            isInteger = false
            i += 1
            guard i < bytes.count, isDigit(bytes[i]) else { throw JCSError(.invalidNumber, "expected a fraction digit", position: i) }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            isInteger = false
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { throw JCSError(.invalidNumber, "expected an exponent digit", position: i) }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw JCSError(.numberNotFinite, "\(text) is not a finite double", position: start)
        }
        if isInteger, intEnd - intStart > 15, !Self.isExactOrCanonical(value, literal: bytes[start..<i], digits: bytes[intStart..<intEnd]) {
            throw JCSError(.numberNotExact, "\(text) is not exactly representable as a double (I-JSON, RFC 7493 §2.2)", position: start)
        }
        return value
    }

    /// A long integer literal is kept if the double holds it exactly, or if it is already the
    /// double's RFC 8785 spelling (ECMAScript writes integers below 10²¹ in full, padded with
    /// zeros: 3814878767505406500 for the double 3814878767505406464). Anything else would be
    /// silently changed by canonicalization, so it is refused.
    private static func isExactOrCanonical(_ value: Double, literal: ArraySlice<UInt8>, digits: ArraySlice<UInt8>) -> Bool {
        if let exact = UInt64(String(decoding: digits, as: UTF8.self)), let back = UInt64(exactly: value.magnitude), back == exact {
            return true
        }
        var canonical: [UInt8] = []
        do {
            try JCSNumber.serialize(value, into: &canonical)
        } catch {
            return false
        }
        return canonical.elementsEqual(literal)
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
}

extension JCS {
    /// Parses RFC 8259 JSON text under I-JSON's restrictions.
    public static func parse(_ bytes: [UInt8]) throws(JCSError) -> JCSValue {
        var parser = JCSParser(bytes)
        return try parser.parseDocument()
    }
}
