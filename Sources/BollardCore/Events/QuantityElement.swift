/// An EPCIS quantityElement: an amount of an EPC class (a lot), in a Rec 20 unit.
/// EPCIS makes both `quantity` and `uom` optional: no quantity means "an unspecified amount of
/// this class", no uom means a count of instances.
public struct QuantityElement: Hashable, Sendable, Codable {
    public var epcClass: EPC
    public var quantity: ExactDecimal?
    public var uom: UnitCode?

    public init(epcClass: EPC, quantity: ExactDecimal?, uom: UnitCode? = nil) {
        self.epcClass = epcClass
        self.quantity = quantity
        self.uom = uom
    }

    /// The amount as a `Quantity` (a unit-less count is in C62, one); nil when unstated.
    public var asQuantity: Quantity? { quantity.map { Quantity($0, uom ?? .one) } }
}
