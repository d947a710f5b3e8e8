/// Timestamp canonicalisation of CBV 2.0 §8.9.2: ISO 8601 date-times are converted to UTC and
/// written with exactly millisecond precision, `YYYY-MM-DDTHH:MM:SS.sssZ`.
///
/// As in GS1's reference generator, digits beyond microseconds are cut, the microseconds are
/// rounded to milliseconds half-to-even, and a value that would round up into the next second
/// is an error (the reference drops such an event). Text that is not a date-time is kept.
enum HashTimestamp {
    enum Outcome: Equatable {
        case unchanged
        case canonical(String)
        case roundsToNextSecond
    }

    static func canonicalise(_ text: String) -> Outcome {
        let b = Array(text.utf8)
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
        func take(_ c: Character) -> Bool {
            if i < b.count, b[i] == c.asciiValue { i += 1; return true }
            return false
        }
        guard let year = num(4), take("-"), let month = num(2), take("-"), let day = num(2),
              (1...12).contains(month), (1...daysIn(month, year)).contains(day) else { return .unchanged }
        var hour = 0, minute = 0, second = 0, micro = 0
        var offsetMinutes = 0
        if i < b.count {
            guard take("T") || take(" ") || take("t") else { return .unchanged }
            guard let h = num(2), take(":"), let m = num(2), h < 24, m < 60 else { return .unchanged }
            hour = h; minute = m
            if take(":") {
                guard let s = num(2), s < 60 else { return .unchanged }
                second = s
                if take(".") || take(",") {
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
                if take("Z") || take("z") {
                } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                    let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
                    i += 1
                    guard let oh = num(2) else { return .unchanged }
                    var om = 0
                    if i < b.count {
                        _ = take(":")
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

        var days = daysFromCivil(year, month, day)
        var minutes = hour * 60 + minute - offsetMinutes
        days += Int((Double(minutes) / 1440).rounded(.down))
        minutes -= Int((Double(minutes) / 1440).rounded(.down)) * 1440
        let (y, mo, d) = civilFromDays(days)
        guard (1...9999).contains(y) else { return .unchanged }

        var out = [UInt8]()
        out.reserveCapacity(24)
        func put(_ v: Int, _ width: Int) {
            let start = out.count
            var x = v
            for _ in 0..<width { out.append(UInt8(0x30 + x % 10)); x /= 10 }
            out[start..<out.count].reverse()
        }
        put(y, 4); out.append(UInt8(ascii: "-")); put(mo, 2); out.append(UInt8(ascii: "-")); put(d, 2)
        out.append(UInt8(ascii: "T")); put(minutes / 60, 2); out.append(UInt8(ascii: ":")); put(minutes % 60, 2)
        out.append(UInt8(ascii: ":")); put(second, 2); out.append(UInt8(ascii: ".")); put(q, 3); out.append(UInt8(ascii: "Z"))
        return .canonical(String(decoding: out, as: UTF8.self))
    }

    static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
