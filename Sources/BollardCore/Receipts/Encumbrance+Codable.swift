/// `{"token":"BGLD"}` / `{"lender":"98450012SUYE00000057"}`.
extension Encumbrance {
    enum CodingKeys: String, CodingKey {
        case token, lender
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if c.contains(.token) {
            self = .token(try c.decode(TokenSymbol.self, forKey: .token))
        } else {
            self = .lender(try c.decode(LEI.self, forKey: .lender))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .token(let s): try c.encode(s, forKey: .token)
        case .lender(let l): try c.encode(l, forKey: .lender)
        }
    }
}
