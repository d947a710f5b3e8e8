/// Commodity master data for a lot, carried in an event's ILMD when the lot is commissioned.
public enum Commodity: Hashable, Sendable, Codable {
    case preciousMetalBar(PreciousMetalBar)
    case baseMetalLot(BaseMetalLot)
    case petroleumParcel(PetroleumParcel)

    /// The quantity a manifest or receipt states for this lot: gross weight for a bar, net weight
    /// for a base-metal lot, standard volume for a parcel.
    public var statedQuantity: Quantity {
        switch self {
        case .preciousMetalBar(let b): b.grossWeight
        case .baseMetalLot(let l): l.netWeight
        case .petroleumParcel(let p): p.standardVolume
        }
    }

    /// The same master data for a part of the lot (a transformation output), with its quantity
    /// replaced. A bar is indivisible and keeps its data.
    public func withStatedQuantity(_ q: Quantity) -> Commodity {
        switch self {
        case .preciousMetalBar: return self
        case .baseMetalLot(var l):
            if q.dimension == .mass { l.netWeight = q }
            return .baseMetalLot(l)
        case .petroleumParcel(var p):
            if q.dimension == .volume { p.standardVolume = q }
            return .petroleumParcel(p)
        }
    }
}
