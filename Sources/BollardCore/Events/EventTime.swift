/// An instant as EPCIS writes it (`xsd:dateTime` with a mandatory offset as EPCIS 2.0 requires):
/// `2026-03-02T09:15:00.000+09:00`. The text is kept verbatim (it is what the party signed and
/// what the event hash normalises), together with the instant in UTC milliseconds for ordering.
/// Parsed from bytes with a hand-written scanner: no `DateFormatter`, no locale, no clock.
public struct EventTime: Hashable, Sendable, Comparable, TextCodable, CustomStringConvertible {
    public let text: String
    /// Milliseconds since 1970-01-01T00:00:00Z; sub-millisecond digits are truncated.
    public let millisecondsSinceEpoch: Int64

    public init(_ text: String) throws(EventTimeError) {
        self.text = text
        self.millisecondsSinceEpoch = try EventTime.parse(Array(text.utf8), text: text)
    }

    public var description: String { text }

    /// By instant, then by text, so the order is total and agrees with `==` (which compares the
    /// text: the same instant written with two offsets is two different statements).
    public static func < (lhs: EventTime, rhs: EventTime) -> Bool {
        if lhs.millisecondsSinceEpoch != rhs.millisecondsSinceEpoch { return lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch }
        return lhs.text < rhs.text
    }

    public static func == (lhs: EventTime, rhs: EventTime) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    public var canonicalText: String { text }

    static func parse(_ b: [UInt8], text: String) throws(EventTimeError) -> Int64 {
        var i = 0
        func number(_ count: Int, _ field: String) throws(EventTimeError) -> Int {
            guard i + count <= b.count else { throw EventTimeError(text: text, position: i, "\(field): text ends early") }
            var n = 0
            for k in 0..<count {
                let c = b[i + k]
                guard c >= 0x30 && c <= 0x39 else { throw EventTimeError(text: text, position: i + k, "\(field): expected a digit") }
                n = n * 10 + Int(c - 0x30)
            }
            i += count
            return n
        }
        func expect(_ c: UInt8, _ what: String) throws(EventTimeError) {
            guard i < b.count, b[i] == c || (c == 0x54 && b[i] == 0x74) else {
                throw EventTimeError(text: text, position: i, "expected \(what)")
            }
            i += 1
        }
        let year = try number(4, "year")
        try expect(0x2D, "'-'")
        let month = try number(2, "month")
        try expect(0x2D, "'-'")
        let day = try number(2, "day")
        try expect(0x54, "'T'")
        let hour = try number(2, "hour")
        try expect(0x3A, "':'")
        let minute = try number(2, "minute")
        try expect(0x3A, "':'")
        let second = try number(2, "second")
        var millis = 0
        if i < b.count, b[i] == 0x2E {
            i += 1
            var digits = 0
            while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 {
                if digits < 3 { millis = millis * 10 + Int(b[i] - 0x30) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { throw EventTimeError(text: text, position: i, "fraction has no digits") }
            if digits < 3 { for _ in digits..<3 { millis *= 10 } }
        }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              hour <= 23, minute <= 59, second <= 60 else {
            throw EventTimeError(.outOfRange, text: text, position: 0, "date or time field out of range")
        }
        guard i < b.count else { throw EventTimeError(.missingTimeZone, text: text, position: i, "missing time zone offset (Z or ±hh:mm)") }
        var offsetMinutes = 0
        if b[i] == 0x5A || b[i] == 0x7A {
            i += 1
        } else if b[i] == 0x2B || b[i] == 0x2D {
            let sign = b[i] == 0x2D ? -1 : 1
            i += 1
            let oh = try number(2, "offset hours")
            try expect(0x3A, "':' in offset")
            let om = try number(2, "offset minutes")
            guard oh <= 14, om <= 59 else { throw EventTimeError(.outOfRange, text: text, position: i - 5, "offset out of range") }
            offsetMinutes = sign * (oh * 60 + om)
        } else {
            throw EventTimeError(text: text, position: i, "expected Z or ±hh:mm")
        }
        guard i == b.count else { throw EventTimeError(text: text, position: i, "trailing characters") }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetMinutes * 60)
        return seconds * 1000 + Int64(millis)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

public struct EventTimeError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, Codable {
        /// Not `YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)`.
        case malformed
        /// A field outside its range (month 13, 30 February, offset +15:00 …).
        case outOfRange
        /// No time zone: EPCIS requires one, and an instant without it is ambiguous.
        case missingTimeZone
    }

    public var code: Code
    public var text: String
    public var position: Int
    public var context: String

    public init(_ code: Code = .malformed, text: String, position: Int, _ context: String) {
        self.code = code
        self.text = text
        self.position = position
        self.context = context
    }

    public var description: String { "time \"\(text)\" at byte \(position): \(code.rawValue): \(context)" }
}
