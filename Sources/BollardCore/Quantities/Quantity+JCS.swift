/// `{"unit":"TNE","value":"23.5"}`: the synthesized `Codable` form in RFC 8785 order.
extension Quantity: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        try writer.member("unit", unit)
        try writer.member("value", value)
        writer.endObject()
    }
}
