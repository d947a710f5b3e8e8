import Testing

@testable import BollardCore

struct EventTests {
    @Test func eventTimeParsesOffsetsToUTC() throws {
        let a = try EventTime("2026-03-02T09:15:00.000+09:00")
        let b = try EventTime("2026-03-02T00:15:00Z")
        #expect(a.millisecondsSinceEpoch == b.millisecondsSinceEpoch)
        #expect(b.millisecondsSinceEpoch == 1_772_410_500_000)
        #expect(try EventTime("1970-01-01T00:00:00.5Z").millisecondsSinceEpoch == 500)
        #expect(try EventTime("1970-01-01T00:00:00.123456Z").millisecondsSinceEpoch == 123)
        #expect(try EventTime("2024-02-29T00:00:00-05:30").millisecondsSinceEpoch == 1_709_184_600_000)
    }

    @Test(arguments: ["2026-03-02T09:15:00", "2026-02-30T00:00:00Z", "2026-03-02 09:15:00Z", "2026-03-02T24:00:00Z",
                      "2026-03-02T09:15:00.Z", "2026-03-02T09:15:00+9:00", "2026-03-02T09:15:00Zjunk"])
    func badTimesAreRefused(_ text: String) {
        #expect(throws: EventTimeError.self) { try EventTime(text) }
    }

    @Test func timeErrorsSayWhy() {
        #expect(#expect(throws: EventTimeError.self) { try EventTime("2026-03-02T09:15:00") }?.code == .missingTimeZone)
        #expect(#expect(throws: EventTimeError.self) { try EventTime("2026-13-02T09:15:00Z") }?.code == .outOfRange)
        let error = #expect(throws: EventTimeError.self) { try EventTime("2026-03-02X09:15:00Z") }
        #expect(error?.code == .malformed)
        #expect(error?.position == 10)
    }

    func event(_ type: EventType, action: Action?) throws -> EPCISEvent {
        try EPCISEvent(type: type, eventTime: EventTime("2026-03-02T09:15:00+09:00"), eventTimeZoneOffset: "+09:00",
                       action: action, sourcePointer: TestData.source(1))
    }

    @Test func perTypeFieldRules() throws {
        var object = try event(.objectEvent, action: .observe)
        object.epcList = [try EPC("urn:epc:id:bic:BDXU2001011")]
        try object.validate()
        object.childEPCs = object.epcList
        #expect(throws: EventValidationError(.fieldNotAllowed, field: "childEPCs", "ObjectEvent has no childEPCs")) { try object.validate() }

        var aggregation = try event(.aggregationEvent, action: .add)
        #expect(throws: EventValidationError.self) { try aggregation.validate() }
        aggregation.parentID = try EPC("urn:epc:id:bic:BDXU2001011")
        try aggregation.validate()

        var transformation = try event(.transformationEvent, action: .add)
        #expect(throws: EventValidationError.self) { try transformation.validate() }
        transformation.action = nil
        try transformation.validate()

        let transaction = try event(.transactionEvent, action: .add)
        #expect(throws: EventValidationError.self) { try transaction.validate() }

        var ilmdOnObserve = try event(.objectEvent, action: .observe)
        ilmdOnObserve.ilmd = ILMD()
        #expect(throws: EventValidationError.self) { try ilmdOnObserve.validate() }

        var badOffset = try event(.objectEvent, action: .observe)
        badOffset.eventTimeZoneOffset = "+0900"
        #expect(throws: EventValidationError.self) { try badOffset.validate() }
    }

    @Test func sourcePointerNeedsADigest() throws {
        #expect(throws: IdentifierError.self) { try SourcePointer(documentSHA256: "abc", position: .wholeDocument) }
        #expect(throws: IdentifierError.self) {
            try SourcePointer(documentSHA256: String(repeating: "A", count: 64), position: .wholeDocument)
        }
        let p = try SourcePointer(documentSHA256: [UInt8](repeating: 0xAB, count: 32), position: .xml(line: 3, column: 5))
        #expect(p.documentSHA256 == String(repeating: "ab", count: 32))
    }

    @Test func allObjectsListsEachOnce() throws {
        var e = try event(.aggregationEvent, action: .add)
        let box = try EPC("urn:epc:id:bic:BDXU2001011")
        let bar = try EPC("https://id.gs1.org/8004/8801234OPM26-0001")
        e.parentID = box
        e.childEPCs = [bar, bar]
        #expect(e.allObjects == [box, bar])
    }
}
