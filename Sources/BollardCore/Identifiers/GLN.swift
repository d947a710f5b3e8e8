/// A GS1 Global Location Number: 13 digits, the last a GS1 mod-10 check digit
/// (GS1 General Specifications: AI 414 for a physical location, AI 417 for a party).
public struct GLN: ValidatedIdentifier {
    public let value: String

    public init(_ text: String) throws(IdentifierError) {
        _ = try GS1CheckDigit.validate(text, length: 13, scheme: "GLN")
        value = text
    }

    /// GS1 Digital Link for the GLN as a physical location (AI 414).
    public var locationURI: String { "https://id.gs1.org/414/\(value)" }
    /// GS1 Digital Link for the GLN as a party (AI 417), used in CBV source/destination lists.
    public var partyURI: String { "https://id.gs1.org/417/\(value)" }
}
