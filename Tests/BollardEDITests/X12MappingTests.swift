import BollardCore
import BollardEDI
import BollardEPCIS
import Foundation
import Testing

/// Each X12 transaction set Bollard maps, on its Busan fixture: the events and commands it yields.
@Suite("X12 transaction set mappings")
struct X12MappingTests {
    typealias F = BusanEDIFixtures
    static func events(_ file: String) throws -> [MappedEvent] { try EdifactMappingTests.events(file) }
    static func gold() throws -> [EPC] { try EdifactMappingTests.gold() }

    @Test("310: per container a packing AggregationEvent; a lot's quantity is its loop's L0 weight")
    func freightReceipt() throws {
        let metals = try Self.events("x12/03-onsan-packing.x12").map(\.event)
        #expect(metals.map(\.parentID) == (try [F.container("BDXU2001011"), F.container("BDXU2001027")]))
        #expect(metals[0].childEPCs == (try Self.gold()))
        #expect(metals[0].bizStep == .packing && metals[0].bizLocation?.id == "https://id.gs1.org/414/8801234000017")
        #expect(metals[0].bizTransactionList == [EdifactMappingTests.bol871])
        let copper = try Self.events("x12/04-gamcheon-packing.x12").map(\.event)
        #expect(copper[1].childQuantityList == [QuantityElement(epcClass: try F.copper("CU26-B"), quantity: try ExactDecimal("25.000"), uom: .tonne)])
    }

    @Test("309: per bill of lading a TransactionEvent with containers, goods, B/L and manifest")
    func customsManifest() throws {
        let events = try Self.events("x12/supplementary/309-customs-manifest.x12").map(\.event)
        #expect(events.count == 2)
        #expect(events[0].epcList.prefix(2) == (try [F.container("BDXU2001011"), F.container("BDXU2001027")])[...])
        #expect(events[0].epcList.count == 72)
        #expect(events[1].quantityList.map(\.epcClass) == (try [F.copper("CU26-A"), F.copper("CU26-B")]))
        #expect(events[1].bizTransactionList.map(\.bizTransaction) == ["urn:bollard:bol:HDLN26BUS00872", "urn:bollard:customs:HDLN-026E"])
    }

    @Test("315: vessel arrival then discharge, one container per set, at the terminal")
    func oceanStatus() throws {
        let events = try Self.events("x12/05-terminal-arrival.x12").map(\.event)
        #expect(events.map(\.bizStep) == Array(repeating: BizStep.arriving, count: 4) + Array(repeating: BizStep.unloading, count: 4))
        #expect(events[1].epcList == [try F.container("BDXU2001027")])
        #expect(events[0].bizLocation?.id == "https://id.gs1.org/414/8801234000031")
        #expect(events[0].eventTime.text == "2026-03-02T00:17:00.000+00:00")
        #expect(events[4].extensions.contains { $0.name == "vesselIMO" && $0.value == "9314014" })
    }

    @Test("315 Q2: Q201 is read by its Q212 qualifier (897) — a call sign is kept as vesselCode, never taken for an IMO number; under 'L' a bad IMO number is a positioned error")
    func vesselCodeQualifier() throws {
        let original = String(decoding: try F.bytes("x12/05-terminal-arrival.x12"), as: UTF8.self)
        let q2 = "Q2*9314014*KR*******026E****MV HAEUNDAE STAR~"
        #expect(original.contains(q2))
        // Radio call sign under C: mapped, with the code and its list, and no IMO number.
        let callSign = original.replacingOccurrences(of: q2, with: "Q2*D7HS*KR*******026E***C*MV HAEUNDAE STAR~")
        let mapped = try #require(EDIMapper().map(Array(callSign.utf8)))
        #expect(mapped.errors.isEmpty, "\(mapped.errors)")
        let ext = try #require(mapped.document.events.first?.event.extensions)
        #expect(ext.contains { $0.name == "vesselCode" && $0.value == "D7HS" })
        #expect(ext.contains { $0.name == "vesselCodeQualifier" && $0.value == "C" })
        #expect(!ext.contains { $0.name == "vesselIMO" })
        #expect(ext.contains { $0.name == "voyage" && $0.value == "026E" })
        // Lloyd's Register (L): the IMO number, check digit verified.
        let lloyds = original.replacingOccurrences(of: q2, with: "Q2*9314014*KR*******026E***L*MV HAEUNDAE STAR~")
        let l = try #require(EDIMapper().map(Array(lloyds.utf8)))
        #expect(l.errors.isEmpty)
        #expect(l.document.events.first?.event.extensions.contains { $0.name == "vesselIMO" && $0.value == "9314014" } == true)
        let badCheckDigit = original.replacingOccurrences(of: q2, with: "Q2*9314015*KR*******026E***L*MV HAEUNDAE STAR~")
        let bad = try #require(EDIMapper().map(Array(badCheckDigit.utf8)))
        #expect(bad.errors.count == 8)
        #expect(bad.errors.allSatisfy { $0.code == .invalidIdentifier && $0.tag == "Q2" && $0.element == 1 })
    }

    @Test("214: out-gate departing; at delivery receiving then unpacking; a stray bar by its GS1 mark")
    func shipmentStatus() throws {
        let out = try Self.events("x12/07-terminal-gate-out.x12").map(\.event)
        #expect(out.count == 1 && out[0].bizStep == .departing && out[0].epcList.count == 4)
        let w1 = try Self.events("x12/08-w1-receiving.x12").map(\.event)
        #expect(w1.map(\.bizStep) == [.receiving, .unpacking, .unpacking])
        #expect(w1[0].bizLocation?.id == "https://id.gs1.org/414/8801234000048")
        #expect(w1[2].parentID == (try F.container("BDXU2001027")))
        let stray = try Self.events("x12/13-w1-stray-bar.x12").map(\.event)
        #expect(stray.map(\.epcList) == [[try F.bar("OPM26-0041")]])
    }

    @Test("856: the ship notice is a shipping event with the notice as despatch advice")
    func shipNotice() throws {
        let events = try Self.events("x12/supplementary/856-ship-notice.x12").map(\.event)
        #expect(events.count == 1)
        let five = try Array(Self.gold().prefix(5))
        #expect(events[0].bizStep == .shipping && events[0].epcList == five)
        #expect(events[0].bizTransactionList.first?.bizTransaction == "urn:epcglobal:cbv:bt:8801234000017:ASN-OPM26-0871")
        #expect(events[0].destinationList.first?.value == "https://id.gs1.org/414/8801234000048")
    }

    @Test("940: the depositor's shipping order surrenders the receipt it cites")
    func shippingOrder() throws {
        let events = try Self.events("x12/supplementary/940-release-order.x12")
        #expect(events.map(\.command) == [.closeReceipt(ReceiptClosure(receipt: try F.key(F.w1, "WR-W1-0102"), kind: .release,
                                                                         time: events[0].event.eventTime, source: events[0].command.source))])
    }

    @Test("943: the depositor's transfer shipment is a shipping event bound for the warehouse")
    func transferShipment() throws {
        let events = try Self.events("x12/supplementary/943-transfer-shipment.x12").map(\.event)
        #expect(events.count == 1 && events[0].bizStep == .shipping && events[0].epcList.count == 5)
        #expect(events[0].destinationList == [SourceDestination(type: .location, value: "https://id.gs1.org/414/8801234000048")])
    }

    @Test("944: the receipt advice issues its receipt; N9 WR cancels the receipt it replaces")
    func transferReceipt() throws {
        let events = try Self.events("x12/09-w1-receipts.x12")
        #expect(events.count == 11)
        guard case .issueReceipt(let r) = events[8].command else { Issue.record("\(events[8].command)"); return }
        #expect(r.receipt == (try F.key(F.w1, "WR-W1-0101")))
        #expect(r.lines.count == 10)
        #expect(r.lines[0] == ReceiptLine(lot: try F.bar("OPM26-S001"), quantity: try Quantity("995.311", .troyOunce)))
        let copper = try Self.events("x12/15-w2-receipts.x12").map(\.command)
        guard case .issueReceipt(let a) = copper[0], case .issueReceipt(let b) = copper[1] else { Issue.record("\(copper)"); return }
        #expect(a.lines == [ReceiptLine(lot: try F.copper("CU26-A"), quantity: try Quantity("25120", .kilogram))])
        #expect(b.lines == [ReceiptLine(lot: try F.copper("CU26-B"), quantity: try Quantity("23.475", .tonne))])
        #expect(a.storageLocation?.uri == "https://id.gs1.org/414/8801234000055/254/BAY-B3")
        let reissue = try Self.events("x12/21-tank-receipt-reissue.x12").map(\.command)
        guard case .closeReceipt(let c) = reissue.first, reissue.count == 2 else { Issue.record("\(reissue)"); return }
        let old = try F.key(F.tanks, "WR-T07-0001")
        #expect(c.kind == .cancel && c.receipt == old)
    }

    @Test("945: the warehouse's shipping advice is a shipping event with the advice as desadv")
    func shippingAdvice() throws {
        let events = try Self.events("x12/20-tank-release.x12").map(\.event)
        #expect(events.count == 1)
        #expect(events[0].quantityList == [QuantityElement(epcClass: try F.parcel("P-2026-114-A"), quantity: 100_000, uom: .barrel)])
        #expect(events[0].bizTransactionList == [BizTransaction(type: .despatchAdvice, bizTransaction: "urn:epcglobal:cbv:bt:8801234000062:T07-2026-0001")])
    }

    @Test("947: the warehouse's stock statement is its inventory report")
    func inventoryAdjustment() throws {
        let events = try Self.events("x12/23-w2-inventory.x12")
        guard case .reportInventory(let r)? = events.first?.command else { Issue.record("\(events)"); return }
        #expect(r.warehouse == (try GLN(F.w2)))
        #expect(r.lines == [InventoryReport.Line(lot: try F.copper("CU26-A"), quantity: try Quantity("25.120", .tonne))])
    }
}

@Suite("X12 005010")
struct X12Version5010Tests {
    @Test("the same 944 sent as 00501/005010 with a repetition separator maps to the same receipt")
    func version5010() throws {
        let text = String(decoding: try BusanEDIFixtures.bytes("x12/17-tank-receipt.x12"), as: UTF8.self)
        let v5 = text.replacingOccurrences(of: "*U*00401*", with: "*^*00501*").replacingOccurrences(of: "*X*004010~", with: "*X*005010~")
        #expect(v5 != text)
        let a = try #require(EDIMapper().map(Array(text.utf8)))
        let b = try #require(EDIMapper().map(Array(v5.utf8)))
        #expect(b.report.interchanges.first?.syntaxVersion == "00501")
        #expect(b.messages.first?.version.hasPrefix("005010") == true)
        #expect(b.document.commands.map { $0.withoutSource } == a.document.commands.map { $0.withoutSource })
        #expect(b.document.commands.count == 1)
    }
}

extension Command {
    /// The command with its source pointer blanked, to compare two documents fact by fact.
    var withoutSource: String {
        switch self {
        case .issueReceipt(let c): "\(c.receipt) \(c.depositor) \(String(describing: c.storageLocation)) \(c.lines) \(c.time)"
        default: "\(self)"
        }
    }
}
