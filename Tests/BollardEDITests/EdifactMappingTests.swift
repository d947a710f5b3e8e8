import BollardCore
import BollardEDI
import BollardEPCIS
import Foundation
import Testing

/// Each EDIFACT type Bollard maps, on its Busan fixture: the events and commands it yields.
@Suite("EDIFACT message mappings")
struct EdifactMappingTests {
    typealias F = BusanEDIFixtures

    static func events(_ file: String) throws -> [MappedEvent] {
        let mapped = try F.mapEDI(file)
        for m in mapped.messages {
            guard case .mapped = m.outcome else {
                Issue.record("\(file) message \(m.reference) \(m.type): \(m.outcome)")
                continue
            }
        }
        return mapped.document.events
    }

    static let bol871 = BizTransaction(type: .billOfLading, bizTransaction: "urn:bollard:bol:HDLN26BUS00871")
    static let bol872 = BizTransaction(type: .billOfLading, bizTransaction: "urn:bollard:bol:HDLN26BUS00872")
    static func gold() throws -> [EPC] { try (1...40).map { try F.bar(String(format: "OPM26-%04d", $0)) } }
    static func silver() throws -> [EPC] { try (1...30).map { try F.bar(String(format: "OPM26-S%03d", $0)) } }

    @Test("IFTMIN: per container a packing AggregationEvent under the B/L, at the consignor's site")
    func iftmin() throws {
        let gold = try Self.events("edifact/03-onsan-packing.edi")
        #expect(gold.count == 2)
        let e = try #require(gold.first?.event)
        #expect(e.type == .aggregationEvent && e.action == .add)
        #expect(e.bizStep == .packing && e.disposition == .containerClosed)
        #expect(e.parentID == (try F.container("BDXU2001011")))
        #expect(e.childEPCs == (try Self.gold()))
        #expect(gold[1].event.childEPCs == (try Self.silver()))
        #expect(e.bizTransactionList == [Self.bol871])
        #expect(e.bizLocation?.id == "https://id.gs1.org/414/8801234000017")
        #expect(gold[0].command == .captureEvent(e))
        #expect(e.extensions == [ExtensionElement(namespace: BollardNamespace.uri, name: "hsCode", value: "710812")])
        let copper = try Self.events("edifact/04-gamcheon-packing.edi")
        #expect(copper.map(\.event.parentID) == (try [F.container("HSTU5123405"), F.container("HSTU5123410")]))
        #expect(copper[0].event.childQuantityList == [QuantityElement(epcClass: try F.copper("CU26-A"), quantity: try ExactDecimal("25.120"), uom: .tonne)])
        #expect(copper[1].event.childQuantityList.first?.quantity == (try ExactDecimal("25.000")))
    }

    @Test("IFTMBC: the booking confirmation associates containers and goods with B/L and booking, no custody step")
    func iftmbc() throws {
        let events = try Self.events("edifact/supplementary/iftmbc-booking-confirmation.edi")
        #expect(events.count == 2)
        let e = try #require(events.first?.event)
        #expect(e.type == .transactionEvent && e.action == .add && e.bizStep == nil)
        #expect(e.parentID == (try F.container("BDXU2001011")))
        #expect(e.epcList == (try Self.gold()))
        #expect(e.bizTransactionList == [Self.bol871, BizTransaction(type: nil, bizTransaction: "urn:bollard:booking:BK-HDLN-0871")])
    }

    @Test("CUSCAR: per consignment a TransactionEvent with its containers, goods, B/L and the cargo report")
    func cuscar() throws {
        let events = try Self.events("edifact/supplementary/cuscar-cargo-report.edi")
        #expect(events.count == 2)
        let report = BizTransaction(type: .customsDeclaration, bizTransaction: "urn:bollard:customs:CR-HDLN-026E")
        #expect(events[0].event.bizTransactionList == [Self.bol871, report])
        #expect(events[0].event.epcList == (try [F.container("BDXU2001011"), F.container("BDXU2001027")] + Self.gold() + Self.silver()))
        #expect(events[1].event.epcList == (try [F.container("HSTU5123405"), F.container("HSTU5123410")]))
        #expect(events[1].event.quantityList.map(\.epcClass) == (try [F.copper("CU26-A"), F.copper("CU26-B")]))
        #expect(events[1].event.quantityList.map(\.quantity) == (try [ExactDecimal("25.120"), ExactDecimal("25.000")]))
    }

    @Test("CUSRES: customs inspects and releases the containers under its declaration")
    func cusres() throws {
        let events = try Self.events("edifact/06-customs-release.edi")
        let e = try #require(events.first?.event)
        #expect(events.count == 1)
        #expect(e.bizStep == .inspecting && e.disposition == .customsReleased && e.action == .observe)
        #expect(e.epcList == (try ["BDXU2001011", "BDXU2001027", "HSTU5123405", "HSTU5123410"].map(F.container)))
        #expect(e.bizTransactionList == [BizTransaction(type: .customsDeclaration, bizTransaction: "urn:bollard:customs:26BMC0001")])
        #expect(e.bizLocation?.id == "https://id.gs1.org/414/8801234000031")
    }

    @Test("IFTSTA and COARRI: arrival per consignment, discharge per container with voyage and stowage")
    func arrival() throws {
        let mapped = try F.mapEDI("edifact/05-terminal-arrival.edi")
        #expect(mapped.messages.map(\.type) == ["IFTSTA", "COARRI"])
        let arriving = mapped.messages[0].events.map(\.event)
        #expect(arriving.map(\.bizStep) == [.arriving, .arriving])
        #expect(arriving[0].epcList == (try [F.container("BDXU2001011"), F.container("BDXU2001027")]))
        #expect(arriving[1].bizTransactionList == [Self.bol872])
        #expect(arriving[0].readPoint?.id == "https://id.gs1.org/414/8801234000031")
        let discharge = mapped.messages[1].events.map(\.event)
        #expect(discharge.count == 4)
        #expect(discharge.allSatisfy { $0.bizStep == .unloading && $0.disposition == .inProgress })
        #expect(discharge[2].epcList == [try F.container("HSTU5123405")])
        #expect(discharge[2].bizTransactionList == [Self.bol872])
        let ext = Dictionary(uniqueKeysWithValues: discharge[0].extensions.compactMap { e in e.value.map { (e.name, $0) } })
        #expect(ext["vesselIMO"] == "9314014" && ext["voyage"] == "026E" && ext["stowagePosition"] == "0101082")
    }

    @Test("CODECO: gate-out per container, departing in transit from the terminal")
    func codeco() throws {
        let events = try Self.events("edifact/07-terminal-gate-out.edi").map(\.event)
        #expect(events.count == 4)
        #expect(events.allSatisfy { $0.bizStep == .departing && $0.disposition == .inTransit && $0.bizLocation?.id == "https://id.gs1.org/414/8801234000031" })
        #expect(events.map(\.epcList) == (try ["BDXU2001011", "BDXU2001027", "HSTU5123405", "HSTU5123410"].map { [try F.container($0)] }))
    }

    @Test("COPRAR: the discharge order associates each container with its B/L and the order, moving nothing")
    func coprar() throws {
        let events = try Self.events("edifact/supplementary/coprar-discharge-order.edi").map(\.event)
        #expect(events.count == 4)
        #expect(events.allSatisfy { $0.type == .transactionEvent && $0.bizStep == nil })
        #expect(events[0].bizTransactionList == [Self.bol871, BizTransaction(type: nil, bizTransaction: "urn:bollard:order:DO-KRPUS-026E")])
    }

    @Test("BAPLIE: each stowed container observed in transport with its bay position")
    func baplie() throws {
        let events = try Self.events("edifact/supplementary/baplie-bay-plan.edi").map(\.event)
        #expect(events.count == 4)
        #expect(events.allSatisfy { $0.bizStep == .transporting && $0.disposition == .inTransit })
        #expect(events[3].epcList == [try F.container("HSTU5123410")])
        #expect(events[3].extensions.contains { $0.name == "stowagePosition" && $0.value == "0107082" })
    }

    @Test("IFTSTA at the warehouse: delivery completed is receiving; stripped is unpacking per container")
    func warehouseStatus() throws {
        let events = try Self.events("edifact/08-w1-receiving.edi").map(\.event)
        #expect(events.map(\.bizStep) == [.receiving, .unpacking, .unpacking])
        #expect(events[0].epcList == (try [F.container("BDXU2001011"), F.container("BDXU2001027")]))
        let gold = try F.container("BDXU2001011")
        #expect(events[1].type == .aggregationEvent && events[1].action == .delete && events[1].parentID == gold)
        #expect(events[1].childEPCs.isEmpty)
        let stray = try Self.events("edifact/13-w1-stray-bar.edi").map(\.event)
        #expect(stray.map(\.epcList) == [[try F.bar("OPM26-0041")]])
    }

    @Test("RECADV: each advice issues its receipt; a replacing advice cancels the receipt it replaces first")
    func recadv() throws {
        let events = try Self.events("edifact/09-w1-receipts.edi")
        #expect(events.count == 11)
        guard case .issueReceipt(let first) = events[0].command else {
            Issue.record("not a receipt: \(events[0].command)")
            return
        }
        #expect(first.receipt == (try F.key(F.w1, "WR-W1-0001")))
        #expect(first.depositor == .gln(try GLN("8801234000017")))
        #expect(first.storageLocation?.uri == "https://id.gs1.org/414/8801234000048/254/VAULT-V1")
        #expect(first.lines.map(\.lot) == (try (1...5).map { try F.bar(String(format: "OPM26-%04d", $0)) }))
        #expect(first.lines[0].quantity == (try Quantity("367.919", .troyOunce)))
        // The command travels as the EPCIS event Bollard's vocabulary defines, like an EPCIS receipt.
        #expect(events[0].event.bizStep == BollardCommandVocabulary.Step.receiptIssuing.bizStep)
        #expect(events[0].event.bizTransactionList == [BollardCommandVocabulary.receiptTransaction(first.receipt)])
        #expect(try CommandInterpreter().command(for: events[0].event, position: "") == events[0].command)

        let suyeong = try Self.events("edifact/10-w1-duplicate-receipt.edi")
        guard case .issueReceipt(let dup) = suyeong.first?.command else { Issue.record("no receipt"); return }
        #expect(dup.depositor == .lei(try LEI("98450012SUYE00000057")))

        let reissue = try Self.events("edifact/21-tank-receipt-reissue.edi").map(\.command)
        #expect(reissue.count == 2)
        guard case .closeReceipt(let cancel) = reissue[0], case .issueReceipt(let issue) = reissue[1] else {
            Issue.record("expected cancel then issue: \(reissue)")
            return
        }
        let old = try F.key(F.tanks, "WR-T07-0001")
        #expect(cancel.kind == .cancel && cancel.receipt == old)
        #expect(issue.lines == [ReceiptLine(lot: try F.parcel("P-2026-114-B"), quantity: try Quantity("150000", .barrel))])
    }

    @Test("DESADV: shipping with the despatch advice; a cited receipt (RFF ALO) is released")
    func desadv() throws {
        let tank = try Self.events("edifact/20-tank-release.edi")
        #expect(tank.count == 1)
        let e = tank[0].event
        #expect(e.bizStep == .shipping && e.disposition == .inTransit)
        #expect(e.quantityList == [QuantityElement(epcClass: try F.parcel("P-2026-114-A"), quantity: 100_000, uom: .barrel)])
        #expect(e.bizTransactionList == [BizTransaction(type: .despatchAdvice, bizTransaction: "urn:epcglobal:cbv:bt:8801234000062:T07-2026-0001")])
        #expect(e.bizLocation?.id == "https://id.gs1.org/414/8801234000062")
        let w1 = try Self.events("edifact/supplementary/desadv-w1-release.edi")
        #expect(w1.count == 2)
        #expect(w1[0].event.epcList.count == 10)
        #expect(w1[1].command == .closeReceipt(ReceiptClosure(receipt: try F.key(F.w1, "WR-W1-0103"), kind: .release,
                                                              time: w1[0].event.eventTime, source: w1[1].command.source)))
    }

    @Test("INVRPT: the warehouse's count is its inventory report")
    func invrpt() throws {
        let events = try Self.events("edifact/23-w2-inventory.edi")
        guard case .reportInventory(let r)? = events.first?.command, events.count == 1 else {
            Issue.record("not an inventory report: \(events)")
            return
        }
        #expect(r.warehouse == (try GLN(F.w2)))
        #expect(r.lines == [InventoryReport.Line(lot: try F.copper("CU26-A"), quantity: try Quantity("25.120", .tonne))])
        #expect(events[0].event.bizStep == .stockTaking)
    }
}
