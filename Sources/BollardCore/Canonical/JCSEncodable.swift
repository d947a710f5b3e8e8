/// A value that writes its own RFC 8785 canonical JSON (`JCSWriter`): the types whose bytes
/// are log leaves and state rows, where `JCS.encode`'s JSONEncoder → parse → sort → serialize
/// round trip cost most of a worker's CPU per custody record (issue #4).
///
/// An implementation writes exactly the JSON the type's `Encodable` conformance writes — the
/// same members, optional members omitted when nil as `encodeIfPresent` does, values in the same
/// form — with the members in RFC 8785 §3.2.3 order, so `JCSWriter.encode(x)` and
/// `JCS.encode(x)` are the same bytes (JCSWriterDifferentialTests holds them to it).
public protocol JCSEncodable {
    func writeJCS(to writer: inout JCSWriter) throws(JCSError)
}

/// A `TextCodable` value encodes as its canonical text.
extension TextCodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.write(canonicalText)
    }
}

/// A string-backed enum encodes as its raw value, as synthesized `Codable` does.
extension JCSEncodable where Self: RawRepresentable, RawValue == String {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.write(rawValue)
    }
}
