/// A value from one of the CBV 2.0 standard vocabularies (BizStep, Disp, BTT, SDT, ER), or a
/// private extension.
///
/// Accepted spellings, all normalised to one canonical URI:
/// - the bare term as EPCIS 2.0 JSON-LD writes it (`receiving`), expanded through the EPCIS
///   context to `https://ref.gs1.org/cbv/BizStep-receiving`;
/// - the CBV 2.0 Web URI itself, or its `cbv:` CURIE (`cbv:BizStep-receiving`);
/// - the CBV 1.x URN (`urn:epcglobal:cbv:bizstep:receiving`), which CBV 2.0 keeps as an
///   equivalent form.
///
/// Decision on unknown values (CBV 2.0 allows user vocabularies alongside the standard ones):
/// a value *inside* a GS1 CBV namespace that is not in the standard list is refused (it claims
/// to be standard and is not — typically a typo such as `BizStep-recieving`); a bare word that
/// is not a standard term is refused (it could only be a misspelt standard term); any other
/// absolute URI (`https://…`, `urn:…` outside `urn:epcglobal:cbv:`) is kept verbatim as a
/// private extension. Extensions carry no meaning for the engine's rules.
public protocol CBVVocabulary: Hashable, Sendable, TextCodable, Comparable, CustomStringConvertible {
    /// e.g. "BizStep" — the Web URI is `https://ref.gs1.org/cbv/` + prefix + "-" + term.
    static var webPrefix: String { get }
    /// e.g. "bizstep" — the URN is `urn:epcglobal:cbv:` + prefix + ":" + term.
    static var urnPrefix: String { get }
    /// The standard terms of CBV 2.0, exactly as the EPCIS 2.0 JSON-LD context lists them.
    static var standardTerms: Set<String> { get }
    static var vocabularyName: String { get }

    /// The canonical URI: the CBV Web URI for standard terms, the text as given for extensions.
    var uri: String { get }
    init(canonicalURI: String)
}

public enum CBVNamespace {
    public static let web = "https://ref.gs1.org/cbv/"
    public static let urn = "urn:epcglobal:cbv:"
}

extension CBVVocabulary {
    /// Parses any accepted spelling (see the protocol's documentation).
    public init(_ text: String) throws(IdentifierError) {
        // The canonical Web URI of a standard term — what JSON-LD expansion gives, so nearly
        // every value — is taken as it is, without building the three prefixes below.
        if let term = Self.term(ofWebURI: text), Self.standardTerms.contains(String(term)) {
            self.init(canonicalURI: text)
            return
        }
        let web = CBVNamespace.web + Self.webPrefix + "-"
        let urn = CBVNamespace.urn + Self.urnPrefix + ":"
        let curie = "cbv:" + Self.webPrefix + "-"
        let term: String
        if text.hasPrefix(web) {
            term = String(text.dropFirst(web.count))
        } else if text.hasPrefix(urn) {
            term = String(text.dropFirst(urn.count))
        } else if text.hasPrefix(curie) {
            term = String(text.dropFirst(curie.count))
        } else if text.hasPrefix(CBVNamespace.web) || text.hasPrefix(CBVNamespace.urn) || text.hasPrefix("cbv:") {
            throw IdentifierError(.invalidFormat, scheme: "CBV \(Self.vocabularyName)", value: text,
                                  "in the GS1 CBV namespace but not a \(Self.vocabularyName) value")
        } else if text.utf8.allSatisfy({ $0 < 0x80 }) ? text.utf8.contains(UInt8(ascii: ":")) : text.contains(":") {
            guard let epc = try? EPC(text), epc.uri == text else {
                throw IdentifierError(.invalidFormat, scheme: "CBV \(Self.vocabularyName)", value: text, "not an absolute URI")
            }
            self.init(canonicalURI: text)
            return
        } else {
            term = text
        }
        guard Self.standardTerms.contains(term) else {
            throw IdentifierError(.reservedValue, scheme: "CBV \(Self.vocabularyName)", value: text,
                                  "\"\(term)\" is not a CBV 2.0 \(Self.vocabularyName) term; use a private URI for extensions")
        }
        self.init(canonicalURI: web + term)
    }

    /// What follows `https://ref.gs1.org/cbv/` + `webPrefix` + `-`, compared as bytes.
    private static func term(ofWebURI text: String) -> Substring? {
        let web = CBVNamespace.web, prefix = webPrefix
        let termStart: Int?? = text.utf8.withContiguousStorageIfAvailable { t -> Int? in
            let w = web.utf8.count, p = prefix.utf8.count
            guard t.count > w + p + 1, t[w + p] == UInt8(ascii: "-"),
                  t[0..<w].elementsEqual(web.utf8), t[w..<(w + p)].elementsEqual(prefix.utf8) else { return nil }
            return w + p + 1
        }
        guard let found = termStart, let start = found else { return nil }
        return text[text.utf8.index(text.utf8.startIndex, offsetBy: start)...]
    }

    /// The CBV term for standard values (`receiving`), nil for private extensions.
    public var standardTerm: String? {
        let web = CBVNamespace.web + Self.webPrefix + "-"
        guard uri.hasPrefix(web) else { return nil }
        return String(uri.dropFirst(web.count))
    }

    public var isExtension: Bool { standardTerm == nil }
    public var description: String { uri }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.uri < rhs.uri }

    /// The CBV 1.x URN spelling, for documents written for EPCIS 1.2 consumers.
    public var urn: String? { standardTerm.map { CBVNamespace.urn + Self.urnPrefix + ":" + $0 } }

    static func standard(_ term: String) -> Self {
        Self(canonicalURI: CBVNamespace.web + webPrefix + "-" + term)
    }

    public var canonicalText: String { uri }
}
