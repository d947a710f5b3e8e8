/// One bar as the LBMA Good Delivery List describes it (LBMA Good Delivery Rules for Gold and
/// Silver Bars, and the bar list format of the LBMA "Bar List" guidance): refiner, serial number,
/// year of manufacture, gross weight, fineness in parts per thousand, and fine weight.
public struct PreciousMetalBar: Hashable, Sendable, Codable {
    public enum Metal: String, Hashable, Sendable, Codable {
        case gold = "XAU"
        case silver = "XAG"
        case platinum = "XPT"
        case palladium = "XPD"
    }

    public var metal: Metal
    /// The refiner's name as on the LBMA list, and its party id when known.
    public var refiner: String
    public var refinerID: PartyID?
    public var serialNumber: String
    public var yearOfManufacture: Int
    /// Gross weight, a mass (LBMA lists gold in troy ounces to 0.001 oz).
    public var grossWeight: Quantity
    /// Parts per thousand, e.g. 999.9.
    public var fineness: ExactDecimal

    /// - Throws: `CommodityError` when the weight is not a positive mass or the fineness is
    ///   outside (0, 1000]. Good Delivery limits are checked separately by `checkGoodDelivery()`
    ///   because non-Good-Delivery bars can still be stored and tracked.
    public init(metal: Metal, refiner: String, refinerID: PartyID? = nil, serialNumber: String, yearOfManufacture: Int,
                grossWeight: Quantity, fineness: ExactDecimal) throws(CommodityError) {
        guard grossWeight.dimension == .mass else {
            throw CommodityError(.wrongUnit, field: "grossWeight", "\(grossWeight.unit) is not a mass unit")
        }
        guard grossWeight.value > .zero else {
            throw CommodityError(.outOfRange, field: "grossWeight", "\(grossWeight) must be positive")
        }
        guard fineness > .zero, fineness <= ExactDecimal(1000) else {
            throw CommodityError(.outOfRange, field: "fineness", "\(fineness) must be in (0, 1000]")
        }
        guard !serialNumber.isEmpty, !refiner.isEmpty else {
            throw CommodityError(.missingField, field: serialNumber.isEmpty ? "serialNumber" : "refiner", "must not be empty")
        }
        guard (1000...9999).contains(yearOfManufacture) else {
            throw CommodityError(.outOfRange, field: "yearOfManufacture", "\(yearOfManufacture) is not a 4-digit year")
        }
        self.metal = metal
        self.refiner = refiner
        self.refinerID = refinerID
        self.serialNumber = serialNumber
        self.yearOfManufacture = yearOfManufacture
        self.grossWeight = grossWeight
        self.fineness = fineness
    }

    /// Fine weight = gross × fineness / 1000, exact, in the gross weight's unit. The division by
    /// 1000 only moves the decimal exponent, so no rounding ever happens here; LBMA lists truncate
    /// to 0.001 oz, which `fineWeight(scale:rounding:)` reproduces when a list figure is needed.
    public var fineWeight: Quantity {
        get throws(CommodityError) {
            do {
                return Quantity(try (grossWeight.value * fineness).shifted(byPowerOfTen: -3), grossWeight.unit)
            } catch {
                throw CommodityError(.arithmetic, field: "fineWeight", error.description)
            }
        }
    }

    public func fineWeight(scale: Int, rounding: DecimalRoundingMode = .down) throws(CommodityError) -> Quantity {
        let fine = try fineWeight
        do {
            return Quantity(try fine.value.rounded(scale: scale, rounding: rounding), fine.unit)
        } catch {
            throw CommodityError(.arithmetic, field: "fineWeight", error.description)
        }
    }

    /// LBMA Good Delivery limits: gold fineness ≥ 995.0 and fine content 350–430 troy oz;
    /// silver fineness ≥ 999.0 and gross weight 750–1100 troy oz.
    public func checkGoodDelivery() throws(CommodityError) {
        let oz: ExactDecimal
        switch metal {
        case .gold:
            guard fineness >= ExactDecimal(significand: 9950, exponent: -1) else {
                throw CommodityError(.outOfRange, field: "fineness", "gold Good Delivery requires ≥ 995.0, found \(fineness)")
            }
            let fine = try fineWeight
            do { oz = try fine.converted(to: .troyOunce, scale: 3, rounding: .down).value } catch {
                throw CommodityError(.wrongUnit, field: "grossWeight", error.description)
            }
            guard oz >= ExactDecimal(350), oz <= ExactDecimal(430) else {
                throw CommodityError(.outOfRange, field: "fineWeight", "gold Good Delivery requires 350-430 fine oz, found \(oz)")
            }
        case .silver:
            guard fineness >= ExactDecimal(999) else {
                throw CommodityError(.outOfRange, field: "fineness", "silver Good Delivery requires ≥ 999.0, found \(fineness)")
            }
            do { oz = try grossWeight.converted(to: .troyOunce, scale: 3, rounding: .down).value } catch {
                throw CommodityError(.wrongUnit, field: "grossWeight", error.description)
            }
            guard oz >= ExactDecimal(750), oz <= ExactDecimal(1100) else {
                throw CommodityError(.outOfRange, field: "grossWeight", "silver Good Delivery requires 750-1100 oz, found \(oz)")
            }
        case .platinum, .palladium:
            guard fineness >= ExactDecimal(9995, exponent: -1) else {
                throw CommodityError(.outOfRange, field: "fineness", "platinum/palladium Good Delivery requires ≥ 999.5")
            }
        }
    }
}

extension ExactDecimal {
    init(_ significand: Int128, exponent: Int) { self.init(significand: significand, exponent: exponent) }
}
