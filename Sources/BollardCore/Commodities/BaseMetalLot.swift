/// A lot of base metal as exchange warrants describe it (LME-style: brand, shape, bundles,
/// net weight): e.g. copper grade A cathodes of brand GCS, 10 bundles, 25.000 t.
public struct BaseMetalLot: Hashable, Sendable, Codable {
    public enum Metal: String, Hashable, Sendable, Codable {
        case copper, aluminium, nickel, zinc, lead, tin, cobalt
    }

    public var metal: Metal
    public var grade: String
    public var brand: String
    public var lotNumber: String
    public var bundles: Int
    public var netWeight: Quantity

    public init(metal: Metal, grade: String, brand: String, lotNumber: String, bundles: Int, netWeight: Quantity) throws(CommodityError) {
        guard netWeight.dimension == .mass else {
            throw CommodityError(.wrongUnit, field: "netWeight", "\(netWeight.unit) is not a mass unit")
        }
        guard netWeight.value > .zero else {
            throw CommodityError(.outOfRange, field: "netWeight", "\(netWeight) must be positive")
        }
        guard bundles > 0 else {
            throw CommodityError(.outOfRange, field: "bundles", "\(bundles) must be positive")
        }
        guard !brand.isEmpty, !lotNumber.isEmpty else {
            throw CommodityError(.missingField, field: brand.isEmpty ? "brand" : "lotNumber", "must not be empty")
        }
        self.metal = metal
        self.grade = grade
        self.brand = brand
        self.lotNumber = lotNumber
        self.bundles = bundles
        self.netWeight = netWeight
    }
}
