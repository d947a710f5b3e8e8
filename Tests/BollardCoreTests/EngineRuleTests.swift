import Foundation
import Testing

@testable import BollardCore

/// Each DESIGN.md rule: the lawful case is accepted, the unlawful one refused (state unchanged)
/// or flagged.
struct EngineRuleTests {
    static let w1 = PartyID.gln(TestData.w1)
    static let w2 = PartyID.gln(TestData.w2)

    func goldBar(_ serial: String, gross: String = "400.000", fineness: String = "999.9") throws -> Commodity {
        .preciousMetalBar(try PreciousMetalBar(metal: .gold, refiner: "Onsan", refinerID: .gln(TestData.onsan), serialNumber: serial,
                                               yearOfManufacture: 2026, grossWeight: Quantity(gross, .troyOunce),
                                               fineness: ExactDecimal(fineness)))
    }

    /// Two bars commissioned, stuffed in a container, arrived and received at W1.
    func arrivedBars() throws -> (Story, [EPC]) {
        var s = Story()
        let bars = [try TestData.bar("T-1"), try TestData.bar("T-2")]
        for (i, b) in bars.enumerated() { try s.commission(b, goldBar("T-\(i + 1)"), hs: "7108.12", by: TestData.onsan) }
        let box = try TestData.container("BDXU2001011")
        try s.stuff(box, children: bars, bol: "HDLN26BUS00871", by: TestData.onsan)
        _ = try s.observe([box], .arriving, at: TestData.terminal, by: .gln(TestData.terminal))
        _ = try s.observe([box], .receiving, at: TestData.w1, by: Self.w1)
        try s.unpack(box, at: TestData.w1)
        return (s, bars)
    }

    func line(_ epc: EPC, _ amount: String, _ unit: UnitCode = .troyOunce) throws -> ReceiptLine {
        ReceiptLine(lot: epc, quantity: try Quantity(amount, unit))
    }

    // MARK: rule 1

    @Test func duplicateReceiptNumberRefused() throws {
        var (s, bars) = try arrivedBars()
        let key = try TestData.key(TestData.w1, "WR-W1-0001")
        try s.submit(s.issue(key, depositor: .gln(TestData.onsan), lines: [line(bars[0], "400.000")]), by: Self.w1)
        // Same number, other depositor, other lot: still refused. Even once the first is cancelled.
        let again = try s.issue(key, depositor: TestData.suyeong, lines: [line(bars[1], "400.000")])
        let error = s.expectRefusal(again, by: Self.w1, .duplicateReceiptNumber)
        #expect(error?.rule == .uniqueReceiptNumber)
        #expect(error?.objects.first == key.description)
        try s.submit(s.close(key, .cancel), by: Self.w1)
        _ = s.expectRefusal(try s.issue(key, depositor: TestData.suyeong, lines: [line(bars[1], "400.000")]), by: Self.w1, .duplicateReceiptNumber)
        // Another warehouse may use the same number.
        let otherKey = try TestData.key(TestData.w2, "WR-W1-0001")
        try s.submit(s.issue(otherKey, depositor: .gln(TestData.gamcheon), lines: [line(try TestData.copper("X"), "1", .tonne)]), by: Self.w2)
    }

    @Test func lotOnLiveReceiptRefusedUntilReleased() throws {
        var (s, bars) = try arrivedBars()
        let first = try TestData.key(TestData.w1, "WR-W1-0001")
        let second = try TestData.key(TestData.w1, "WR-W1-0009")
        try s.submit(s.issue(first, depositor: .gln(TestData.onsan), lines: [line(bars[0], "400.000"), line(bars[1], "400.000")]), by: Self.w1)
        let error = s.expectRefusal(try s.issue(second, depositor: .gln(TestData.onsan), lines: [line(bars[1], "400.000")]),
                                    by: Self.w1, .lotOnLiveReceipt)
        #expect(error?.rule == .oneLiveReceiptPerLot)
        #expect(error?.objects == [bars[1].uri, first.description, second.description])
        try s.submit(s.close(first, .release), by: Self.w1)
        try s.submit(s.issue(second, depositor: .gln(TestData.onsan), lines: [line(bars[1], "400.000")]), by: Self.w1)
        #expect(s.state.receipts(of: bars[1]).map(\.key) == [first, second])
        #expect(s.state.liveReceipt(holding: bars[1])?.key == second)
    }

    @Test func malformedReceiptsRefused() throws {
        var (s, bars) = try arrivedBars()
        let key = try TestData.key(TestData.w1, "WR-W1-0001")
        _ = s.expectRefusal(try s.issue(key, depositor: .gln(TestData.onsan), lines: []), by: Self.w1, .emptyReceipt)
        _ = s.expectRefusal(try s.issue(key, depositor: .gln(TestData.onsan), lines: [line(bars[0], "1"), line(bars[0], "1")]),
                            by: Self.w1, .duplicateLotOnReceipt)
        _ = s.expectRefusal(try s.issue(key, depositor: .gln(TestData.onsan), lines: [line(bars[0], "0")]), by: Self.w1, .invalidQuantity)
    }

    // MARK: authority

    @Test func warehouseWritesOnlyForItself() throws {
        var (s, bars) = try arrivedBars()
        let w2Key = try TestData.key(TestData.w2, "WR-W2-0099")
        let error = s.expectRefusal(try s.issue(w2Key, depositor: .gln(TestData.onsan), lines: [line(bars[0], "400.000")]),
                                    by: Self.w1, .warehouseWritesOnlyForItself)
        #expect(error?.rule == .submitterAuthority)
        #expect(error?.objects == [w2Key.description, Self.w1.description])
        let w1Key = try TestData.key(TestData.w1, "WR-W1-0001")
        try s.submit(s.issue(w1Key, depositor: .gln(TestData.onsan), lines: [line(bars[0], "400.000")]), by: Self.w1)
        _ = s.expectRefusal(try s.close(w1Key, .release), by: Self.w2, .warehouseWritesOnlyForItself)
        _ = s.expectRefusal(try s.close(w1Key, .release), by: TestData.bdax, .warehouseWritesOnlyForItself)
        _ = s.expectRefusal(try s.inventory(TestData.w1, [.init(lot: bars[0])]), by: Self.w2, .warehouseWritesOnlyForItself)
        // Only the issuer binds; only the holder releases an encumbrance.
        try s.submit(s.list("BGLD", unit: Quantity("1", .troyOunce), basis: .fineMass), by: TestData.bdax)
        _ = s.expectRefusal(try s.bind(w1Key, to: "BGLD"), by: Self.w1, .notTokenIssuer)
        try s.submit(s.bind(w1Key, to: "BGLD"), by: TestData.bdax)
        _ = s.expectRefusal(try s.unencumber(w1Key), by: TestData.suyeong, .notEncumbranceHolder)
        _ = s.expectRefusal(try s.list("BGLD2", unit: Quantity("1", .troyOunce), basis: .fineMass), by: TestData.suyeong, .notTokenIssuer)
    }

    // MARK: rule 2

    @Test func receiptBacksOneTokenAndIsPledgedOnce() throws {
        var (s, bars) = try arrivedBars()
        let a = try TestData.key(TestData.w1, "WR-W1-0001")
        let b = try TestData.key(TestData.w1, "WR-W1-0002")
        try s.submit(s.issue(a, depositor: .gln(TestData.onsan), lines: [line(bars[0], "400.000")]), by: Self.w1)
        try s.submit(s.issue(b, depositor: .gln(TestData.onsan), lines: [line(bars[1], "400.000")]), by: Self.w1)
        try s.submit(s.list("BGLD", unit: Quantity("1", .troyOunce), basis: .fineMass), by: TestData.bdax)
        try s.submit(s.list("XGLD", unit: Quantity("1", .gram), basis: .fineMass), by: TestData.bdax)

        try s.submit(s.bind(a, to: "BGLD"), by: TestData.bdax)
        #expect(s.state.receipts[a]?.state == .pledged)
        let other = s.expectRefusal(try s.bind(a, to: "XGLD"), by: TestData.bdax, .receiptBacksAnotherToken)
        #expect(other?.rule == .singleEncumbrance)
        _ = s.expectRefusal(try s.bind(a, to: "BGLD"), by: TestData.bdax, .receiptBacksAnotherToken)
        let pledged = s.expectRefusal(try s.pledge(a, to: TestData.suyeongLEI), by: TestData.suyeong, .receiptAlreadyPledged)
        #expect(pledged?.objects.contains(a.description) == true)

        // A lender pledge, then neither a second pledge nor a token binding.
        try s.submit(s.pledge(b, to: TestData.suyeongLEI), by: TestData.suyeong)
        _ = s.expectRefusal(try s.pledge(b, to: TestData.bdaxLEI), by: TestData.bdax, .receiptAlreadyPledged)
        _ = s.expectRefusal(try s.bind(b, to: "BGLD"), by: TestData.bdax, .receiptAlreadyPledged)
        // Once the lender lets go, the receipt can back the token.
        try s.submit(s.unencumber(b), by: TestData.suyeong)
        #expect(s.state.receipts[b]?.state == .issued)
        try s.submit(s.bind(b, to: "BGLD"), by: TestData.bdax)
        _ = s.expectRefusal(try s.unencumber(try TestData.key(TestData.w1, "WR-NONE")), by: TestData.bdax, .unknownReceipt)
        _ = s.expectRefusal(try s.bind(a, to: "NOPE"), by: TestData.bdax, .unknownToken)
    }

    @Test func bindingNeedsCompatibleCollateral() throws {
        var s = Story()
        let lot = try TestData.copper("CU-X")
        let copper = try BaseMetalLot(metal: .copper, grade: "A", brand: "GCS", lotNumber: "CU-X", bundles: 1, netWeight: Quantity("2.5", .tonne))
        try s.commission(lot: lot, .baseMetalLot(copper), hs: "7403.11", by: TestData.gamcheon)
        let key = try TestData.key(TestData.w2, "WR-W2-0001")
        try s.submit(s.issue(key, depositor: .gln(TestData.gamcheon), lines: [line(lot, "2.5", .tonne)]), by: Self.w2)
        try s.submit(s.list("BGLD", unit: Quantity("1", .troyOunce), basis: .fineMass), by: TestData.bdax)
        try s.submit(s.list("BOIL", unit: Quantity("1", .barrel), basis: .standardVolume), by: TestData.bdax)
        _ = s.expectRefusal(try s.bind(key, to: "BGLD"), by: TestData.bdax, .incompatibleCollateral)
        _ = s.expectRefusal(try s.bind(key, to: "BOIL"), by: TestData.bdax, .incompatibleCollateral)
        _ = s.expectRefusal(try s.list("BAD", unit: Quantity("1", .barrel), basis: .mass), by: TestData.bdax, .invalidQuantity)
        _ = s.expectRefusal(try s.list("BOIL", unit: Quantity("1", .barrel), basis: .standardVolume), by: TestData.bdax, .duplicateToken)
    }

    // MARK: rule 3

    @Test func receivedQuantityReconciledWithinTolerance() throws {
        var s = Story()
        let a = try TestData.copper("CU-A")
        let b = try TestData.copper("CU-B")
        let box = try TestData.container("HSTU5123405")
        try s.stuff(box, quantities: [QuantityElement(epcClass: a, quantity: ExactDecimal("25.000"), uom: .tonne),
                                      QuantityElement(epcClass: b, quantity: ExactDecimal("25.000"), uom: .tonne)],
                    bol: "HDLN26BUS00872", by: TestData.gamcheon)
        _ = try s.observe([box], .unloading, at: TestData.terminal, by: .gln(TestData.terminal))
        #expect(s.state.lots[a]?.manifestQuantity == (try Quantity("25.000", .tonne)))
        #expect(s.state.lots[a]?.manifests == ["urn:epcglobal:cbv:bt:8801234000024:HDLN26BUS00872"])

        // 0.5% of 25 t is 125 kg: 24 875 kg is exactly at the limit and reconciles.
        let ka = try TestData.key(TestData.w2, "WR-W2-0001")
        let ok = try s.submit(s.issue(ka, depositor: .gln(TestData.gamcheon), lines: [line(a, "24875", .kilogram)]), by: Self.w2)
        #expect(ok.flags.isEmpty)
        // 1 kg more off is a discrepancy, accepted and recorded.
        let kb = try TestData.key(TestData.w2, "WR-W2-0002")
        let flagged = try s.submit(s.issue(kb, depositor: .gln(TestData.gamcheon), lines: [line(b, "24874", .kilogram)]), by: Self.w2)
        guard case .discrepancy(let d)? = flagged.flags.first else {
            Issue.record("no discrepancy flagged")
            return
        }
        #expect(d.lot == b)
        #expect(try d.deviationPercent == ExactDecimal("-0.504"))
        #expect(d.receipt == kb)
        #expect(s.state.receipts[kb]?.state == .issued)
        #expect(s.state.discrepancies(onReceipt: kb) == [d])
        #expect(s.state.discrepancies(onReceipt: ka).isEmpty)
    }

    @Test func incomparableQuantitiesAreFlaggedNotIgnored() throws {
        var s = Story()
        let lot = try TestData.copper("CU-Q")
        try s.stuff(try TestData.container("HSTU5123405"), quantities: [QuantityElement(epcClass: lot, quantity: 10)],
                    bol: "HDLN26BUS00872", by: TestData.gamcheon)
        let key = try TestData.key(TestData.w2, "WR-W2-0001")
        let outcome = try s.submit(s.issue(key, depositor: .gln(TestData.gamcheon), lines: [line(lot, "25", .tonne)]), by: Self.w2)
        guard case .discrepancy(let d)? = outcome.flags.last else {
            Issue.record("count vs mass not flagged")
            return
        }
        #expect(d.deviationPercent == nil)
    }

    @Test func inventoryCountReconciledAgainstReceipt() throws {
        var (s, bars) = try arrivedBars()
        let key = try TestData.key(TestData.w1, "WR-W1-0001")
        try s.submit(s.issue(key, depositor: .gln(TestData.onsan), lines: [line(bars[0], "400.000")]), by: Self.w1)
        let fine = try s.submit(s.inventory(TestData.w1, [.init(lot: bars[0], quantity: Quantity("400.000", .troyOunce))]), by: Self.w1)
        #expect(fine.flags.isEmpty)
        let short = try s.submit(s.inventory(TestData.w1, [.init(lot: bars[0], quantity: Quantity("390", .troyOunce))]), by: Self.w1)
        #expect(short.flags.count == 1)
        #expect(s.state.lots[bars[0]]?.confirmations.count == 2)
    }

    // MARK: rule 4

    @Test func releasedOrCancelledReceiptStopsBackingAtOnce() throws {
        var (s, bars) = try arrivedBars()
        let key = try TestData.key(TestData.w1, "WR-W1-0001")
        try s.submit(s.issue(key, depositor: .gln(TestData.onsan), lines: [line(bars[0], "400.000")]), by: Self.w1)
        try s.submit(s.list("BGLD", unit: Quantity("1", .troyOunce), basis: .fineMass), by: TestData.bdax)
        try s.submit(s.bind(key, to: "BGLD"), by: TestData.bdax)
        let symbol = try TokenSymbol("BGLD")
        #expect(try s.state.collateralReport(for: symbol, statedSupply: ExactDecimal("399.96")).isBacked)
        try s.submit(s.close(key, .release), by: Self.w1)
        let report = try s.state.collateralReport(for: symbol, statedSupply: ExactDecimal("399.96"))
        #expect(report.shortfall == (try Quantity("399.96", .troyOunce)))
        #expect(report.receipts.map(\.state) == [.released])
        #expect(report.receipts.map(\.backing) == [false])
        let error = s.expectRefusal(try s.close(key, .cancel), by: Self.w1, .receiptNotLive)
        #expect(error?.rule == .closedReceiptStopsBacking)
        _ = s.expectRefusal(try s.pledge(key, to: TestData.suyeongLEI), by: TestData.suyeong, .receiptNotLive)
        _ = s.expectRefusal(try s.bind(key, to: "BGLD"), by: TestData.bdax, .receiptNotLive)
    }

    // MARK: rule 5

    @Test func custodyGapAcceptedButFlagged() throws {
        var (s, bars) = try arrivedBars()
        // Arrived through the container: no gap.
        let key = try TestData.key(TestData.w1, "WR-W1-0001")
        let lawful = try s.submit(s.issue(key, depositor: .gln(TestData.onsan), lines: [line(bars[0], "400.000")]), by: Self.w1)
        #expect(lawful.flags.isEmpty)
        #expect(s.state.custodyGaps.isEmpty)
        // A bar nobody shipped.
        let stray = try TestData.bar("T-99")
        let outcome = try s.observe([stray], .receiving, at: TestData.w1, by: Self.w1)
        guard case .custodyGap(let gap)? = outcome.flags.first else {
            Issue.record("no custody gap flagged")
            return
        }
        #expect(gap.lot == stray)
        #expect(gap.receivedAt == TestData.w1.locationURI)
        // Accepted: the event is recorded, and a receipt for it repeats no flag but shows it.
        #expect(s.state.lots[stray]?.eventIndexes.count == 1)
        let strayKey = try TestData.key(TestData.w1, "WR-W1-0002")
        let again = try s.submit(s.issue(strayKey, depositor: .gln(TestData.onsan), lines: [line(stray, "400")]), by: Self.w1)
        #expect(again.flags.isEmpty)
        #expect(s.state.custodyGaps(onReceipt: strayKey) == [gap])
    }

    @Test func invalidEventRefusedWithItsSource() throws {
        var s = Story()
        let e = try s.event(.aggregationEvent, .add, .packing)
        _ = s.expectRefusal(.captureEvent(e), by: .gln(TestData.onsan), .invalidEvent)
        #expect(s.state.sequence == 0)
    }

    @Test func stateIsCodableAndReplayRebuildsIt() throws {
        var (s, bars) = try arrivedBars()
        var log: [Submission] = []
        let key = try TestData.key(TestData.w1, "WR-W1-0001")
        let commands: [(Command, PartyID)] = [
            (try s.issue(key, depositor: .gln(TestData.onsan), lines: [line(bars[0], "400.000")]), Self.w1),
            (try s.list("BGLD", unit: Quantity("1", .troyOunce), basis: .fineMass), TestData.bdax),
            (try s.bind(key, to: "BGLD"), TestData.bdax),
        ]
        var fresh = Story()
        _ = try fresh.commission(bars[0], goldBar("T-1"), hs: "7108.12", by: TestData.onsan)
        log.append(Submission(submitter: .gln(TestData.onsan), command: .captureEvent(fresh.state.events[0].event)))
        for (c, p) in commands {
            try s.submit(c, by: p)
            log.append(Submission(submitter: p, command: c))
        }
        var direct = ProvenanceEngine()
        for entry in log { try direct.apply(entry) }
        #expect(try ProvenanceEngine.replay(log) == direct.state)

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let bytes = try encoder.encode(s.state)
        let decoded = try JSONDecoder().decode(ProvenanceState.self, from: bytes)
        #expect(decoded == s.state)
        #expect(try encoder.encode(decoded) == bytes)
        let logBytes = try encoder.encode(log)
        #expect(try JSONDecoder().decode([Submission].self, from: logBytes) == log)
        let text = String(decoding: logBytes + bytes, as: UTF8.self)
        #expect(!text.contains("\"_0\""), "enum payloads are written without synthesised _0 keys")
        #expect(text.contains("{\"preciousMetalBar\":{"))
        #expect(text.contains("\"encumbrance\":{\"token\":\"BGLD\"}"))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Command.self, from: Data("{}".utf8)) }
    }
}

extension EngineRuleTests {
    /// Rule 1 over containment: a container and its contents are the same goods.
    @Test func containerAndContentsCannotBothBeReceipted() throws {
        var s = Story()
        let bar = try TestData.bar("T-1")
        let box = try TestData.container("BDXU2001011")
        try s.commission(bar, goldBar("T-1"), hs: "7108.12", by: TestData.onsan)
        try s.stuff(box, children: [bar], bol: "HDLN26BUS00871", by: TestData.onsan)
        _ = try s.observe([box], .arriving, at: TestData.terminal, by: .gln(TestData.terminal))
        let whole = try TestData.key(TestData.w1, "WR-W1-0001")
        try s.submit(s.issue(whole, depositor: .gln(TestData.onsan), lines: [line(box, "1", .piece)]), by: Self.w1)
        let error = s.expectRefusal(try s.issue(TestData.key(TestData.w1, "WR-W1-0002"), depositor: .gln(TestData.onsan),
                                                lines: [line(bar, "400.000")]), by: Self.w1, .lotOnLiveReceipt)
        #expect(error?.objects.last == box.uri)
        // Unpacked, the bar stands alone.
        try s.unpack(box, at: TestData.w1)
        try s.submit(s.issue(TestData.key(TestData.w1, "WR-W1-0002"), depositor: .gln(TestData.onsan), lines: [line(bar, "400.000")]), by: Self.w1)
    }

    @Test func fineContentComesFromTheAssayNotTheReceipt() throws {
        var s = Story()
        let lot = try TestData.copper("CU-F")
        var claimed = try line(lot, "25", .tonne)
        claimed.fineQuantity = try Quantity("25", .tonne)
        let key = try TestData.key(TestData.w2, "WR-W2-0001")
        try s.submit(s.issue(key, depositor: .gln(TestData.gamcheon), lines: [claimed]), by: Self.w2)
        #expect(s.state.receipts[key]?.lines.first?.fineQuantity == nil)
    }
}

extension EngineRuleTests {
    @Test func aManifestAloneIsNotArrival() throws {
        var s = Story()
        let bar = try TestData.bar("T-1")
        let box = try TestData.container("BDXU2001011")
        try s.commission(bar, goldBar("T-1"), hs: "7108.12", by: TestData.onsan)
        try s.stuff(box, children: [bar], bol: "HDLN26BUS00871", by: TestData.onsan)
        _ = try s.observe([box], .departing, at: TestData.onsan, by: .gln(TestData.onsan))
        let outcome = try s.observe([box], .receiving, at: TestData.w1, by: Self.w1)
        #expect(Set(s.state.custodyGaps.map(\.lot)) == [box, bar])
        #expect(outcome.flags.count == 2)
    }

    @Test func onlyTheWarehouseConfirmsItsOwnReceipts() throws {
        var (s, bars) = try arrivedBars()
        let key = try TestData.key(TestData.w1, "WR-W1-0001")
        try s.submit(s.issue(key, depositor: .gln(TestData.onsan), lines: [line(bars[0], "400.000")]), by: Self.w1)
        try s.submit(s.list("BGLD", unit: Quantity("1", .troyOunce), basis: .fineMass), by: TestData.bdax)
        try s.submit(s.bind(key, to: "BGLD"), by: TestData.bdax)
        // A stock-taking event at W1's location, but submitted by W2, confirms nothing.
        _ = try s.observe([bars[0]], .stockTaking, at: TestData.w1, by: Self.w2)
        var report = try s.state.collateralReport(for: TokenSymbol("BGLD"), statedSupply: 1)
        #expect(report.receipts.first?.confirmedLots == [])
        _ = try s.observe([bars[0]], .stockTaking, at: TestData.w1, by: Self.w1)
        report = try s.state.collateralReport(for: TokenSymbol("BGLD"), statedSupply: 1)
        #expect(report.receipts.first?.confirmedLots == [bars[0]])
    }
}

extension EngineRuleTests {
    @Test func errorDeclarationMarksTheOriginalAndDerivesNothing() throws {
        var s = Story()
        let stray = try TestData.bar("T-9")
        let receiving = try s.event(.objectEvent, .observe, .receiving, at: TestData.w1) { $0.epcList = [stray] }
        try s.capture(receiving, by: Self.w1)
        #expect(s.state.custodyGaps.count == 1)
        var retraction = receiving
        retraction.errorDeclaration = ErrorDeclaration(declarationTime: try EventTime("2026-03-03T10:00:00+09:00"), reason: .didNotOccur)
        retraction.sourcePointer = try TestData.source(99)
        let outcome = try s.capture(retraction, by: Self.w1)
        #expect(outcome.flags.isEmpty)
        #expect(s.state.custodyGaps.count == 1)
        #expect(s.state.events[0].declaredErroneousBy == 1)
        #expect(try s.state.provenance(of: stray).events.count == 2)
    }
}
