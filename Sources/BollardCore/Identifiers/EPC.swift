/// The identifier of a tracked object or class as it appears in an EPCIS event (epcList,
/// parentID, childEPCs, epcClass …): an absolute URI, kept verbatim so the event hash and the
/// source bytes agree. Bollard calls each such object a *lot*: a bar, a copper lot, an oil parcel
/// or a container.
///
/// Factories give the conventions every Bollard mapper uses, so the EDI and EPCIS versions of one
/// story name the same lots:
/// - bars and other serialised assets: GIAI Digital Link `https://id.gs1.org/8004/{prefix}{serial}`;
/// - lots of a trade item: LGTIN Digital Link `https://id.gs1.org/01/{GTIN-14}/10/{lot}`;
/// - containers: `urn:epc:id:bic:{ISO 6346}` (GS1 Tag Data Standard 2.0 BIC scheme).
public struct EPC: Hashable, Sendable, Comparable, CustomStringConvertible, TextCodable, CodingKeyRepresentable {
    public let uri: String

    /// - Throws: `IdentifierError` if the text is empty, longer than 2048 bytes, contains
    ///   whitespace or control characters, or has no URI scheme.
    public init(_ uri: String) throws(IdentifierError) {
        let bytes = Array(uri.utf8)
        guard !bytes.isEmpty, bytes.count <= 2048 else {
            throw IdentifierError(.wrongLength, scheme: "EPC URI", value: uri, "expected 1 to 2048 bytes")
        }
        if let bad = ASCII.firstInvalid(bytes, { $0 > 0x20 && $0 != 0x7F }) {
            throw IdentifierError(.invalidCharacter, scheme: "EPC URI", value: uri, "whitespace or control character at position \(bad)")
        }
        guard let colon = bytes.firstIndex(of: 0x3A), colon > 0, ASCII.isUpper(bytes[0]) || ASCII.isLower(bytes[0]) else {
            throw IdentifierError(.invalidFormat, scheme: "EPC URI", value: uri, "not an absolute URI (no scheme)")
        }
        self.uri = uri
    }

    public var description: String { uri }
    public static func < (lhs: EPC, rhs: EPC) -> Bool { lhs.uri < rhs.uri }

    public static func giai(companyPrefix: String, assetReference: String) throws(IdentifierError) -> EPC {
        let prefix = Array(companyPrefix.utf8)
        guard (6...12).contains(prefix.count), prefix.allSatisfy(ASCII.isDigit) else {
            throw IdentifierError(.invalidFormat, scheme: "GIAI", value: companyPrefix, "GS1 company prefix must be 6 to 12 digits")
        }
        let ref = Array(assetReference.utf8)
        guard !ref.isEmpty, prefix.count + ref.count <= 30 else {
            throw IdentifierError(.wrongLength, scheme: "GIAI", value: assetReference, "GIAI is at most 30 characters")
        }
        if let bad = ASCII.firstInvalid(ref, { ASCII.isAlnum($0) || $0 == 0x2D || $0 == 0x2E || $0 == 0x5F }) {
            throw IdentifierError(.invalidCharacter, scheme: "GIAI", value: assetReference, "character at position \(bad) not allowed")
        }
        return try EPC("https://id.gs1.org/8004/\(companyPrefix)\(assetReference)")
    }

    public static func lgtin(gtin: GTIN, lot: String) throws(IdentifierError) -> EPC {
        let bytes = Array(lot.utf8)
        guard (1...20).contains(bytes.count) else {
            throw IdentifierError(.wrongLength, scheme: "batch/lot (AI 10)", value: lot, "expected 1 to 20 characters")
        }
        if let bad = ASCII.firstInvalid(bytes, { ASCII.isAlnum($0) || $0 == 0x2D || $0 == 0x2E || $0 == 0x5F }) {
            throw IdentifierError(.invalidCharacter, scheme: "batch/lot (AI 10)", value: lot, "character at position \(bad) not allowed")
        }
        return try EPC("https://id.gs1.org/01/\(gtin.value)/10/\(lot)")
    }

    public static func container(_ number: ContainerNumber) -> EPC {
        EPC(unchecked: number.epcURI)
    }

    init(unchecked uri: String) { self.uri = uri }

    public var canonicalText: String { uri }

    public var codingKey: any CodingKey { StringKey(uri) }

    public init?<T: CodingKey>(codingKey: T) {
        guard let epc = try? EPC(codingKey.stringValue) else { return nil }
        self = epc
    }
}

/// A plain string coding key, for dictionaries keyed by Bollard identifiers.
struct StringKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
