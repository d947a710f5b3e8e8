import BollardCore
@testable import BollardEDI
import BollardEPCIS
import Foundation
import Testing

/// The warehouse line segments are read at the positions of the X12 004010 segment dictionary:
/// each test moves an identification to a position the standard gives it (or puts another
/// element at a position the standard gives to something else) on a Busan fixture and checks the
/// line still names the right lot.
@Suite("X12 warehouse line element positions")
struct X12LinePositionTests {
    typealias F = BusanEDIFixtures

    /// A segment with `elements` at their 1-based positions, the ones between left empty.
    static func segment(_ tag: String, _ elements: [Int: String]) -> String {
        let last = elements.keys.max() ?? 0
        return ([tag] + (1...max(last, 1)).map { elements[$0] ?? "" }).joined(separator: "*") + "~"
    }

    /// `file` with the segment `original` replaced (same segment count, so SE still holds).
    static func mapped(_ file: String, replacing original: String, with replacement: String) throws -> EDIMappedDocument {
        let text = String(decoding: try F.bytes(file), as: UTF8.self)
        #expect(text.contains(original), "\(file) has no \(original)")
        return try #require(EDIMapper().map(Array(text.replacingOccurrences(of: original, with: replacement).utf8)))
    }

    @Test("W19 (947): the product ID pairs are W1905/06, W1907/08 and W1917/18 (W1916 is the inventory transaction type)")
    func inventoryAdjustmentPairs() throws {
        let original = "W19*AA*25.120*MT**UK*08801234000024***CU26-A~"
        let expected = [InventoryReport.Line(lot: try F.copper("CU26-A"), quantity: try Quantity("25.120", .tonne))]
        for w19 in [Self.segment("W19", [1: "AA", 2: "25.120", 3: "MT", 5: "VN", 6: "CU-CATHODE", 7: "UK", 8: "08801234000024", 9: "CU26-A"]),
                    Self.segment("W19", [1: "AA", 2: "25.120", 3: "MT", 5: "VN", 6: "CU-CATHODE", 9: "CU26-A", 17: "UK", 18: "08801234000024"])] {
            let mapped = try Self.mapped("x12/23-w2-inventory.x12", replacing: original, with: w19)
            #expect(mapped.errors.isEmpty, "\(w19): \(mapped.errors)")
            guard case .reportInventory(let r)? = mapped.document.events.first?.command else { Issue.record("\(w19): \(mapped.messages)"); continue }
            #expect(r.lines == expected, "\(w19)")
        }
    }

    @Test("W12 (945): the second product ID pair is W1217/18, and it is not read when W1201 is IS (it names the item ordered)")
    func shippingAdvicePairs() throws {
        let original = "W12*CC*100000*100000**BR**UK*08801234000062*P-2026-114-A~"
        let parcel = [QuantityElement(epcClass: try F.parcel("P-2026-114-A"), quantity: 100_000, uom: .barrel)]
        let secondPair = Self.segment("W12", [1: "CC", 2: "100000", 3: "100000", 5: "BR", 7: "VN", 8: "TANK-07", 9: "P-2026-114-A",
                                              17: "UK", 18: "08801234000062"])
        let substituted = Self.segment("W12", [1: "IS", 2: "100000", 3: "100000", 5: "BR", 7: "UK", 8: "08801234000062", 9: "P-2026-114-A",
                                               17: "UK", 18: "08801234000024"])
        for w12 in [secondPair, substituted] {
            let mapped = try Self.mapped("x12/20-tank-release.x12", replacing: original, with: w12)
            #expect(mapped.errors.isEmpty, "\(w12): \(mapped.errors)")
            #expect(mapped.document.events.first?.event.quantityList == parcel, "\(w12)")
        }
    }

    @Test("W04 (943): W0408 is the freight class, not a lot; the third product ID pair is W0414/15")
    func transferShipmentPairs() throws {
        let original = "W04*1*EA**SN*8801234OPM26-0001~"
        let freightClass = Self.segment("W04", [1: "1", 2: "EA", 4: "SN", 5: "8801234OPM26-0001", 8: "70"])
        let mapped = try Self.mapped("x12/supplementary/943-transfer-shipment.x12", replacing: original, with: freightClass)
        #expect(mapped.errors.isEmpty, "\(mapped.errors)")
        #expect(mapped.document.events.first?.event.epcList == (try (1...5).map { try F.bar("OPM26-000\($0)") }))

        let thirdPair = Self.segment("W04", [1: "25.120", 2: "MT", 4: "UK", 5: "08801234000024", 14: "LT", 15: "CU26-A"])
        let copper = try Self.mapped("x12/supplementary/943-transfer-shipment.x12", replacing: original, with: thirdPair)
        #expect(copper.errors.isEmpty, "\(copper.errors)")
        let event = try #require(copper.document.events.first?.event)
        #expect(event.quantityList == [QuantityElement(epcClass: try F.copper("CU26-A"), quantity: try ExactDecimal("25.120"), uom: .tonne)])
        #expect(event.epcList == (try (2...5).map { try F.bar("OPM26-000\($0)") }))
    }

    @Test("W07 (944): the third product ID pair is W0710/11")
    func transferReceiptPairs() throws {
        let original = "W07*23.475*MT**UK*08801234000024*LT*CU26-B~"
        let w07 = Self.segment("W07", [1: "23.475", 2: "MT", 4: "VN", 5: "CU-CATHODE", 6: "LT", 7: "CU26-B", 10: "UK", 11: "08801234000024"])
        let mapped = try Self.mapped("x12/15-w2-receipts.x12", replacing: original, with: w07)
        #expect(mapped.errors.isEmpty, "\(mapped.errors)")
        let commands = mapped.document.events.map(\.command)
        guard commands.count == 2, case .issueReceipt(let b) = commands[1] else { Issue.record("\(commands)"); return }
        #expect(b.lines == [ReceiptLine(lot: try F.copper("CU26-B"), quantity: try Quantity("23.475", .tonne))])
    }

    /// No set Bollard maps reads W01 lines yet (a 940 acts on the receipts it cites), so the line
    /// reader is checked on its own.
    @Test("W01 (940): W0113 is the warehouse lot, W0108 the freight class, and the product ID pairs are W0104/05, W0106/07 and W0115/16")
    func shippingOrderLine() throws {
        func lines(_ w01: [Int: String]) throws(EDIMappingError) -> [GoodsItem] {
            let elements = (1...(w01.keys.max() ?? 1)).map { [w01[$0] ?? ""] }
            let segments = [MappingSegment(tag: "ST", elements: [["940"], ["0001"]], number: 1, inMessage: 1),
                            MappingSegment(tag: "W01", elements: elements, number: 2, inMessage: 2),
                            MappingSegment(tag: "SE", elements: [["3"], ["0001"]], number: 3, inMessage: 3)]
            let mapping = MessageMapping(standard: .x12, type: "940", reference: "0001", segments: segments,
                                         documentSHA256: String(repeating: "0", count: 64), options: EDIMapper.Options())
            return try mapping.x12Lines("W01")
        }
        let second = try lines([1: "10", 2: "EA", 4: "VN", 5: "CU-CATHODE", 6: "UK", 7: "08801234000024", 8: "70", 13: "CU26-A"])
        #expect(second.map(\.classes) == [[try F.copper("CU26-A")]])
        #expect(second.first?.quantity?.value == 10)
        let third = try lines([1: "10", 2: "EA", 4: "VN", 5: "CU-CATHODE", 13: "CU26-B", 15: "UK", 16: "08801234000024"])
        #expect(third.map(\.classes) == [[try F.copper("CU26-B")]])
    }
}
