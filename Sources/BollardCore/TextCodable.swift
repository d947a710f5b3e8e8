/// A value whose Codable form is a single string, its canonical text.
///
/// Decoding re-runs the same validation as `init(_:)`, so a state snapshot or log entry that was
/// edited behind Bollard's back cannot smuggle in a value that would never have been accepted (an
/// identifier with a wrong check digit, a CBV term that does not exist, an unparseable time).
public protocol TextCodable: Codable, JCSEncodable {
    associatedtype TextError: Error & CustomStringConvertible
    init(_ text: String) throws(TextError)
    /// The text written when encoding; `init(_:)` of it gives back an equal value.
    var canonicalText: String { get }
}

extension TextCodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(canonicalText)
    }
}
