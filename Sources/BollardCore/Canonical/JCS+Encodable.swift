import Foundation

extension JCS {
    /// The canonical bytes of a Codable record — the leaf bytes of the log (DESIGN.md: "leaf =
    /// canonical bytes, RFC 8785 JSON"). Encoded with Foundation's JSONEncoder, then parsed and
    /// re-serialized canonically, so member order, escaping and number spelling never depend on
    /// Foundation's version. Decimals and quantities already encode as strings (`TextCodable`),
    /// so no amount passes through a double.
    public static func encode<T: Encodable>(_ value: T) throws(JCSError) -> [UInt8] {
        try canonicalize(try self.value(encoding: value))
    }

    /// The parsed JSON of a Codable record, not yet serialized: a caller that adds a member
    /// before `canonicalize(_:)` (a custody record's submitter) parses once instead of twice.
    public static func value<T: Encodable>(encoding value: T) throws(JCSError) -> JCSValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let json: Data
        do {
            json = try encoder.encode(value)
        } catch {
            throw JCSError(.encodingFailed, "\(T.self): \(error)")
        }
        return try parse([UInt8](json))
    }
}
