import BollardIngest
import Foundation
import Testing

struct FormatSnifferTests {
    @Test func theBusanFixturesAreEPCISJSONLDAndXML() throws {
        for doc in try Busan.story(extension: "jsonld") {
            #expect(try FormatSniffer.sniff(doc.bytes) == .epcisJSONLD, "\(doc.stem)")
        }
        for doc in try Busan.story(extension: "xml") {
            #expect(try FormatSniffer.sniff(doc.bytes) == .epcisXML, "\(doc.stem)")
        }
    }

    @Test(arguments: [
        ("\u{FEFF}UNA:+.? 'UNB+UNOC:3+SENDER+RECEIVER+260302:0900+1'", DocumentFormat.edifact),
        ("UNB+UNOC:3+SENDER+RECEIVER+260302:0900+1'", .edifact),
        ("\n ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260302*0900*U*00401*000000001*0*P*>~", .x12),
    ])
    func ediIsToldByItsEnvelope(text: String, format: DocumentFormat) throws {
        #expect(try FormatSniffer.sniff(Array(text.utf8)) == format)
    }

    @Test(arguments: ["", "   \n", "%PDF-1.7\n", "{\"hello\": \"world\"}", "<?xml version=\"1.0\"?><invoice/>", "ID,LOT\n1,2\n"])
    func anythingElseIsRefusedWithAPosition(text: String) {
        #expect {
            try FormatSniffer.sniff(Array(text.utf8), fileName: "upload.bin")
        } throws: { error in
            guard let e = error as? IngestError else { return false }
            return e.code == .unknownFormat && e.file == "upload.bin" && e.position?.hasPrefix("byte ") == true
        }
    }

    @Test func aDocumentLargerThanTheHeadIsSniffedFromItsHeadAlone() throws {
        var bytes = Array(#"{"type":"EPCISDocument","epcisBody":{"eventList":["#.utf8)
        bytes += [UInt8](repeating: 0x20, count: 1_000_000)
        #expect(try FormatSniffer.sniff(bytes) == .epcisJSONLD)
    }
}
