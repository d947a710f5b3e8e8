/// `HashValue.appendCanonical` and the timestamp rule on raw bytes (CBV 2.0 §8.9.2 value
/// normalisation). Values that need no rewriting, the great majority, are copied straight in;
/// the rest take exactly the routes `HashValue` takes, so both paths write the same bytes.
enum FastValue {
    @inline(__always)
    static func mayBeNumber(_ b: UInt8) -> Bool {
        isDigitByte(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+") || b == UInt8(ascii: ".")
            || (b | 0x20) == UInt8(ascii: "i") || (b | 0x20) == UInt8(ascii: "n")
    }

    /// `=` and the canonical form of `u`, or nothing when `u` is blank.
    static func appendCanonical(_ u: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) throws(HashValue.Unhashable) {
        guard let first = u.first, let last = u.last else { return }
        var general = HashValue.isSpace(first) || HashValue.isSpace(last) || mayBeNumber(first)
        if !general {
            if first == UInt8(ascii: "u") || first == UInt8(ascii: "h"), u.contains(UInt8(ascii: ".")) {
                let hasCBVURN = u.count >= 18 && HashValue.contains(u, HashValue.cbvURNStem)
                if !hasCBVURN, first == UInt8(ascii: "u"), FastEPC.append(u, to: &out) { return }
                var b = Array(u)
                if hasCBVURN { b = HashValue.replacingCBVURNs(b) }
                out.append(UInt8(ascii: "="))
                if let dl = DigitalLinkNormaliser.normalise(bytes: b) { out += dl } else { out += b }
                return
            }
            if u.count >= HashValue.cbvURNStem.count, HashValue.contains(u, HashValue.cbvURNStem) { general = true }
        }
        if !general {
            out.append(UInt8(ascii: "="))
            out.append(contentsOf: u)
            return
        }
        let t = HashValue.trimmed(String(decoding: u, as: UTF8.self))
        if !t.isEmpty {
            out.append(UInt8(ascii: "="))
            out += try HashValue.canonical(t).utf8
        }
    }

    /// `=` and the UTC millisecond form of a time field's value, or nothing when it is blank.
    static func appendTimestamp(_ u: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) throws(HashValue.Unhashable) {
        if let first = u.first, let last = u.last, !HashValue.isSpace(first), !HashValue.isSpace(last) {
            out.append(UInt8(ascii: "="))
            let mark = out.count
            switch canonicalTimestamp(u, into: &out) {
            case .canonical: return
            case .unchanged:
                out.removeSubrange(mark...)
                out.append(contentsOf: u)
                return
            case .roundsToNextSecond:
                out.removeSubrange((mark - 1)...)
            }
        }
        let t = HashValue.trimmed(String(decoding: u, as: UTF8.self))
        if !t.isEmpty {
            out.append(UInt8(ascii: "="))
            out += try HashValue.timestamp(t).utf8
        }
    }

    enum TimestampOutcome { case unchanged, canonical, roundsToNextSecond }

    /// `HashTimestamp.canonicalise` on bytes, writing the canonical form straight into `out`
    /// (which the caller rolls back unless the outcome is `.canonical`).
    static func canonicalTimestamp(_ b: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> TimestampOutcome {
        var i = 0
        func num(_ n: Int) -> Int? {
            guard i + n <= b.count else { return nil }
            var v = 0
            for k in i..<(i + n) {
                guard isDigitByte(b[k]) else { return nil }
                v = v * 10 + Int(b[k] - 0x30)
            }
            i += n
            return v
        }
        func take(_ c: UInt8) -> Bool {
            if i < b.count, b[i] == c { i += 1; return true }
            return false
        }
        guard let year = num(4), take(UInt8(ascii: "-")), let month = num(2), take(UInt8(ascii: "-")), let day = num(2),
              (1...12).contains(month), (1...HashTimestamp.daysIn(month, year)).contains(day) else { return .unchanged }
        var hour = 0, minute = 0, second = 0, micro = 0
        var offsetMinutes = 0
        if i < b.count {
            guard take(UInt8(ascii: "T")) || take(UInt8(ascii: " ")) || take(UInt8(ascii: "t")) else { return .unchanged }
            guard let h = num(2), take(UInt8(ascii: ":")), let m = num(2), h < 24, m < 60 else { return .unchanged }
            hour = h
            minute = m
            if take(UInt8(ascii: ":")) {
                guard let s = num(2), s < 60 else { return .unchanged }
                second = s
                if take(UInt8(ascii: ".")) || take(UInt8(ascii: ",")) {
                    var digits = 0
                    while i < b.count, isDigitByte(b[i]) {
                        if digits < 6 { micro = micro * 10 + Int(b[i] - 0x30) }
                        digits += 1
                        i += 1
                    }
                    guard digits > 0 else { return .unchanged }
                    for _ in min(digits, 6)..<6 { micro *= 10 }
                }
            }
            if i < b.count {
                if take(UInt8(ascii: "Z")) || take(UInt8(ascii: "z")) {
                } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                    let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
                    i += 1
                    guard let oh = num(2) else { return .unchanged }
                    var om = 0
                    if i < b.count {
                        _ = take(UInt8(ascii: ":"))
                        guard let mm = num(2) else { return .unchanged }
                        om = mm
                    }
                    offsetMinutes = sign * (oh * 60 + om)
                } else {
                    return .unchanged
                }
            }
            guard i == b.count else { return .unchanged }
        }

        var q = micro / 1000
        let r = micro % 1000
        if r > 500 || (r == 500 && q % 2 == 1) { q += 1 }
        if q == 1000 { return .roundsToNextSecond }

        var days = HashTimestamp.daysFromCivil(year, month, day)
        var minutes = hour * 60 + minute - offsetMinutes
        let dayShift = minutes >= 0 ? minutes / 1440 : -((-minutes + 1439) / 1440)
        days += dayShift
        minutes -= dayShift * 1440
        let (y, mo, d) = HashTimestamp.civilFromDays(days)
        guard (1...9999).contains(y) else { return .unchanged }

        func put(_ v: Int, _ width: Int) {
            var div = 1
            for _ in 1..<width { div *= 10 }
            var x = v
            while div > 0 {
                out.append(UInt8(0x30 + (x / div) % 10))
                x %= div
                div /= 10
            }
        }
        put(y, 4); out.append(UInt8(ascii: "-")); put(mo, 2); out.append(UInt8(ascii: "-")); put(d, 2)
        out.append(UInt8(ascii: "T")); put(minutes / 60, 2); out.append(UInt8(ascii: ":")); put(minutes % 60, 2)
        out.append(UInt8(ascii: ":")); put(second, 2); out.append(UInt8(ascii: ".")); put(q, 3); out.append(UInt8(ascii: "Z"))
        return .canonical
    }
}
