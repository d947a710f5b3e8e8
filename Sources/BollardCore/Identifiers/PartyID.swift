/// Who a party is. Parties are identified by the scheme they already use: a GLN for companies in
/// the GS1 system (refiners, terminals, warehouses), an LEI for financial parties (exchange,
/// lenders), a customs office code for authorities.
///
/// Text form (Codable and `init(_:)`): `gln:8801234000048`, `lei:98450012BDAX00000042`,
/// `customs:KR-BMC`.
public enum PartyID: Hashable, Sendable, Comparable, CustomStringConvertible, TextCodable {
    case gln(GLN)
    case lei(LEI)
    case customsOffice(CustomsOfficeCode)

    public init(_ text: String) throws(IdentifierError) {
        if text.hasPrefix("gln:") {
            self = .gln(try GLN(String(text.dropFirst(4))))
        } else if text.hasPrefix("lei:") {
            self = .lei(try LEI(String(text.dropFirst(4))))
        } else if text.hasPrefix("customs:") {
            self = .customsOffice(try CustomsOfficeCode(String(text.dropFirst(8))))
        } else {
            throw IdentifierError(.invalidFormat, scheme: "party id", value: text, "expected gln:, lei: or customs: prefix")
        }
    }

    public var description: String {
        switch self {
        case .gln(let g): "gln:\(g.value)"
        case .lei(let l): "lei:\(l.value)"
        case .customsOffice(let c): "customs:\(c.value)"
        }
    }

    /// The URI used for this party in a CBV source/destination list (owning_party,
    /// possessing_party): GS1 Digital Link AI 417 for a GLN; LEIs and customs offices have no GS1
    /// form, so they use the GLEIF record URL and a Bollard URI respectively.
    public var uri: String {
        switch self {
        case .gln(let g): g.partyURI
        case .lei(let l): "https://lei.info/\(l.value)"
        case .customsOffice(let c): "\(BollardNamespace.uri)party/customs/\(c.value)"
        }
    }

    public static func < (lhs: PartyID, rhs: PartyID) -> Bool { lhs.description < rhs.description }

    public var canonicalText: String { description }
}

/// Bollard's own URI namespace for EPCIS extensions and identifiers that have no GS1 form.
/// It ends in `/` on purpose: the GS1 event hash only nests extensions under their parent when
/// the namespace ends in a slash (see ../shared/notes/epcis-hash.md §3).
public enum BollardNamespace {
    public static let uri = "https://ns.bollard.dev/epcis/"
}
