/// Instance/lot master data (EPCIS ILMD): for Bollard, the commodity description of
/// a lot at commissioning, plus any other extension elements the sender included.
public struct ILMD: Hashable, Sendable, Codable {
    public var commodity: Commodity?
    public var hsCode: HSCode?
    public var extensions: [ExtensionElement]

    public init(commodity: Commodity? = nil, hsCode: HSCode? = nil, extensions: [ExtensionElement] = []) {
        self.commodity = commodity
        self.hsCode = hsCode
        self.extensions = extensions
    }
}
