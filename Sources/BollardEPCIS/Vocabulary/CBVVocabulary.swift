/// Checks values of CBV-typed fields (bizStep, disposition, …) against CBV 2.0.
///
/// EPCIS 2.0 §7.3.5 and CBV 2.0 §6 allow three spellings of a standard term — the bare word of
/// the JSON-LD context, the Web URI `https://ref.gs1.org/cbv/BizStep-shipping` and the legacy URN
/// `urn:epcglobal:cbv:bizstep:shipping` — and any other URI as a private extension. Anything
/// else (a misspelt bare word, a CBV URI naming no term) is refused so a typo cannot reach the log.
public enum CBVVocabulary: Sendable {
    case bizStep
    case disposition
    case bizTransactionType
    case sourceDestinationType
    case errorReason

    var terms: Set<String> {
        switch self {
        case .bizStep: CBVTerms.bizSteps
        case .disposition: CBVTerms.dispositions
        case .bizTransactionType: CBVTerms.bizTransactionTypes
        case .sourceDestinationType: CBVTerms.sourceDestinationTypes
        case .errorReason: CBVTerms.errorReasons
        }
    }

    /// The Web URI prefix of CBV 2.0 §8.2 for this vocabulary.
    public var webURIPrefix: String {
        switch self {
        case .bizStep: "https://ref.gs1.org/cbv/BizStep-"
        case .disposition: "https://ref.gs1.org/cbv/Disp-"
        case .bizTransactionType: "https://ref.gs1.org/cbv/BTT-"
        case .sourceDestinationType: "https://ref.gs1.org/cbv/SDT-"
        case .errorReason: "https://ref.gs1.org/cbv/ER-"
        }
    }

    var urnPrefix: String {
        switch self {
        case .bizStep: "urn:epcglobal:cbv:bizstep:"
        case .disposition: "urn:epcglobal:cbv:disp:"
        case .bizTransactionType: "urn:epcglobal:cbv:btt:"
        case .sourceDestinationType: "urn:epcglobal:cbv:sdt:"
        case .errorReason: "urn:epcglobal:cbv:er:"
        }
    }

    var curiePrefix: String {
        switch self {
        case .bizStep: "cbv:BizStep-"
        case .disposition: "cbv:Disp-"
        case .bizTransactionType: "cbv:BTT-"
        case .sourceDestinationType: "cbv:SDT-"
        case .errorReason: "cbv:ER-"
        }
    }

    /// The Web URI of a bare word of the JSON-LD context, or nil if the word is no term.
    public func expand(bareWord: String) -> String? {
        terms.contains(bareWord) ? webURIPrefix + bareWord : nil
    }

    /// True if `value` is a CBV 2.0 term in any of its spellings or a private-extension URI.
    public func accepts(_ value: String) -> Bool {
        if terms.contains(value) { return true }
        if value.utf8HasPrefix("https://ref.gs1.org/cbv/") {
            return value.hasPrefix(webURIPrefix) && terms.contains(String(value.dropFirst(webURIPrefix.utf8.count)))
        }
        if value.utf8HasPrefix("urn:epcglobal:cbv:") {
            return value.hasPrefix(urnPrefix) && terms.contains(String(value.dropFirst(urnPrefix.utf8.count)))
        }
        if value.utf8HasPrefix("cbv:") {
            return value.hasPrefix(curiePrefix) && terms.contains(String(value.dropFirst(curiePrefix.utf8.count)))
        }
        return Self.looksLikeURI(value)
    }

    /// RFC 3986 §3.1: a scheme is a letter followed by letters, digits, `+`, `-` or `.`, then `:`.
    /// Compact IRIs (`example:step`) pass too, as JSON-LD 1.1 §4.1.5 expands them to IRIs.
    static func looksLikeURI(_ value: String) -> Bool {
        var sawLetter = false
        for b in value.utf8 {
            switch b {
            case UInt8(ascii: ":"): return sawLetter && value.utf8.count > 2
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): sawLetter = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if !sawLetter { return false }
            default: return false
            }
        }
        return false
    }
}
