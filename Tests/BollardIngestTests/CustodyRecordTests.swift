import BollardCore
import BollardEPCIS
import BollardIngest
import BollardVerify
import Foundation
import Testing

struct CustodyRecordTests {
    /// The submitter rides along in the leaf without changing the event: decoding gives back
    /// both, and the GS1 event hash recomputed from the leaf is the one of the source document.
    @Test func aLeafCarriesItsSubmitterAndKeepsTheEventsGS1Hash() throws {
        let doc = try #require(try Busan.story().first { $0.stem == "09-w1-receipts" })
        let mapped = try EPCISCoreMapper().map(doc.bytes, fileName: doc.stem)
        let hashes = try EPCISEventHasher().hashes(documentBytes: doc.bytes, fileName: doc.stem + ".jsonld")
        for (i, event) in mapped.events.enumerated() {
            let leaf = try CustodyRecord.leaf(event: event.event, submitter: try PartyID(doc.submitter))
            #expect(try JCS.canonicalize(json: leaf) == leaf)
            let (submitter, decoded) = try CustodyRecord.decode(leaf, index: UInt64(i))
            #expect(submitter.description == doc.submitter)
            #expect(decoded == event.event)
            #expect(try GS1EventHashRecomputer().eventHash(leaf: leaf) == hashes[i].hash)
        }
    }

    @Test func aLeafWithoutSubmitterIsRefusedWithItsIndex() throws {
        let doc = try #require(try Busan.story().first)
        let event = try #require(try EPCISCoreMapper().map(doc.bytes, fileName: doc.stem).events.first)
        let bare = try JCS.encode(event.event)
        #expect {
            try CustodyRecord.decode(bare, index: 41)
        } throws: { error in
            (error as? IngestError)?.position == "log entry 41"
        }
    }

    @Test(arguments: [
        (Int64(0), "1970-01-01"), (951_782_400_000, "2000-02-29"), (-1, "1969-12-31"), (1_772_409_600_000, "2026-03-02"),
    ])
    func indexDatesAreUTCCalendarDates(ms: Int64, date: String) throws {
        let doc = try #require(try Busan.story().first)
        var event = try #require(try EPCISCoreMapper().map(doc.bytes, fileName: doc.stem).events.first).event
        event.eventTime = try EventTime(Self.iso(ms))
        let entries = StateProjection.indexEntries(event: event, command: nil, index: 5)
        #expect(entries.filter { $0.dimension == .date }.map(\.value) == [date])
        #expect(entries.allSatisfy { $0.eventKey == "0000000000000005" })
    }

    static func iso(_ ms: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: Double(ms) / 1000))
    }
}
