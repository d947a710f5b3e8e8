/// `{"discrepancy":{…}}` / `{"custodyGap":{…}}`.
extension Flag {
    enum CodingKeys: String, CodingKey {
        case discrepancy, custodyGap
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if c.contains(.discrepancy) {
            self = .discrepancy(try c.decode(Discrepancy.self, forKey: .discrepancy))
        } else {
            self = .custodyGap(try c.decode(CustodyGap.self, forKey: .custodyGap))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .discrepancy(let d): try c.encode(d, forKey: .discrepancy)
        case .custodyGap(let g): try c.encode(g, forKey: .custodyGap)
        }
    }
}
