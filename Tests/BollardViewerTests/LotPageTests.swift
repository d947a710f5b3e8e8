import BollardCore
import BollardLog
import BollardVerify
@testable import BollardViewer
import Foundation
import Testing

/// The lot page on the Busan story: bar OPM26-0001 from Onsan's refinery to W1's vault.
struct LotPageTests {
    /// What the test reads from each leaf itself (not from the page's code path).
    struct Step {
        var bizStep: String
        var eventTime: String
        var eventHash: String
        var submitter: String
        var source: String
    }

    static func steps(_ bundle: ProofBundle) throws -> [Step] {
        try bundle.items.map { item in
            let leaf = try require(Base64.decode(item.leaf), "leaf base64")
            let record = try require(try JSONSerialization.jsonObject(with: Data(leaf)) as? [String: Any], "leaf object")
            let pointer = try require(record["sourcePointer"] as? [String: Any], "sourcePointer")
            return Step(bizStep: record["bizStep"] as? String ?? "", eventTime: record["eventTime"] as? String ?? "",
                        eventHash: item.eventHash ?? "", submitter: record["submitter"] as? String ?? "",
                        source: pointer["documentSHA256"] as? String ?? "")
        }
    }

    @Test func everyStepOfTheGoldBarFromRefinerToVaultIsShownWithItsProof() async throws {
        let data = try await BusanData.get()
        let lot = try require(data.lots["OPM26-0001"], "lot bundle")
        #expect(lot.report.passed && lot.report.skipped.isEmpty, "\(lot.report.failures)")
        let epc = try EPC(lot.bundle.subject.id)
        let html = ViewerPages.lot(lot.bundle, report: lot.report, parties: data.parties, provenance: try data.state.provenance(of: epc))
        PageChecks.wellFormed(html)

        let steps = try Self.steps(lot.bundle)
        let rows = PageChecks.rows("timeline", in: html)
        #expect(rows.count == steps.count && steps.count == lot.bundle.items.count)
        // SCENARIO.md steps 1–5 for a gold bar: certified by Onsan, stuffed into BDXU2001011,
        // arrived and discharged at KRPUS, released by customs, gated out, received and unpacked
        // by W1 (the receipt that holds it is linked below the timeline).
        let terms = steps.map { Vocabulary.term($0.bizStep) }
        #expect(terms == ["commissioning", "packing", "arriving", "unloading", "inspecting", "departing", "receiving", "unpacking"],
                "\(terms)")
        for (step, row) in zip(steps, rows) {
            #expect(row.contains("<strong>\(HTML.escape(Vocabulary.term(step.bizStep)))</strong>"))
            #expect(row.contains(HTML.escape(step.eventTime.replacingOccurrences(of: "T", with: " "))), "\(step.eventTime)")
            #expect(row.contains("time zone +09:00"))
            #expect(row.contains(HTML.escape(step.eventHash)) && step.eventHash.hasPrefix("ni:///sha-256;"))
            #expect(row.contains("sha256:" + step.source))
            #expect(row.contains("EPCIS 2.0 JSON-LD") && row.contains("$[&#39;epcisBody&#39;][&#39;eventList&#39;]"))
            #expect(row.contains("GLN " + step.submitter.dropFirst(4)) || step.submitter.hasPrefix("customs:"))
            #expect(row.contains("<span class=\"ok\">✓ verified</span>"), "\(row)")
            #expect(!row.contains("✗"))
            #expect(row.contains("local ledger record local:"))
        }
        // Who and where, by name and identifier.
        #expect(rows.first?.contains("Onsan Precious Metals Refinery<br><span class=\"small muted\">GLN 8801234000017") == true)
        #expect(rows.contains { $0.contains("Busan Main Customs<br><span class=\"small muted\">customs office KR-BMC") })
        #expect(rows.contains { $0.contains("Busan New Port Terminal 3") })
        #expect(rows.last?.contains("Haeundae Bonded Logistics<br><span class=\"small muted\">GLN 8801234000048") == true)
        #expect(rows.last?.contains("out of BDXU2001011") == true)
        #expect(rows[1].contains("into BDXU2001011"))
        // The goods from the bar's commissioning ILMD, the receipt, the verdict.
        #expect(html.contains("<dt>Refiner</dt><dd>Onsan Precious Metals Refinery (GLN 8801234000017)</dd>"))
        #expect(html.contains("<dt>Serial number</dt><dd>OPM26-0001</dd>"))
        #expect(html.contains("<dt>Fineness</dt><dd>"))
        #expect(html.contains("href=\"/view/receipts/WR-W1-0001\""))
        #expect(html.contains("✓ Proofs verified."))
        #expect(PageChecks.occurrences(of: "✓ verified", in: html) == steps.count)
    }

    @Test func aTamperedRecordIsMarkedFailedAndTheOthersStayVerified() async throws {
        let data = try await BusanData.get()
        let lot = try require(data.lots["OPM26-0001"], "lot bundle")
        var bundle = lot.bundle
        // Change one character of the customs release's record (the 4th step) so it stays valid
        // JSON and a readable event: the disposition's last letter.
        let k = 4
        var leaf = try require(Base64.decode(bundle.items[k].leaf), "leaf")
        let needle = Array("customs_released\"".utf8)
        let at = try require(leaf.firstRange(of: needle), "the customs step's disposition").upperBound - 2
        leaf[at] ^= 0x01
        bundle.items[k].leaf = Base64.encode(leaf)
        let report = BusanData.verifier().verify(bundle)
        #expect(report.failures.map(\.name) == ["item[\(k)].inclusion", "item[\(k)].eventHash"])

        let html = ViewerPages.lot(bundle, report: report, parties: data.parties)
        PageChecks.wellFormed(html)
        let rows = PageChecks.rows("timeline", in: html)
        #expect(rows.count == bundle.items.count)
        for (i, row) in rows.enumerated() {
            if i == k {
                #expect(row.contains("<span class=\"bad\">✗ FAILED</span>"))
                #expect(row.contains("item[\(k)].inclusion: "))
                #expect(!row.contains("✓ verified"))
            } else {
                #expect(row.contains("✓ verified") && !row.contains("✗ FAILED"), "row \(i)")
            }
        }
        #expect(html.contains("<strong>✗ NOT VERIFIED.</strong>"))
        #expect(html.contains("2 of \(report.checks.count) checks failed"))
    }

    @Test func aForgedCheckpointFailsEveryStep() async throws {
        let data = try await BusanData.get()
        let lot = try require(data.lots["OPM26-0001"], "lot bundle")
        var bundle = lot.bundle
        var lines = bundle.log.checkpoint.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[1] = String((UInt64(lines[1]) ?? 1) + 1)
        bundle.log.checkpoint = lines.joined(separator: "\n")
        let report = BusanData.verifier().verify(bundle)
        let html = ViewerPages.lot(bundle, report: report, parties: data.parties)
        let rows = PageChecks.rows("timeline", in: html)
        #expect(!rows.isEmpty && rows.allSatisfy { $0.contains("✗ FAILED") && $0.contains("checkpoint.signature: ") })
        #expect(html.contains("✗ signature not verified"))
        #expect(!html.contains("✓ verified"))
    }

    @Test func flagsOnALotAreShownInWords() async throws {
        let data = try await BusanData.get()
        let stray = try require(data.lots["OPM26-0041"], "stray bar")
        let html = ViewerPages.lot(stray.bundle, report: stray.report, parties: data.parties,
                                   provenance: try data.state.provenance(of: try EPC(stray.bundle.subject.id)))
        PageChecks.wellFormed(html)
        #expect(html.contains("<strong>⚑ CUSTODY GAP.</strong> 8801234OPM26-0041 was received"))

        let copper = try require(data.lots["CU26-B"], "copper lot")
        let page = ViewerPages.lot(copper.bundle, report: copper.report, parties: data.parties,
                                   provenance: try data.state.provenance(of: try EPC(copper.bundle.subject.id)))
        #expect(page.contains("<strong>⚑ DISCREPANCY.</strong> CU26-B: received"))
        #expect(page.contains("deviation -6.100%, tolerance 0.5%"))
        #expect(page.contains("<dt>Brand</dt><dd>GCS</dd>"))
    }

    @Test func anOilParcelSplitShowsItsTransformation() async throws {
        let data = try await BusanData.get()
        let parcel = try require(data.lots["P-2026-114-B"], "parcel remainder")
        let html = ViewerPages.lot(parcel.bundle, report: parcel.report, parties: data.parties)
        PageChecks.wellFormed(html)
        let rows = PageChecks.rows("timeline", in: html)
        #expect(rows.contains { $0.contains("TransformationEvent") && $0.contains("from P-2026-114") && $0.contains("P-2026-114-B") })
        #expect(rows.contains { $0.contains("North Port Tank Terminal · TANK-T-07") })
        #expect(rows.allSatisfy { $0.contains("✓ verified") })
    }
}
