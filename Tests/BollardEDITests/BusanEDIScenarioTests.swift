import BollardCore
import BollardEDI
import BollardEPCIS
import Foundation
import Testing

/// SCENARIO.md told in EDIFACT and in X12 (fixtures/busan/edifact, fixtures/busan/x12, with the
/// EPCIS documents for what EDI cannot say), each ingested on its own through the provenance
/// engine and compared with the EPCIS version: same lots, custody steps, receipts, flags,
/// refusals and collateral outcomes.
@Suite("Busan scenario from EDIFACT and X12 documents")
struct BusanEDIScenarioTests {
    typealias F = BusanEDIFixtures
    static let formats = ["edifact", "x12"]

    @Test("every EDI document of the story maps every message, with pointers inside its message", arguments: formats)
    func everyMessageMapped(format: String) throws {
        var types: Set<String> = []
        for entry in try F.story(format) where !entry.file.hasSuffix(".jsonld") {
            let mapped = try F.mapEDI(entry.file)
            #expect(mapped.report.outcome == .accepted, "\(entry.file): \(mapped.report.allErrors)")
            #expect(!mapped.messages.isEmpty)
            for m in mapped.messages {
                types.insert(m.type)
                guard case .mapped(let events) = m.outcome, !events.isEmpty else {
                    Issue.record("\(entry.file) \(m.type) \(m.reference): \(m.outcome)")
                    continue
                }
                for e in events {
                    #expect(e.event.sourcePointer.documentSHA256 == mapped.documentSHA256)
                    guard case .ediSegments(let ref, let a, let b) = e.command.source.position else {
                        Issue.record("not an EDI pointer: \(e.command.source)")
                        continue
                    }
                    #expect(ref == m.reference)
                    #expect(m.firstSegment < a && a <= b && b < m.lastSegment, "\(a)-\(b) outside \(m.firstSegment)-\(m.lastSegment)")
                }
            }
        }
        let expected: Set<String> = format == "edifact"
            ? ["IFTMIN", "IFTSTA", "COARRI", "CUSRES", "CODECO", "RECADV", "DESADV", "INVRPT"]
            : ["310", "315", "214", "944", "945", "947"]
        #expect(types == expected)
    }

    @Test("the refused attempts are refused with their rule, and only they", arguments: formats)
    func refusals(format: String) throws {
        let run = try F.run(format)
        let expected: [String: (ProvenanceError.Code, ProvenanceRule)] = [
            "10-w1-duplicate-receipt": (.duplicateReceiptNumber, .uniqueReceiptNumber),
            "11-w1-receipt-on-live-lots": (.lotOnLiveReceipt, .oneLiveReceiptPerLot),
            "12-w1-receipt-for-w2": (.warehouseWritesOnlyForItself, .submitterAuthority),
            "19-suyeong-pledge": (.receiptAlreadyPledged, .singleEncumbrance),
        ]
        for stem in Set(try F.story(format).map(\.stem)) {
            let result = try #require(run.results[stem])
            if let (code, rule) = expected[stem] {
                let error = try #require(result.refusal, "\(stem) was accepted")
                #expect(error.code == code, "\(stem)")
                #expect(error.rule == rule, "\(stem)")
                #expect(error.source?.documentSHA256 == run.documents[stem]?.documentSHA256)
            } else {
                #expect(result.refusal == nil, "\(stem) refused: \(String(describing: result.refusal))")
            }
        }
    }

    @Test("flagged: the stray bar's custody gap and CU26-B's 6.1% discrepancy", arguments: formats)
    func flags(format: String) throws {
        let run = try F.run(format)
        guard case .custodyGap(let gap)? = run.results["13-w1-stray-bar"]?.flags.first else {
            Issue.record("no custody gap: \(String(describing: run.results["13-w1-stray-bar"]?.flags))")
            return
        }
        #expect(gap.lot == (try F.bar("OPM26-0041")))
        guard case .discrepancy(let d)? = run.results["15-w2-receipts"]?.flags.first else {
            Issue.record("no discrepancy: \(String(describing: run.results["15-w2-receipts"]?.flags))")
            return
        }
        #expect(d.lot == (try F.copper("CU26-B")))
        #expect(try d.deviationPercent == ExactDecimal("-6.1"))
        #expect(d.received == (try Quantity("23.475", .tonne)))
        #expect(run.engine.state.custodyGaps.count == 1 && run.engine.state.discrepancies.count == 1)
    }

    /// What the comparison holds equal for a lot: everything but event indexes, source pointers
    /// and identifier spellings of bills of lading (EDI and EPCIS name B/Ls in different URI forms).
    struct LotFacts: Equatable {
        var steps: [String]
        var parent: EPC?
        var inputs: [EPC]
        var outputs: [EPC]
        var commodity: Commodity?
        var declared: Quantity?
        var manifest: Quantity?
        var hasManifest: Bool
        var arrived: Bool
        var lastLocation: String?
        var lastDisposition: Disposition?
        var confirmations: [Quantity?]
        var receipts: [ReceiptKey]
        var discrepancies: Int
        var gaps: Int

        init(_ state: ProvenanceState, _ epc: EPC) throws {
            let p = try state.provenance(of: epc)
            steps = p.events.compactMap { $0.event.bizStep?.standardTerm }
            var collapsed: [String] = []
            for s in steps where collapsed.last != s { collapsed.append(s) }
            steps = collapsed
            parent = p.lot.currentParent
            inputs = p.lot.derivedFrom.map(\.lot)
            outputs = p.lot.transformedInto.map(\.lot)
            commodity = p.lot.commodity
            declared = p.lot.declaredQuantity
            manifest = p.lot.manifestQuantity
            hasManifest = !p.lot.manifests.isEmpty
            arrived = p.lot.arrivalEventIndex != nil
            lastLocation = p.lot.lastBizLocation
            lastDisposition = p.lot.lastDisposition
            confirmations = p.lot.confirmations.map(\.quantity)
            receipts = p.lot.receipts
            discrepancies = p.lot.discrepancyIndexes.count
            gaps = p.lot.custodyGapIndexes.count
        }
    }

    @Test("same lots with the same custody steps, lineage and receipts as the EPCIS version", arguments: formats)
    func sameProvenance(format: String) throws {
        let epcis = try F.run("epcis").engine.state
        let edi = try F.run(format).engine.state
        #expect(Set(edi.lots.keys) == Set(epcis.lots.keys))
        for epc in epcis.lots.keys.sorted() {
            let a = try LotFacts(edi, epc)
            let b = try LotFacts(epcis, epc)
            #expect(a == b, "\(epc)")
        }
        let bar = try LotFacts(edi, F.bar("OPM26-0001"))
        #expect(bar.steps == ["commissioning", "packing", "arriving", "unloading", "inspecting", "departing", "receiving", "unpacking"])
        #expect(Set(edi.receipts.keys) == Set(epcis.receipts.keys))
        for (key, r) in epcis.receipts {
            let mine = try #require(edi.receipts[key])
            #expect(mine.state == r.state, "\(key)")
            #expect(mine.depositor == r.depositor, "\(key)")
            #expect(mine.storageLocation == r.storageLocation, "\(key)")
            #expect(mine.lines == r.lines, "\(key)")
            #expect(mine.encumbrance == r.encumbrance, "\(key)")
            #expect(mine.history.map(\.change) == r.history.map(\.change), "\(key)")
        }
        #expect(edi.tokens == epcis.tokens)
    }

    @Test("same collateral outcomes: BGLD backed to the ounce, BCU confirmed, BOIL short until rebound", arguments: formats)
    func collateral(format: String) throws {
        let run = try F.run(format)
        var supply = ExactDecimal.zero
        for i in 1...40 { supply = try supply + F.fineOunces(i) }
        let bgld = try run.engine.state.collateralReport(for: TokenSymbol("BGLD"), statedSupply: supply)
        #expect(bgld.status == .backed(surplus: Quantity(.zero, .troyOunce)))
        #expect(bgld.receipts.map(\.receipt.number.value) == (1...8).map { "WR-W1-000\($0)" })
        let bcu = try run.engine.state.collateralReport(for: TokenSymbol("BCU"), statedSupply: ExactDecimal("25.120"))
        #expect(bcu.isBacked)
        #expect(bcu.receipts.first?.confirmedLots == [try F.copper("CU26-A")])
        let boil = try TokenSymbol("BOIL")
        let afterReissue = try #require(run.stateAfter["21-tank-receipt-reissue"])
        #expect(try afterReissue.collateralReport(for: boil, statedSupply: 150_000).shortfall == (try Quantity("150000", .barrel)))
        #expect(try run.engine.state.collateralReport(for: boil, statedSupply: 150_000).status == .backed(surplus: Quantity(.zero, .barrel)))
    }

    @Test("every mapped EDI event is an EPCIS event: written back as EPCIS 2.0 it has a GS1 event hash", arguments: formats)
    func eventHashes(format: String) throws {
        let creation = try EventTime("2026-03-02T00:00:00Z")
        var count = 0
        for entry in try F.story(format) where !entry.file.hasSuffix(".jsonld") {
            for e in try F.mapEDI(entry.file).document.events {
                let bytes = EPCISJSONLDWriter.canExpress(e.event)
                    ? EPCISJSONLDWriter().document([e.event], creationDate: creation) : EPCISXMLWriter().document([e.event], creationDate: creation)
                let hashes = try EPCISEventHasher().hashes(documentBytes: bytes, fileName: EPCISJSONLDWriter.canExpress(e.event) ? "e.jsonld" : "e.xml")
                #expect(hashes.count == 1 && hashes.first?.hash?.hasPrefix("ni:///sha-256;") == true, "\(entry.file): \(hashes.first?.failure ?? "")")
                count += 1
            }
        }
        #expect(count > 40)
    }
}

/// The supplementary warehouse messages applied after the story: releases go through the same
/// engine rules as EPCIS receipt commands.
@Suite("EDI receipt releases through the engine")
struct EDIReleaseTests {
    typealias F = BusanEDIFixtures

    @Test("a DESADV citing WR-W1-0103 (RFF ALO), sent by W1, releases it; the receipt no longer holds its bars")
    func desadvRelease() throws {
        var engine = try F.run("edifact").engine
        let doc = try F.map("edifact/supplementary/desadv-w1-release.edi")
        try engine.apply(doc, submitter: .gln(try GLN(F.w1)))
        let key = try F.key(F.w1, "WR-W1-0103")
        #expect(engine.state.receipts[key]?.state == .released)
        #expect(engine.state.liveReceipt(holding: try F.bar("OPM26-S021")) == nil)
    }

    @Test("a 940 citing WR-W1-0102 releases it when the warehouse submits it, and is refused from the depositor")
    func shippingOrderRelease() throws {
        let doc = try F.map("x12/supplementary/940-release-order.x12")
        var engine = try F.run("x12").engine
        let before = engine.state
        #expect(throws: ProvenanceError.self) { try engine.apply(doc, submitter: .gln(try GLN("8801234000017"))) }
        #expect(engine.state == before)
        try engine.apply(doc, submitter: .gln(try GLN(F.w1)))
        #expect(engine.state.receipts[try F.key(F.w1, "WR-W1-0102")]?.state == .released)
    }

    @Test("EDI times without a zone are read in the trading partner's offset when one is agreed")
    func timeZoneOption() throws {
        let bytes = try F.bytes("edifact/17-tank-receipt.edi")
        let utc = try #require(EDIMapper().map(bytes)?.document.events.first?.event)
        let kst = try #require(EDIMapper(options: .init(timeZoneOffset: "+09:00")).map(bytes)?.document.events.first?.event)
        #expect(utc.eventTime.text == "2026-03-02T00:46:00.000+00:00" && utc.eventTimeZoneOffset == "+00:00")
        #expect(kst.eventTime.text == "2026-03-02T00:46:00.000+09:00" && kst.eventTimeZoneOffset == "+09:00")
    }
}
