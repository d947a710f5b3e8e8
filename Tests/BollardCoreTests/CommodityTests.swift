import Testing

@testable import BollardCore

struct CommodityTests {
    func goldBar(gross: String, fineness: String) throws -> PreciousMetalBar {
        try PreciousMetalBar(metal: .gold, refiner: "Onsan Precious Metals Refinery", serialNumber: "OPM26-0001",
                             yearOfManufacture: 2026, grossWeight: Quantity(gross, .troyOunce), fineness: ExactDecimal(fineness))
    }

    @Test func fineWeightIsGrossTimesFinenessExactly() throws {
        let bar = try goldBar(gross: "400.125", fineness: "999.9")
        #expect(try bar.fineWeight == Quantity("400.0849875", .troyOunce))
        // LBMA lists truncate fine weight to 0.001 oz.
        #expect(try bar.fineWeight(scale: 3) == Quantity("400.084", .troyOunce))
        try bar.checkGoodDelivery()
    }

    @Test func fineWeightInGramsStaysExact() throws {
        let bar = try PreciousMetalBar(metal: .gold, refiner: "Onsan", serialNumber: "X1", yearOfManufacture: 2026,
                                       grossWeight: Quantity("12445.2786546", .gram), fineness: ExactDecimal("995.0"))
        #expect(try bar.fineWeight.converted(to: .troyOunce) == Quantity("398.124375", .troyOunce))
    }

    @Test func goodDeliveryLimits() throws {
        let lowFineness = try goldBar(gross: "400", fineness: "994.9")
        #expect(throws: CommodityError.self) { try lowFineness.checkGoodDelivery() }.map { #expect($0.field == "fineness") }
        let light = try goldBar(gross: "340", fineness: "999.9")
        #expect(throws: CommodityError.self) { try light.checkGoodDelivery() }.map { #expect($0.field == "fineWeight") }
        let silver = try PreciousMetalBar(metal: .silver, refiner: "Onsan", serialNumber: "OPM26-S001", yearOfManufacture: 2026,
                                          grossWeight: Quantity("1000.4", .troyOunce), fineness: ExactDecimal("999.0"))
        try silver.checkGoodDelivery()
    }

    @Test func barFieldsAreValidated() throws {
        #expect(throws: CommodityError.self) { try goldBar(gross: "0", fineness: "999.9") }
        #expect(throws: CommodityError.self) { try goldBar(gross: "400", fineness: "1000.1") }
        #expect(throws: CommodityError.self) {
            try PreciousMetalBar(metal: .gold, refiner: "Onsan", serialNumber: "X", yearOfManufacture: 2026,
                                 grossWeight: Quantity("1", .litre), fineness: 999)
        }
    }

    @Test func baseMetalAndPetroleum() throws {
        let lot = try BaseMetalLot(metal: .copper, grade: "A", brand: "GCS", lotNumber: "CU26-A", bundles: 10,
                                   netWeight: Quantity("25.012", .tonne))
        #expect(Commodity.baseMetalLot(lot).statedQuantity == (try Quantity("25.012", .tonne)))
        #expect(throws: CommodityError.self) {
            try BaseMetalLot(metal: .copper, grade: "A", brand: "GCS", lotNumber: "CU26-A", bundles: 0, netWeight: Quantity("1", .tonne))
        }
        let parcel = try PetroleumParcel(parcelID: "P-2026-114", grade: "crude", standardVolume: Quantity("250000", .barrel),
                                         apiGravity: ExactDecimal("32.1"))
        #expect(parcel.standardTemperatureFahrenheit == 60)
        let part = Commodity.petroleumParcel(parcel).withStatedQuantity(try Quantity("150000", .barrel))
        #expect(part.statedQuantity == (try Quantity("150000", .barrel)))
        #expect(throws: CommodityError.self) {
            try PetroleumParcel(parcelID: "P", grade: "crude", standardVolume: Quantity("1", .tonne), apiGravity: 30)
        }
        #expect(throws: CommodityError.self) {
            try PetroleumParcel(parcelID: "P", grade: "crude", standardVolume: Quantity("1", .barrel), apiGravity: 130)
        }
    }
}
