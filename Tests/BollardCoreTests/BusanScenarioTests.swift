import Testing

@testable import BollardCore

/// SCENARIO.md, built directly from Swift values: every outcome of both tables.
struct BusanScenarioTests {
    static let w1 = PartyID.gln(TestData.w1)
    static let w2 = PartyID.gln(TestData.w2)
    static let tanks = PartyID.gln(TestData.tankTerminal)
    static let terminal = PartyID.gln(TestData.terminal)

    /// Gold bar i (1…40): gross weight in thousandths of a troy ounce and fineness in tenths of
    /// a part per thousand, spread deterministically over 360.000–419.999 oz and 995.0–999.9.
    static func goldFigures(_ i: Int) -> (grossMilliOz: Int, finenessTenths: Int) {
        (360_000 + (i * 7919) % 60_000, 9950 + (i * 37) % 50)
    }

    static func serial(_ i: Int) -> String { i < 10 ? "OPM26-000\(i)" : "OPM26-00\(i)" }
    static func silverSerial(_ i: Int) -> String { i < 10 ? "OPM26-S00\(i)" : "OPM26-S0\(i)" }

    struct Built {
        var story: Story
        var gold: [EPC]
        var silver: [EPC]
        var cuA: EPC
        var cuB: EPC
        var parcel: EPC
        var parcelA: EPC
        var parcelB: EPC
        var refusals: [(String, ProvenanceError?)]
        var boilBeforeRebind: CollateralReport
        var discrepancyFlag: Discrepancy?
        var gapFlag: CustodyGap?
    }

    static func build() throws -> Built {
        var s = Story()
        var refusals: [(String, ProvenanceError?)] = []
        let onsan = TestData.onsan
        let gamcheon = TestData.gamcheon

        // 1. Onsan certifies the bars, with assay data.
        var gold: [EPC] = []
        for i in 1...40 {
            let (g, f) = goldFigures(i)
            let bar = try PreciousMetalBar(metal: .gold, refiner: "Onsan Precious Metals Refinery", refinerID: .gln(onsan),
                                           serialNumber: serial(i), yearOfManufacture: 2026,
                                           grossWeight: Quantity(ExactDecimal(significand: Int128(g), exponent: -3), .troyOunce),
                                           fineness: ExactDecimal(significand: Int128(f), exponent: -1))
            try bar.checkGoodDelivery()
            let epc = try TestData.bar(serial(i))
            let e = try s.event(.objectEvent, .add, .commissioning, at: onsan) {
                $0.epcList = [epc]
                $0.ilmd = ILMD(commodity: .preciousMetalBar(bar), hsCode: try HSCode("7108.12"))
                $0.certificationInfo = ["https://onsan.example/assay/\(serial(i))"]
                $0.sensorElementList = [SensorElement(sensorReport: [
                    SensorReport(type: "https://ns.bollard.dev/epcis/measurement/fineness", value: bar.fineness),
                ])]
            }
            try s.capture(e, by: .gln(onsan))
            gold.append(epc)
        }
        var silver: [EPC] = []
        for i in 1...30 {
            let bar = try PreciousMetalBar(metal: .silver, refiner: "Onsan Precious Metals Refinery", refinerID: .gln(onsan),
                                           serialNumber: silverSerial(i), yearOfManufacture: 2026,
                                           grossWeight: Quantity(ExactDecimal(significand: Int128(995_000 + i * 311), exponent: -3), .troyOunce),
                                           fineness: ExactDecimal(significand: Int128(9990 + i % 10), exponent: -1))
            let epc = try TestData.bar(silverSerial(i))
            try s.commission(epc, .preciousMetalBar(bar), hs: "7106.91", by: onsan)
            silver.append(epc)
        }
        let cuA = try TestData.copper("CU26-A")
        let cuB = try TestData.copper("CU26-B")
        for (lot, name, weight) in [(cuA, "CU26-A", "25.120"), (cuB, "CU26-B", "25.000")] {
            let c = try BaseMetalLot(metal: .copper, grade: "A", brand: "GCS", lotNumber: name, bundles: 10, netWeight: Quantity(weight, .tonne))
            try s.commission(lot: lot, .baseMetalLot(c), hs: "7403.11", by: gamcheon)
        }

        // 2. Stuffing under the two bills of lading (the manifests).
        let goldBox = try TestData.container("BDXU2001011")
        let silverBox = try TestData.container("BDXU2001027")
        let cuBoxA = try TestData.container("HSTU5123405")
        let cuBoxB = try TestData.container("HSTU5123410")
        try s.stuff(goldBox, children: gold, bol: "HDLN26BUS00871", by: onsan)
        try s.stuff(silverBox, children: silver, bol: "HDLN26BUS00871", by: onsan)
        try s.stuff(cuBoxA, quantities: [QuantityElement(epcClass: cuA, quantity: ExactDecimal("25.120"), uom: .tonne)],
                    bol: "HDLN26BUS00872", by: gamcheon)
        try s.stuff(cuBoxB, quantities: [QuantityElement(epcClass: cuB, quantity: ExactDecimal("25.000"), uom: .tonne)],
                    bol: "HDLN26BUS00872", by: gamcheon)

        // 3. Arrival at KRPUS, discharge, customs, gate-out.
        let boxes = [goldBox, silverBox, cuBoxA, cuBoxB]
        _ = try s.observe(boxes, .arriving, at: TestData.terminal, by: terminal)
        _ = try s.observe(boxes, .unloading, at: TestData.terminal, by: terminal)
        // 4. Customs releases into bonded storage under its own party id.
        let customs = PartyID.customsOffice(try CustomsOfficeCode("KR-BMC"))
        let release = try s.event(.objectEvent, .observe, .inspecting, at: TestData.terminal) {
            $0.epcList = boxes
            $0.disposition = .customsReleased
            $0.bizTransactionList = [BizTransaction(type: .customsDeclaration, bizTransaction: "urn:bollard:customs:KR-BMC:26BMC0001")]
            $0.sourceList = [SourceDestination(type: .possessingParty, value: TestData.terminal.partyURI)]
        }
        try s.capture(release, by: customs)
        _ = try s.observe(boxes, .departing, at: TestData.terminal, by: terminal)

        // 5. W1 receives and unpacks the bars, then issues receipts.
        _ = try s.observe([goldBox, silverBox], .receiving, at: TestData.w1, by: w1)
        try s.unpack(goldBox, at: TestData.w1)
        try s.unpack(silverBox, at: TestData.w1)
        let vault = try StorageLocation(site: TestData.w1, subLocation: .init(kind: .vault, name: "V1"))
        for r in 0..<8 {
            let lines = (1...5).map { k -> ReceiptLine in
                let i = r * 5 + k
                return ReceiptLine(lot: gold[i - 1], quantity: Quantity(ExactDecimal(significand: Int128(goldFigures(i).grossMilliOz), exponent: -3), .troyOunce))
            }
            let flags = try s.submit(s.issue(TestData.key(TestData.w1, "WR-W1-000\(r + 1)"), depositor: .gln(onsan), lines: lines, location: vault), by: w1)
            #expect(flags.flags.isEmpty, "WR-W1-000\(r + 1) flagged \(flags.flags)")
        }
        for r in 0..<3 {
            let lines = (1...10).map { k -> ReceiptLine in
                let i = r * 10 + k
                return ReceiptLine(lot: silver[i - 1], quantity: Quantity(ExactDecimal(significand: Int128(995_000 + i * 311), exponent: -3), .troyOunce))
            }
            try s.submit(s.issue(TestData.key(TestData.w1, "WR-W1-010\(r + 1)"), depositor: .gln(onsan), lines: lines, location: vault), by: w1)
        }

        // Refused: W1 issues WR-W1-0003 a second time, for a different depositor.
        let dup = try s.issue(TestData.key(TestData.w1, "WR-W1-0003"), depositor: TestData.suyeong,
                              lines: [ReceiptLine(lot: silver[0], quantity: Quantity("1", .troyOunce))])
        refusals.append(("duplicate receipt number", s.expectRefusal(dup, by: w1, .duplicateReceiptNumber)))
        // Refused: WR-W1-0009 for bars 0001…0005, already on WR-W1-0001.
        let again = try s.issue(TestData.key(TestData.w1, "WR-W1-0009"), depositor: .gln(onsan),
                                lines: (0..<5).map { ReceiptLine(lot: gold[$0], quantity: try Quantity("400", .troyOunce)) })
        refusals.append(("lot on a live receipt", s.expectRefusal(again, by: w1, .lotOnLiveReceipt)))
        // Refused: W1 submits a receipt for W2's GLN.
        let foreign = try s.issue(TestData.key(TestData.w2, "WR-W2-0003"), depositor: .gln(gamcheon),
                                  lines: [ReceiptLine(lot: cuA, quantity: Quantity("25.120", .tonne))])
        refusals.append(("warehouse writes only for itself", s.expectRefusal(foreign, by: w1, .warehouseWritesOnlyForItself)))

        // Flagged: bar OPM26-0041, in no manifest and no container, received at W1.
        let stray = try TestData.bar("OPM26-0041")
        let strayOutcome = try s.observe([stray], .receiving, at: TestData.w1, by: w1)
        var gapFlag: CustodyGap?
        if case .custodyGap(let g)? = strayOutcome.flags.first { gapFlag = g }

        // W2 receives the copper; CU26-B weighs 6.1% less than the manifest.
        _ = try s.observe([cuBoxA, cuBoxB], .receiving, at: TestData.w2, by: w2)
        try s.unpack(cuBoxA, at: TestData.w2)
        try s.unpack(cuBoxB, at: TestData.w2)
        let bay = try StorageLocation(site: TestData.w2, subLocation: .init(kind: .bay, name: "B3"))
        try s.submit(s.issue(TestData.key(TestData.w2, "WR-W2-0001"), depositor: .gln(gamcheon),
                             lines: [ReceiptLine(lot: cuA, quantity: Quantity("25120", .kilogram))], location: bay), by: w2)
        let cuBOutcome = try s.submit(s.issue(TestData.key(TestData.w2, "WR-W2-0002"), depositor: .gln(gamcheon),
                                              lines: [ReceiptLine(lot: cuB, quantity: Quantity("23.475", .tonne))], location: bay), by: w2)
        var discrepancyFlag: Discrepancy?
        if case .discrepancy(let d)? = cuBOutcome.flags.first { discrepancyFlag = d }

        // The crude parcel arrives (with its master data and bill of lading) into tank T-07.
        let parcel = try TestData.parcel("P-2026-114")
        let tank = try StorageLocation(site: TestData.tankTerminal, subLocation: .init(kind: .tank, name: "T-07"))
        let crude = try PetroleumParcel(parcelID: "P-2026-114", grade: "crude", standardVolume: Quantity("250000", .barrel),
                                        apiGravity: ExactDecimal("32.1"), tank: tank)
        let arrival = try s.event(.objectEvent, .add, .arriving, at: TestData.tankTerminal) {
            $0.quantityList = [QuantityElement(epcClass: parcel, quantity: 250_000, uom: .barrel)]
            $0.ilmd = ILMD(commodity: .petroleumParcel(crude), hsCode: try HSCode("2709.00"))
            $0.bizTransactionList = [BizTransaction(type: .billOfLading, bizTransaction: "urn:epcglobal:cbv:bt:8801234000062:HDLN26BUS00873")]
        }
        try s.capture(arrival, by: tanks)
        let tankReceipt = try s.event(.objectEvent, .observe, .receiving, at: TestData.tankTerminal) {
            $0.quantityList = [QuantityElement(epcClass: parcel, quantity: 250_000, uom: .barrel)]
            $0.bizLocation = EPCISLocation(tank)
        }
        try s.capture(tankReceipt, by: tanks)
        try s.submit(s.issue(TestData.key(TestData.tankTerminal, "WR-T07-0001"), depositor: .gln(TestData.terminal),
                             lines: [ReceiptLine(lot: parcel, quantity: Quantity("250000", .barrel))], location: tank), by: tanks)

        // 6. BDAX lists tokens and binds receipts.
        try s.submit(s.list("BGLD", unit: Quantity("1", .troyOunce), basis: .fineMass), by: TestData.bdax)
        try s.submit(s.list("BCU", unit: Quantity("1", .tonne), basis: .mass), by: TestData.bdax)
        try s.submit(s.list("BOIL", unit: Quantity("1", .barrel), basis: .standardVolume), by: TestData.bdax)
        for r in 1...8 { try s.submit(s.bind(TestData.key(TestData.w1, "WR-W1-000\(r)"), to: "BGLD"), by: TestData.bdax) }
        try s.submit(s.bind(TestData.key(TestData.w2, "WR-W2-0001"), to: "BCU"), by: TestData.bdax)
        try s.submit(s.bind(TestData.key(TestData.tankTerminal, "WR-T07-0001"), to: "BOIL"), by: TestData.bdax)

        // Refused: Suyeong pledges WR-W1-0003, already bound to BGLD.
        let pledge = try s.pledge(TestData.key(TestData.w1, "WR-W1-0003"), to: TestData.suyeongLEI)
        refusals.append(("receipt already pledged", s.expectRefusal(pledge, by: TestData.suyeong, .receiptAlreadyPledged)))

        // 7. 100 000 bbl leave tank T-07; the parcel splits; WR-T07-0001 cancelled, 0002 issued.
        let parcelA = try TestData.parcel("P-2026-114-A")
        let parcelB = try TestData.parcel("P-2026-114-B")
        let split = try s.event(.transformationEvent, nil, .other, at: TestData.tankTerminal) {
            $0.inputQuantityList = [QuantityElement(epcClass: parcel, quantity: 250_000, uom: .barrel)]
            $0.outputQuantityList = [QuantityElement(epcClass: parcelA, quantity: 100_000, uom: .barrel),
                                     QuantityElement(epcClass: parcelB, quantity: 150_000, uom: .barrel)]
            $0.transformationID = "urn:bollard:transformation:P-2026-114"
        }
        try s.capture(split, by: tanks)
        let shipOut = try s.event(.objectEvent, .observe, .shipping, at: TestData.tankTerminal) {
            $0.quantityList = [QuantityElement(epcClass: parcelA, quantity: 100_000, uom: .barrel)]
            $0.bizTransactionList = [BizTransaction(type: .despatchAdvice, bizTransaction: "urn:bollard:desadv:T07-2026-0001")]
        }
        try s.capture(shipOut, by: tanks)
        // Refused: receipting the remainder while the whole parcel's receipt is still live.
        let early = try s.issue(TestData.key(TestData.tankTerminal, "WR-T07-0002"), depositor: .gln(TestData.terminal),
                                lines: [ReceiptLine(lot: parcelB, quantity: Quantity("150000", .barrel))], location: tank)
        refusals.append(("split parcel on a live receipt", s.expectRefusal(early, by: tanks, .lotOnLiveReceipt)))
        try s.submit(s.close(TestData.key(TestData.tankTerminal, "WR-T07-0001"), .cancel), by: tanks)
        let rebind = try s.submit(s.issue(TestData.key(TestData.tankTerminal, "WR-T07-0002"), depositor: .gln(TestData.terminal),
                                          lines: [ReceiptLine(lot: parcelB, quantity: Quantity("150000", .barrel))], location: tank), by: tanks)
        #expect(rebind.flags.isEmpty, "the remainder parcel derives from an arrived parcel: \(rebind.flags)")
        let boilBefore = try s.state.collateralReport(for: TokenSymbol("BOIL"), statedSupply: 150_000)
        try s.submit(s.bind(TestData.key(TestData.tankTerminal, "WR-T07-0002"), to: "BOIL"), by: TestData.bdax)

        // 8. W2's inventory report confirms CU26-A.
        try s.submit(s.inventory(TestData.w2, [.init(lot: cuA, quantity: Quantity("25.120", .tonne))]), by: w2)

        return Built(story: s, gold: gold, silver: silver, cuA: cuA, cuB: cuB, parcel: parcel, parcelA: parcelA, parcelB: parcelB,
                     refusals: refusals, boilBeforeRebind: boilBefore, discrepancyFlag: discrepancyFlag, gapFlag: gapFlag)
    }

    @Test func refusedAttemptsNameTheirRule() throws {
        let b = try Self.build()
        let expected: [(String, ProvenanceRule)] = [
            ("duplicate receipt number", .uniqueReceiptNumber),
            ("lot on a live receipt", .oneLiveReceiptPerLot),
            ("warehouse writes only for itself", .submitterAuthority),
            ("receipt already pledged", .singleEncumbrance),
            ("split parcel on a live receipt", .oneLiveReceiptPerLot),
        ]
        #expect(b.refusals.map(\.0) == expected.map(\.0))
        for ((name, error), (_, rule)) in zip(b.refusals, expected) {
            #expect(error?.rule == rule, "\(name)")
        }
        #expect(b.refusals[0].1?.objects.first == "8801234000048/WR-W1-0003")
        #expect(b.refusals[1].1?.objects.prefix(2) == [b.gold[0].uri, "8801234000048/WR-W1-0001"])
        #expect(b.refusals[3].1?.objects.contains("token BGLD") == true)
        #expect(b.refusals[4].1?.objects == [b.parcelB.uri, "8801234000062/WR-T07-0001", "8801234000062/WR-T07-0002", b.parcel.uri])
    }

    @Test func bgldIsBackedAndFineOuncesEqualSupply() throws {
        let b = try Self.build()
        // Supply computed independently with integers: Σ gross(0.001 oz) × fineness(0.1 ‰) = fine in 1e-7 oz.
        var sum = 0
        for i in 1...40 {
            let (g, f) = Self.goldFigures(i)
            sum += g * f
        }
        let supply = ExactDecimal(significand: Int128(sum), exponent: -7)
        let report = try b.story.state.collateralReport(for: TokenSymbol("BGLD"), statedSupply: supply)
        #expect(report.collateral.value == supply)
        #expect(report.status == .backed(surplus: Quantity(.zero, .troyOunce)))
        #expect(report.receipts.map(\.receipt.number.value) == (1...8).map { "WR-W1-000\($0)" })
        #expect(report.receipts.allSatisfy { $0.backing && $0.state == .pledged })
        #expect(Set(report.receipts.flatMap(\.lots)) == Set(b.gold))
        #expect(report.discrepancies.isEmpty)
        #expect(report.custodyGaps.isEmpty)
        // One troy ounce-millionth more supply and it is short by exactly that much.
        let more = try supply + ExactDecimal("0.000001")
        let short = try b.story.state.collateralReport(for: TokenSymbol("BGLD"), statedSupply: more)
        #expect(short.shortfall == (try Quantity("0.000001", .troyOunce)))
    }

    @Test func noReceiptBacksTwoTokens() throws {
        let state = try Self.build().story.state
        var seen: [ReceiptKey: TokenSymbol] = [:]
        for (symbol, supply) in [("BGLD", ExactDecimal(1)), ("BCU", 1), ("BOIL", 1)] {
            let report = try state.collateralReport(for: TokenSymbol(symbol), statedSupply: supply)
            for r in report.receipts where r.backing {
                #expect(seen[r.receipt] == nil, "\(r.receipt) backs two tokens")
                seen[r.receipt] = report.token.symbol
            }
        }
        #expect(seen.count == 10)
    }

    @Test func bcuBackedWithCU26AConfirmed() throws {
        let b = try Self.build()
        let report = try b.story.state.collateralReport(for: TokenSymbol("BCU"), statedSupply: ExactDecimal("25.120"))
        #expect(report.isBacked)
        #expect(report.receipts.map(\.receipt.description) == ["8801234000055/WR-W2-0001"])
        #expect(report.receipts.first?.quantity == (try Quantity("25.120", .tonne)))
        #expect(report.receipts.first?.confirmedLots == [b.cuA])
        #expect(report.discrepancies.isEmpty)
    }

    @Test func boilShortInBarrelsUntilTheRemainderIsBound() throws {
        let b = try Self.build()
        let before = b.boilBeforeRebind
        #expect(before.shortfall == (try Quantity("150000", .barrel)))
        #expect(before.receipts.map(\.state) == [.cancelled])
        let after = try b.story.state.collateralReport(for: TokenSymbol("BOIL"), statedSupply: 150_000)
        #expect(after.status == .backed(surplus: Quantity(.zero, .barrel)))
        #expect(after.receipts.map(\.receipt.number.value) == ["WR-T07-0001", "WR-T07-0002"])
        #expect(after.receipts.map(\.backing) == [false, true])
        // Had the exchange not burnt the released 100 000 tokens, it would still be short by that.
        let unburnt = try b.story.state.collateralReport(for: TokenSymbol("BOIL"), statedSupply: 250_000)
        #expect(unburnt.shortfall == (try Quantity("100000", .barrel)))
    }

    @Test func cu26BDiscrepancyOnLotReceiptAndTokens() throws {
        let b = try Self.build()
        let d = try #require(b.discrepancyFlag)
        #expect(d.lot == b.cuB)
        #expect(try d.deviationPercent == ExactDecimal("-6.1"))
        #expect(try d.tolerancePercent == ExactDecimal("0.5"))
        #expect(d.expected == (try Quantity("25.000", .tonne)))
        let state = b.story.state
        #expect(state.discrepancies(onLot: b.cuB) == [d])
        #expect(try state.discrepancies(onReceipt: TestData.key(TestData.w2, "WR-W2-0002")) == [d])
        #expect(try state.provenance(of: b.cuB).discrepancies == [d])
        #expect(state.discrepancies.count == 1)
        // Visible on every token the receipt backs: bind it (on a copy of the story) and ask.
        var branch = b.story
        try branch.submit(branch.bind(TestData.key(TestData.w2, "WR-W2-0002"), to: "BCU"), by: TestData.bdax)
        let report = try branch.state.collateralReport(for: TokenSymbol("BCU"), statedSupply: ExactDecimal("48.595"))
        #expect(report.isBacked)
        #expect(report.discrepancies == [d])
        #expect(report.receipts.last?.discrepancies == [d])
    }

    @Test func opm26_0041IsAcceptedWithACustodyGap() throws {
        let b = try Self.build()
        let gap = try #require(b.gapFlag)
        let stray = try TestData.bar("OPM26-0041")
        #expect(gap.lot == stray)
        #expect(b.story.state.custodyGaps == [gap])
        #expect(try b.story.state.provenance(of: stray).custodyGaps == [gap])
    }

    @Test func provenanceFollowsContainersAndTransformations() throws {
        let b = try Self.build()
        let state = b.story.state
        let bar = try state.provenance(of: b.gold[0])
        #expect(bar.parents == [try TestData.container("BDXU2001011")])
        let steps = bar.events.compactMap { $0.event.bizStep?.standardTerm }
        #expect(steps == ["commissioning", "packing", "arriving", "unloading", "inspecting", "departing", "receiving", "unpacking"])
        let customs = PartyID.customsOffice(try CustomsOfficeCode("KR-BMC"))
        #expect(bar.events.contains { $0.submitter == customs })
        #expect(bar.receipts.map(\.key.number.value) == ["WR-W1-0001"])
        // Silver container events never leak into a gold bar's chain.
        #expect(!bar.events.contains { $0.event.parentID == (try? TestData.container("BDXU2001027")) })

        let box = try state.provenance(of: TestData.container("BDXU2001011"))
        #expect(Set(box.downstream) == Set(b.gold))

        let remainder = try state.provenance(of: b.parcelB)
        #expect(remainder.inputs == [b.parcel])
        #expect(remainder.upstream == [b.parcel])
        #expect(remainder.events.compactMap { $0.event.bizStep?.standardTerm } == ["arriving", "receiving", "other"])
        #expect(remainder.receipts.map(\.key.number.value) == ["WR-T07-0002"])
        if case .petroleumParcel(let p)? = remainder.lot.commodity {
            #expect(p.standardVolume == (try Quantity("150000", .barrel)))
        } else {
            Issue.record("remainder lost its commodity data")
        }
        let whole = try state.provenance(of: b.parcel)
        #expect(whole.outputs == [b.parcelA, b.parcelB])
        #expect(whole.receipts.map(\.state) == [.cancelled])
    }

    @Test func replayingTheLogRebuildsTheState() throws {
        let b = try Self.build()
        let replayed = try ProvenanceEngine.replay(b.story.log)
        #expect(replayed == b.story.state)
        #expect(replayed.sequence == b.story.log.count)
    }
}
