/// What one token of an exchange-listed asset stands for: e.g. BGLD = 1 troy oz of fine gold,
/// BCU = 1 t of copper (net), BOIL = 1 bbl of crude at 60 °F.
public struct TokenDefinition: Hashable, Sendable, Codable {
    /// Which measure of a receipt counts towards the token.
    public enum CollateralBasis: String, Hashable, Sendable, Codable {
        /// Fine metal content of precious-metal bars.
        case fineMass
        /// Received net mass (base metals) or gross mass (anything weighed).
        case mass
        /// Standard volume (petroleum).
        case standardVolume
    }

    public var symbol: TokenSymbol
    /// The party that issues the token and alone may bind receipts to it.
    public var issuer: PartyID
    /// The amount one token represents, e.g. 1 APZ.
    public var unitPerToken: Quantity
    public var basis: CollateralBasis

    public init(symbol: TokenSymbol, issuer: PartyID, unitPerToken: Quantity, basis: CollateralBasis) {
        self.symbol = symbol
        self.issuer = issuer
        self.unitPerToken = unitPerToken
        self.basis = basis
    }
}
