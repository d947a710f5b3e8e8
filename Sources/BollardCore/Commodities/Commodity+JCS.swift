/// The RFC 8785 form of commodity master data, as `Commodity+Codable` and the synthesized
/// conformances write it (see `JCSEncodable`).
extension Commodity: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        switch self {
        case .baseMetalLot(let v): try writer.member("baseMetalLot", v)
        case .petroleumParcel(let v): try writer.member("petroleumParcel", v)
        case .preciousMetalBar(let v): try writer.member("preciousMetalBar", v)
        }
        writer.endObject()
    }
}

extension PreciousMetalBar: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        try writer.member("fineness", fineness)
        try writer.member("grossWeight", grossWeight)
        try writer.member("metal", metal)
        writer.member("refiner", refiner)
        try writer.member("refinerID", refinerID)
        writer.member("serialNumber", serialNumber)
        try writer.member("yearOfManufacture", yearOfManufacture)
        writer.endObject()
    }
}

extension PreciousMetalBar.Metal: JCSEncodable {}

extension BaseMetalLot: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        writer.member("brand", brand)
        try writer.member("bundles", bundles)
        writer.member("grade", grade)
        writer.member("lotNumber", lotNumber)
        try writer.member("metal", metal)
        try writer.member("netWeight", netWeight)
        writer.endObject()
    }
}

extension BaseMetalLot.Metal: JCSEncodable {}

extension PetroleumParcel: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        try writer.member("apiGravity", apiGravity)
        writer.member("grade", grade)
        writer.member("parcelID", parcelID)
        try writer.member("standardTemperatureFahrenheit", standardTemperatureFahrenheit)
        try writer.member("standardVolume", standardVolume)
        try writer.member("tank", tank)
        writer.endObject()
    }
}
