/// `{"preciousMetalBar":{…}}` rather than the synthesised `{"preciousMetalBar":{"_0":{…}}}`.
extension Commodity {
    enum CodingKeys: String, CodingKey {
        case preciousMetalBar, baseMetalLot, petroleumParcel
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard c.allKeys.count == 1, let key = c.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: "a commodity is an object with exactly one key"))
        }
        switch key {
        case .preciousMetalBar: self = .preciousMetalBar(try c.decode(PreciousMetalBar.self, forKey: key))
        case .baseMetalLot: self = .baseMetalLot(try c.decode(BaseMetalLot.self, forKey: key))
        case .petroleumParcel: self = .petroleumParcel(try c.decode(PetroleumParcel.self, forKey: key))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .preciousMetalBar(let v): try c.encode(v, forKey: .preciousMetalBar)
        case .baseMetalLot(let v): try c.encode(v, forKey: .baseMetalLot)
        case .petroleumParcel(let v): try c.encode(v, forKey: .petroleumParcel)
        }
    }
}
