import Foundation

/// The date, time and control numbers an acknowledgment is stamped with, chosen by the caller so
/// acknowledgments are reproducible in tests and unique in production.
public struct AcknowledgmentStamp: Sendable, Equatable {
    /// Interchange control reference / ISA13 of the acknowledgment itself (≤ 9 digits for X12).
    public var interchangeControlNumber: Int
    /// Group control number (GS06) of the acknowledgment's functional group.
    public var groupControlNumber: Int
    public var date: Date

    public init(interchangeControlNumber: Int, groupControlNumber: Int? = nil, date: Date) {
        self.interchangeControlNumber = interchangeControlNumber
        self.groupControlNumber = groupControlNumber ?? interchangeControlNumber
        self.date = date
    }

    private var utc: DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
    }

    private static func two(_ v: Int?) -> String { String(format2: (v ?? 0) % 100) }

    /// YYMMDD.
    var yymmdd: String { let c = utc; return Self.two(c.year) + Self.two(c.month) + Self.two(c.day) }
    /// CCYYMMDD.
    var ccyymmdd: String { let c = utc; return String(c.year ?? 0) + Self.two(c.month) + Self.two(c.day) }
    /// HHMM.
    var hhmm: String { let c = utc; return Self.two(c.hour) + Self.two(c.minute) }
}
