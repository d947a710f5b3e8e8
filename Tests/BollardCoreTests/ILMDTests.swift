import Testing

@testable import BollardCore

struct ILMDTests {
    static func commodities() throws -> [Commodity] {
        let tank = try StorageLocation(site: GLN("8801234000062"), subLocation: .init(kind: .tank, name: "T-07"))
        return [
            .preciousMetalBar(try PreciousMetalBar(metal: .gold, refiner: "Onsan Precious Metals Refinery", refinerID: .gln(GLN("8801234000017")),
                                                   serialNumber: "OPM26-0001", yearOfManufacture: 2026,
                                                   grossWeight: Quantity("400.125", .troyOunce), fineness: ExactDecimal("999.9"))),
            .baseMetalLot(try BaseMetalLot(metal: .copper, grade: "A", brand: "GCS", lotNumber: "CU26-A", bundles: 10,
                                           netWeight: Quantity("25.120", .tonne))),
            .petroleumParcel(try PetroleumParcel(parcelID: "P-2026-114", grade: "crude", standardVolume: Quantity("250000", .barrel),
                                                 apiGravity: ExactDecimal("32.1"), tank: tank)),
        ]
    }

    @Test func commodityRoundTripsThroughElements() throws {
        let foreign = ExtensionElement(namespace: "https://example.com/ns/", name: "note", value: "kept")
        for c in try Self.commodities() {
            let ilmd = ILMD(commodity: c, hsCode: try HSCode("7108.12"), extensions: [foreign])
            let back = try ILMD(elements: ilmd.elements)
            #expect(back == ilmd)
            #expect(back.extensions == [foreign])
        }
    }

    @Test func missingOrBadFieldsAreNamed() throws {
        let ilmd = ILMD(commodity: try Self.commodities()[0])
        var elements = ilmd.elements
        elements[0].children.removeAll { $0.name == "fineness" }
        #expect(throws: ILMDError(.missing, element: "fineness", "missing")) { try ILMD(elements: elements) }

        var badUnit = ilmd.elements
        if let i = badUnit[0].children.firstIndex(where: { $0.name == "grossWeightUOM" }) { badUnit[0].children[i].value = "LTR" }
        let error = #expect(throws: ILMDError.self) { try ILMD(elements: badUnit) }
        #expect(error?.element == "grossWeight")

        var badNumber = ilmd.elements
        if let i = badNumber[0].children.firstIndex(where: { $0.name == "fineness" }) { badNumber[0].children[i].value = "999,9" }
        #expect(throws: ILMDError.self) { try ILMD(elements: badNumber) }
    }
}
