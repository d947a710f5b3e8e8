/// The synthesized `Codable` form of a storage location in RFC 8785 order (see `JCSEncodable`).
extension StorageLocation: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        try writer.member("site", site)
        try writer.member("subLocation", subLocation)
        writer.endObject()
    }
}

extension StorageLocation.SubLocation: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        try writer.member("kind", kind)
        writer.member("name", name)
        writer.endObject()
    }
}

extension StorageLocation.Kind: JCSEncodable {}
