import BollardTestSupport
import Foundation
import Testing
@testable import BollardEPCIS

@Suite("GS1 Digital Link normaliser")
struct DigitalLinkNormaliserTests {
    @Test("all 71 vectors of dl_normaliser_vectors.tsv")
    func vectors() throws {
        let url = try SharedData.conformance("epcis-hash/dl_normaliser_vectors.tsv")
        let rows = try ConformanceData.lines(url).dropFirst()
        #expect(rows.count == 71)
        for row in rows {
            let cols = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let input = cols[0]
            let expected = cols.count > 1 && !cols[1].isEmpty ? cols[1] : nil
            let got = DigitalLinkNormaliser.normalise(input)
            if got != expected {
                Issue.record("\(input): expected \(expected ?? "no canonical form"), got \(got ?? "no canonical form")")
            }
        }
    }

    @Test("SGLN extension 0 drops /254, others keep it")
    func sglnExtension() {
        #expect(DigitalLinkNormaliser.normalise("urn:epc:id:sgln:4012345.00011.0") == "https://id.gs1.org/414/4012345000115")
        #expect(DigitalLinkNormaliser.normalise("urn:epc:id:sgln:4012345.00011.987") == "https://id.gs1.org/414/4012345000115/254/987")
    }

    @Test("values without a GS1 key have no canonical form")
    func nonKeys() {
        #expect(DigitalLinkNormaliser.normalise("OBSERVE") == nil)
        #expect(DigitalLinkNormaliser.normalise("https://example.com/path.html") == nil)
        #expect(DigitalLinkNormaliser.normalise("urn:epc:id:sgtin:4012345.011111") == nil)
    }
}
