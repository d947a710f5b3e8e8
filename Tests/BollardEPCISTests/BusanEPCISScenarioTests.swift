import BollardCore
import BollardEPCIS
import BollardTestSupport
import Foundation
import Testing

/// SCENARIO.md told in EPCIS 2.0 (fixtures/busan/epcis): every document mapped and applied in
/// story order through the provenance engine, and every outcome of both tables checked.
@Suite("Busan scenario from EPCIS documents")
struct BusanEPCISScenarioTests {
    static func jsonRun() throws -> BusanFixtures.Run { try BusanFixtures.run("jsonld") }

    @Test("the four refused attempts are refused with their rule, and only they", arguments: ["jsonld", "xml"])
    func refusals(ext: String) throws {
        let run = try BusanFixtures.run(ext)
        let expected: [String: (ProvenanceError.Code, ProvenanceRule)] = [
            "10-w1-duplicate-receipt": (.duplicateReceiptNumber, .uniqueReceiptNumber),
            "11-w1-receipt-on-live-lots": (.lotOnLiveReceipt, .oneLiveReceiptPerLot),
            "12-w1-receipt-for-w2": (.warehouseWritesOnlyForItself, .submitterAuthority),
            "19-suyeong-pledge": (.receiptAlreadyPledged, .singleEncumbrance),
        ]
        for entry in try BusanFixtures.story() {
            let result = try #require(run.results[entry.stem])
            if let (code, rule) = expected[entry.stem] {
                let error = try #require(result.refusal, "\(entry.stem) was accepted")
                #expect(error.code == code, "\(entry.stem)")
                #expect(error.rule == rule, "\(entry.stem)")
                // The refusal points into the very document that was refused.
                #expect(error.source?.documentSHA256 == run.documents[entry.stem]?.documentSHA256)
            } else {
                #expect(result.refusal == nil, "\(entry.stem) refused: \(String(describing: result.refusal))")
            }
        }
        // The refused receipts exist only as their lawful originals.
        let state = run.engine.state
        #expect(state.receipts[try BusanFixtures.key(BusanFixtures.w1, "WR-W1-0003")]?.depositor == .gln(try GLN("8801234000017")))
        #expect(state.receipts[try BusanFixtures.key(BusanFixtures.w1, "WR-W1-0009")] == nil)
        #expect(state.receipts[try BusanFixtures.key(BusanFixtures.w2, "WR-W2-0003")] == nil)
        #expect(state.receipts[try BusanFixtures.key(BusanFixtures.w1, "WR-W1-0003")]?.encumbrance == .token(try TokenSymbol("BGLD")))
    }

    @Test("CU26-B received 6.1% short: accepted, discrepancy on the lot, the receipt and the token it backs")
    func cu26BDiscrepancy() throws {
        let run = try Self.jsonRun()
        let cuB = try BusanFixtures.copper("CU26-B")
        let flags = try #require(run.results["15-w2-receipts"]).flags
        #expect(flags.count == 1)
        guard case .discrepancy(let d)? = flags.first else {
            Issue.record("no discrepancy flagged: \(flags)")
            return
        }
        #expect(d.lot == cuB)
        #expect(try d.deviationPercent == ExactDecimal("-6.1"))
        #expect(try d.tolerancePercent == ExactDecimal("0.5"))
        #expect(d.expected == (try Quantity("25.000", .tonne)))
        #expect(d.received == (try Quantity("23.475", .tonne)))
        let state = run.engine.state
        #expect(state.discrepancies == [d])
        #expect(state.discrepancies(onLot: cuB) == [d])
        #expect(state.discrepancies(onReceipt: try BusanFixtures.key(BusanFixtures.w2, "WR-W2-0002")) == [d])
        #expect(try state.provenance(of: cuB).discrepancies == [d])
        // Bound to a token (here in a branch of the story, by an EPCIS binding event), the
        // discrepancy shows in the exchange's check.
        var branch = run.engine
        let bind = try EPCISCoreMapper().map(Array(Self.bindingDocument(symbol: "BCU", warehouse: BusanFixtures.w2, number: "WR-W2-0002").utf8),
                                             fileName: "bind.jsonld")
        try branch.apply(bind, submitter: .lei(try LEI("98450012BDAX00000087")))
        let report = try branch.state.collateralReport(for: TokenSymbol("BCU"), statedSupply: ExactDecimal("48.595"))
        #expect(report.isBacked)
        #expect(report.discrepancies == [d])
        #expect(report.receipts.last?.discrepancies == [d])
    }

    @Test("bar OPM26-0041, in no manifest or container: accepted with a custody gap")
    func strayBarCustodyGap() throws {
        let run = try Self.jsonRun()
        let stray = try BusanFixtures.bar("OPM26-0041")
        let flags = try #require(run.results["13-w1-stray-bar"]).flags
        guard case .custodyGap(let gap)? = flags.first, flags.count == 1 else {
            Issue.record("expected one custody gap, got \(flags)")
            return
        }
        #expect(gap.lot == stray)
        #expect(run.engine.state.custodyGaps == [gap])
        #expect(try run.engine.state.provenance(of: stray).custodyGaps == [gap])
        // The 40 manifested bars have no gap.
        #expect(try run.engine.state.provenance(of: BusanFixtures.bar("OPM26-0001")).custodyGaps.isEmpty)
    }

    @Test("BOIL is short 150 000 bbl after the split until WR-T07-0002 is bound, then backed")
    func boilShortfallUntilRebound() throws {
        let run = try Self.jsonRun()
        let symbol = try TokenSymbol("BOIL")
        let beforeSplit = try #require(run.stateAfter["18-bdax-tokens"])
        #expect(try beforeSplit.collateralReport(for: symbol, statedSupply: 250_000).isBacked)
        let afterReissue = try #require(run.stateAfter["21-tank-receipt-reissue"])
        let short = try afterReissue.collateralReport(for: symbol, statedSupply: 150_000)
        #expect(short.shortfall == (try Quantity("150000", .barrel)))
        #expect(short.receipts.map(\.state) == [.cancelled])
        let after = try run.engine.state.collateralReport(for: symbol, statedSupply: 150_000)
        #expect(after.status == .backed(surplus: Quantity(.zero, .barrel)))
        #expect(after.receipts.map(\.receipt.number.value) == ["WR-T07-0001", "WR-T07-0002"])
        #expect(after.receipts.map(\.backing) == [false, true])
        let remainder = try run.engine.state.provenance(of: BusanFixtures.parcel("P-2026-114-B"))
        #expect(remainder.inputs == (try [BusanFixtures.parcel("P-2026-114")]))
        #expect(remainder.receipts.map(\.key.number.value) == ["WR-T07-0002"])
    }

    @Test("BGLD: 8 receipts, 40 bars, fine ounces equal supply, no receipt bound twice")
    func bgldBacked() throws {
        let run = try Self.jsonRun()
        var supply = ExactDecimal.zero
        for i in 1...40 { supply = try supply + BusanFixtures.fineOunces(i) }
        let report = try run.engine.state.collateralReport(for: TokenSymbol("BGLD"), statedSupply: supply)
        #expect(report.collateral.value == supply)
        #expect(report.status == .backed(surplus: Quantity(.zero, .troyOunce)))
        #expect(report.receipts.map(\.receipt.number.value) == (1...8).map { "WR-W1-000\($0)" })
        #expect(report.receipts.allSatisfy { $0.backing && $0.state == .pledged })
        let bars = try (1...40).map { try BusanFixtures.bar(BusanFixtures.serial($0)) }
        #expect(report.receipts.flatMap(\.lots).count == 40)
        #expect(Set(report.receipts.flatMap(\.lots)) == Set(bars))
        #expect(report.discrepancies.isEmpty && report.custodyGaps.isEmpty)
        let more = try supply + ExactDecimal("0.001")
        #expect(try run.engine.state.collateralReport(for: TokenSymbol("BGLD"), statedSupply: more).shortfall
            == (try Quantity("0.001", .troyOunce)))

        var boundTo: [ReceiptKey: TokenSymbol] = [:]
        for symbol in ["BGLD", "BCU", "BOIL"] {
            for r in try run.engine.state.collateralReport(for: TokenSymbol(symbol), statedSupply: 1).receipts where r.backing {
                #expect(boundTo[r.receipt] == nil, "\(r.receipt) backs two tokens")
                boundTo[r.receipt] = try TokenSymbol(symbol)
            }
        }
        #expect(boundTo.count == 10)
    }

    @Test("BCU: backed by WR-W2-0001, CU26-A confirmed by W2's inventory report")
    func bcuBackedAndConfirmed() throws {
        let run = try Self.jsonRun()
        let report = try run.engine.state.collateralReport(for: TokenSymbol("BCU"), statedSupply: ExactDecimal("25.120"))
        #expect(report.isBacked)
        #expect(report.receipts.map(\.receipt.description) == ["8801234000055/WR-W2-0001"])
        #expect(report.receipts.first?.quantity == (try Quantity("25.120", .tonne)))
        #expect(report.receipts.first?.confirmedLots == (try [BusanFixtures.copper("CU26-A")]))
        let beforeInventory = try #require(run.stateAfter["22-bdax-bind-boil"])
        #expect(try beforeInventory.collateralReport(for: TokenSymbol("BCU"), statedSupply: 1).receipts.first?.confirmedLots == [])
    }

    @Test("an inventory count sent by another warehouse is refused; W2's own count is reconciled")
    func inventoryAuthority() throws {
        let run = try Self.jsonRun()
        let before = try #require(run.stateAfter["22-bdax-bind-boil"])
        var engine = ProvenanceEngine(state: before)
        let doc = try BusanFixtures.map("23-w2-inventory.jsonld")
        #expect(throws: ProvenanceError.self) { try engine.apply(doc, submitter: .gln(try GLN(BusanFixtures.w1))) }
        #expect(engine.state == before)
        // A count 1 t short of WR-W2-0001's 25.120 t is outside the 0.5% tolerance: flagged.
        let short = String(decoding: try BusanFixtures.bytes("23-w2-inventory.jsonld"), as: UTF8.self)
            .replacingOccurrences(of: "\"quantity\": 25.120", with: "\"quantity\": 24.120")
        let outcome = try engine.apply(try EPCISCoreMapper().map(Array(short.utf8), fileName: "short.jsonld"),
                                       submitter: .gln(try GLN(BusanFixtures.w2)))
        guard case .discrepancy(let d)? = outcome.first?.flags.first else {
            Issue.record("short count not flagged: \(outcome)")
            return
        }
        #expect(d.lot == (try BusanFixtures.copper("CU26-A")))
        #expect(d.received == (try Quantity("24.120", .tonne)))
    }

    @Test("URN and Digital Link spellings of one bar are one lot, with its assay data and full chain")
    func oneLotPerObject() throws {
        let state = try Self.jsonRun().engine.state
        let bar = try state.provenance(of: BusanFixtures.bar("OPM26-0001"))
        let steps = bar.events.compactMap { $0.event.bizStep?.standardTerm }
        #expect(steps == ["commissioning", "packing", "arriving", "unloading", "inspecting", "departing", "receiving", "unpacking"])
        let customs = PartyID.customsOffice(try CustomsOfficeCode("KR-BMC"))
        #expect(bar.events.contains { $0.submitter == customs })
        guard case .preciousMetalBar(let b)? = bar.lot.commodity else {
            Issue.record("bar lost its ILMD commodity data")
            return
        }
        #expect(b.serialNumber == "OPM26-0001")
        #expect(try b.fineWeight.value == BusanFixtures.fineOunces(1))
        #expect(state.lots[try EPC("urn:epc:id:giai:8801234.OPM26-0001")] == nil)
        #expect(state.lots.keys.filter { $0.uri.hasPrefix("urn:epc:id:giai") || $0.uri.hasPrefix("urn:epc:class") }.isEmpty)
    }

    @Test("the XML documents give the same provenance as the JSON-LD documents")
    func xmlAndJSONLDAgree() throws {
        let json = try Self.jsonRun()
        // Facts are compared with the JSON-LD source pointers put on the XML commands: the only
        // difference allowed is where a fact was read from.
        let xml = try BusanFixtures.run("xml") { stem, i in
            json.documents[stem]?.events[i].event.sourcePointer
        }
        for entry in try BusanFixtures.story() {
            #expect(xml.documents[entry.stem]?.events.count == json.documents[entry.stem]?.events.count, "\(entry.stem)")
            // Compared as a Bool: a failing comparison of two whole states would print both.
            let same = xml.stateAfter[entry.stem] == json.stateAfter[entry.stem]
            #expect(same, "state differs after \(entry.stem)")
        }
        let sameAtEnd = xml.engine.state == json.engine.state
        #expect(sameAtEnd)
        // 126 events in the story, 35 of them commands: 91 custody events recorded.
        #expect(xml.engine.state.events.count == 91)
        // And the pointers themselves are positioned in their own syntax.
        let first = try BusanFixtures.map("09-w1-receipts.xml").events[1].command.source
        guard case .xml(let line, _) = first.position else {
            Issue.record("XML pointer \(first)")
            return
        }
        #expect(line > 20)
        #expect(try BusanFixtures.map("09-w1-receipts.jsonld").events[1].command.source.position
            == .jsonPath(path: "$['epcisBody']['eventList'][1]"))
    }

    static func bindingDocument(symbol: String, warehouse: String, number: String) -> String {
        """
        {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",{"bollard":"https://ns.bollard.dev/epcis/"}],
         "type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-03-04T10:00:00.000+09:00",
         "epcisBody":{"eventList":[{"type":"TransactionEvent","eventTime":"2026-03-04T10:00:00.000+09:00","eventTimeZoneOffset":"+09:00",
           "action":"ADD","bizStep":"https://ns.bollard.dev/epcis/bizstep/token_binding",
           "bizTransactionList":[{"type":"https://ns.bollard.dev/epcis/btt/token","bizTransaction":"https://ns.bollard.dev/epcis/token/\(symbol)"},
             {"type":"https://ns.bollard.dev/epcis/btt/warehouse_receipt","bizTransaction":"urn:epcglobal:cbv:bt:\(warehouse):\(number)"}]}]}}
        """
    }
}
