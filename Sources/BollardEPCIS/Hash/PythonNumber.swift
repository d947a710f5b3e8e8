/// Number canonicalisation of the CBV 2.0 hash (§8.9.2 "numeric values are written without
/// leading or trailing zeros") exactly as GS1's reference generator does it: the text is read
/// as a Python `float`; an integral value is written as an integer, anything else in Python's
/// shortest round-trip `repr`.
enum PythonNumber {
    enum Outcome: Equatable {
        case notANumber
        case canonical(String)
        /// `inf`: the reference generator raises and drops the event.
        case overflow
    }

    static func canonicalise(_ text: String) -> Outcome {
        if let plain = plainDecimal(text) { return .canonical(plain) }
        var bytes: [UInt8] = []
        guard let special = scan(text.utf8, into: &bytes) else { return .notANumber }
        switch special {
        case .nan: return .notANumber
        case .infinity: return .overflow
        case .finite:
            guard let d = Double(String(decoding: bytes, as: UTF8.self)) else { return .notANumber }
            if d.isInfinite { return .overflow }
            if d == d.rounded(.towardZero) { return .canonical(integerText(d)) }
            return .canonical(pythonRepr(d))
        }
    }

    enum Kind { case finite, nan, infinity }

    /// Fast path for `[+-]?digits[.digits]` with at most 15 significant digits and a magnitude
    /// that Python writes positionally (≥ 1e-4): such a decimal survives the round trip through
    /// a double unchanged, so `repr` is the text without redundant zeros. Nil otherwise.
    static func plainDecimal(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { u -> String? in
            var i = 0
            var negative = false
            if i < u.count, u[i] == UInt8(ascii: "-") || u[i] == UInt8(ascii: "+") { negative = u[i] == UInt8(ascii: "-"); i += 1 }
            let intStart = i
            while i < u.count, isDigitByte(u[i]) { i += 1 }
            let intEnd = i
            var fracStart = i, fracEnd = i
            if i < u.count, u[i] == UInt8(ascii: ".") {
                i += 1
                fracStart = i
                while i < u.count, isDigitByte(u[i]) { i += 1 }
                fracEnd = i
            }
            guard i == u.count, intEnd > intStart || fracEnd > fracStart else { return nil }
            var a = intStart
            while a < intEnd, u[a] == UInt8(ascii: "0") { a += 1 }
            var b = fracEnd
            while b > fracStart, u[b - 1] == UInt8(ascii: "0") { b -= 1 }
            let intDigits = intEnd - a
            var out: [UInt8] = []
            out.reserveCapacity(u.count + 2)
            if b == fracStart {
                guard intDigits <= 15 else { return nil }
                if intDigits == 0 { return "0" }
                if negative { out.append(UInt8(ascii: "-")) }
                out += UnsafeBufferPointer(rebasing: u[a..<intEnd])
                return String(decoding: out, as: UTF8.self)
            }
            var significant = intDigits + (b - fracStart)
            if intDigits == 0 {
                var z = fracStart
                while z < b, u[z] == UInt8(ascii: "0") { z += 1 }
                guard z - fracStart <= 3 else { return nil }
                significant = b - z
            }
            guard significant <= 15 else { return nil }
            if negative { out.append(UInt8(ascii: "-")) }
            if intDigits == 0 { out.append(UInt8(ascii: "0")) } else { out += UnsafeBufferPointer(rebasing: u[a..<intEnd]) }
            out.append(UInt8(ascii: "."))
            out += UnsafeBufferPointer(rebasing: u[fracStart..<b])
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Python's `float()` grammar: `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`
    /// with `_` allowed between digits, or `inf`/`infinity`/`nan` in any case. Writes the
    /// underscore-free text to `out`.
    static func scan(_ s: String.UTF8View, into out: inout [UInt8]) -> Kind? {
        var it = Array(s)
        guard !it.isEmpty else { return nil }
        var i = 0
        if it[0] == UInt8(ascii: "+") || it[0] == UInt8(ascii: "-") { out.append(it[0]); i = 1 }
        let word = String(decoding: it[i...], as: UTF8.self).lowercased()
        if word == "inf" || word == "infinity" { return .infinity }
        if word == "nan" { return .nan }
        func digits() -> Int {
            var n = 0
            while i < it.count {
                let b = it[i]
                if isDigitByte(b) { out.append(b); n += 1; i += 1; continue }
                if b == UInt8(ascii: "_"), n > 0, i + 1 < it.count, isDigitByte(it[i + 1]) { i += 1; continue }
                break
            }
            return n
        }
        let intDigits = digits()
        var fracDigits = 0
        if i < it.count, it[i] == UInt8(ascii: ".") {
            out.append(it[i]); i += 1
            if i < it.count, it[i] == UInt8(ascii: "_") { return nil }
            fracDigits = digits()
        }
        guard intDigits + fracDigits > 0 else { return nil }
        if i < it.count, it[i] | 0x20 == UInt8(ascii: "e") {
            out.append(UInt8(ascii: "e")); i += 1
            if i < it.count, it[i] == UInt8(ascii: "+") || it[i] == UInt8(ascii: "-") { out.append(it[i]); i += 1 }
            guard digits() > 0 else { return nil }
        }
        it.removeAll()
        return i == s.count ? .finite : nil
    }

    /// Python `str(int(d))`: the exact decimal value of an integral double.
    static func integerText(_ d: Double) -> String {
        if abs(d) < 9.0e18 { return String(Int64(d)) }
        // Exact expansion of significand × 2^exponent in base 10⁹ limbs.
        var limbs: [UInt32] = [0]
        var sig = d.significandBitPattern | (1 << 52)
        var exp = Int(d.exponent) - 52
        if exp < 0 { sig >>= UInt64(-exp); exp = 0 }
        limbs = [UInt32(sig % 1_000_000_000), UInt32((sig / 1_000_000_000) % 1_000_000_000), UInt32(sig / 1_000_000_000_000_000_000)]
        for _ in 0..<exp {
            var carry: UInt64 = 0
            for j in limbs.indices {
                let v = UInt64(limbs[j]) * 2 + carry
                limbs[j] = UInt32(v % 1_000_000_000)
                carry = v / 1_000_000_000
            }
            if carry > 0 { limbs.append(UInt32(carry)) }
        }
        while limbs.count > 1, limbs.last == 0 { limbs.removeLast() }
        var s = d < 0 ? "-" : ""
        s += String(limbs[limbs.count - 1])
        for j in stride(from: limbs.count - 2, through: 0, by: -1) {
            let part = String(limbs[j])
            s += String(repeating: "0", count: 9 - part.count) + part
        }
        return s
    }

    /// Python's `repr(float)`: shortest round-trip digits, positional for exponents −4…15,
    /// otherwise `d.ddde±XX` with at least two exponent digits.
    static func pythonRepr(_ d: Double) -> String {
        // Swift's description yields the same shortest digits; only the layout differs.
        let swift = d.description
        var mantissa = swift
        var exponent = 0
        if let e = swift.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = String(swift[..<e])
            exponent = Int(swift[swift.index(after: e)...]) ?? 0
        }
        var negative = false
        if mantissa.hasPrefix("-") { negative = true; mantissa.removeFirst() }
        var intPart = mantissa
        var fracPart = ""
        if let dot = mantissa.firstIndex(of: ".") {
            intPart = String(mantissa[..<dot])
            fracPart = String(mantissa[mantissa.index(after: dot)...])
        }
        var digits = intPart + fracPart
        var pointPos = intPart.count + exponent
        while digits.hasPrefix("0"), digits.count > 1 { digits.removeFirst(); pointPos -= 1 }
        while digits.hasSuffix("0"), digits.count > 1 { digits.removeLast() }
        let sciExp = pointPos - 1
        var out = negative ? "-" : ""
        if sciExp < -4 || sciExp >= 16 {
            out += String(digits.prefix(1))
            if digits.count > 1 { out += "." + digits.dropFirst() }
            out += "e" + (sciExp < 0 ? "-" : "+")
            let e = String(abs(sciExp))
            out += (e.count < 2 ? "0" : "") + e
        } else if pointPos <= 0 {
            out += "0." + String(repeating: "0", count: -pointPos) + digits
        } else if pointPos >= digits.count {
            out += digits + String(repeating: "0", count: pointPos - digits.count) + ".0"
        } else {
            out += digits.prefix(pointPos) + "." + digits.dropFirst(pointPos)
        }
        return out
    }
}
