import BollardCore

/// An event time with the offset EPCIS requires beside it (EPCIS 2.0 §7.4.1 eventTimeZoneOffset).
struct MappedTime {
    let time: EventTime
    let offset: String
}

extension MessageMapping {
    /// EDIFACT DTM C507 (2005 qualifier, 2380 value, 2379 format): the first DTM in `slice` with
    /// one of `qualifiers`, tried in that order, then the message header's DTM 137 (document date).
    ///
    /// Formats (UN/EDIFACT code list 2379): 102 CCYYMMDD, 203 CCYYMMDDHHMM, 204 CCYYMMDDHHMMSS,
    /// 201 YYMMDDHHMM. They carry no time zone; the mapper's `timeZoneOffset` applies (UTC unless
    /// the trading partner agreement says otherwise).
    func edifactTime(_ slice: ArraySlice<MappingSegment>?, _ qualifiers: [String]) throws(EDIMappingError) -> MappedTime {
        var candidates: [MappingSegment] = []
        for q in qualifiers { candidates += all("DTM", in: slice) { $0.value(1, 1) == q && !$0.value(1, 2).isEmpty } }
        candidates += all("DTM", in: header(before: [])) { $0.value(1, 1) == "137" && !$0.value(1, 2).isEmpty }
        guard let dtm = candidates.first else {
            throw error(.missingSegment, slice?.first, "a DTM with qualifier \((qualifiers + ["137"]).joined(separator: ", ")) gives the event time")
        }
        let value = dtm.value(1, 2)
        let format = dtm.value(1, 3).isEmpty ? "203" : dtm.value(1, 3)
        let digits: String
        switch (format, value.count) {
        case ("102", 8): digits = value + "000000"
        case ("203", 12): digits = value + "00"
        case ("204", 14): digits = value
        case ("201", 10): digits = "20" + value + "00"
        default:
            throw error(.invalidDate, dtm, element: 1, component: 2, "'\(value)' does not match date/time format \(format)")
        }
        return try time(digits, offset: options.timeZoneOffset, dtm, element: 1, component: 2)
    }

    /// X12 date (CCYYMMDD, or YYMMDD read as 20YY) and time (HHMM or HHMMSS) with an optional
    /// time code (X12 element 623: UT/GM = UTC; others take the mapper's `timeZoneOffset`).
    func x12Time(date: String, time t: String, code: String = "", _ s: MappingSegment, element: Int) throws(EDIMappingError) -> MappedTime {
        let d: String
        switch date.count {
        case 8: d = date
        case 6: d = "20" + date
        default: throw error(.invalidDate, s, element: element, "'\(date)' is not CCYYMMDD")
        }
        let clock: String
        switch t.count {
        case 0: clock = "000000"
        case 4: clock = t + "00"
        case 6: clock = t
        default: throw error(.invalidDate, s, element: element + 1, "'\(t)' is not HHMM or HHMMSS")
        }
        let offset = (code == "UT" || code == "GM" || code == "UTC") ? "+00:00" : options.timeZoneOffset
        return try time(d + clock, offset: offset, s, element: element)
    }

    /// `CCYYMMDDHHMMSS` digits → `CCYY-MM-DDTHH:MM:SS.000±hh:mm`, checked by `EventTime`.
    private func time(_ digits: String, offset: String, _ s: MappingSegment, element: Int, component: Int? = nil) throws(EDIMappingError) -> MappedTime {
        let b = Array(digits.utf8)
        guard b.count == 14, b.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw error(.invalidDate, s, element: element, component: component, "'\(digits)' is not all digits")
        }
        func part(_ r: Range<Int>) -> String { String(decoding: b[r], as: UTF8.self) }
        let text = "\(part(0..<4))-\(part(4..<6))-\(part(6..<8))T\(part(8..<10)):\(part(10..<12)):\(part(12..<14)).000\(offset)"
        do {
            return MappedTime(time: try EventTime(text), offset: offset)
        } catch {
            throw self.error(.invalidDate, s, element: element, component: component, error.description)
        }
    }
}
