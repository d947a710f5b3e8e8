/// Rewrites bare CBV words (`shipping`, `in_transit`, `po`) to the Web URIs that JSON-LD
/// expansion through the EPCIS 2.0 context gives them (EPCIS 2.0 §10, CBV 2.0 §8.2).
///
/// GS1's reference generator does this by expanding the document and then replacing every
/// string value `v` anywhere in the document for which exactly one expanded CBV/GS1-vocabulary
/// IRI ends in `-v` or `/v`. The same rule is applied here so that hashes agree, including its
/// reach into extension values that happen to equal a term used elsewhere in the document.
struct BareWordExpansion: Sendable {
    private var bySuffix: [String: (count: Int, iri: String)] = [:]
    private var seen: Set<String> = []
    /// Whether any suffix holds a `:`. Normally none does (the only colon of a CBV or GS1
    /// vocabulary IRI is the scheme's), so a value with a colon, such as every EPC URN, needs
    /// no lookup.
    private var suffixHasColon = false
    private var longestSuffix = 0
    /// Bit `rule` set for each word already expanded under that rule.
    private var expandedWords: [String: UInt16] = [:]

    var isEmpty: Bool { bySuffix.isEmpty }

    mutating func add(expanded iri: String) {
        guard iri.utf8HasPrefix("https://ref.gs1.org/cbv") || iri.utf8HasPrefix("https://gs1.org/voc") else { return }
        guard seen.insert(iri).inserted else { return }
        let bytes = Array(iri.utf8)
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "-") || b == UInt8(ascii: "/") {
            let suffix = String(decoding: bytes[(i + 1)...], as: UTF8.self)
            if bytes[(i + 1)...].contains(UInt8(ascii: ":")) { suffixHasColon = true }
            longestSuffix = max(longestSuffix, bytes.count - i - 1)
            if let existing = bySuffix[suffix] {
                bySuffix[suffix] = (existing.count + 1, existing.iri)
            } else {
                bySuffix[suffix] = (1, iri)
            }
        }
    }

    @inline(__always)
    func replacement(for value: String) -> String? {
        guard !bySuffix.isEmpty, value.utf8.count <= longestSuffix else { return nil }
        if !suffixHasColon, value.utf8.contains(UInt8(ascii: ":")) { return nil }
        guard let hit = bySuffix[value], hit.count == 1 else { return nil }
        return hit.iri
    }

    /// Collects, from one event, the IRIs that JSON-LD expansion would produce: every string that
    /// already is a CBV/GS1 vocabulary IRI, and the expansion of bare words and `cbv:`/`gs1:`
    /// compact IRIs in the vocabulary-typed fields of the EPCIS context.
    mutating func collect(from value: JSONValue, key: String = "", parentKey: String = "") {
        switch value {
        case .string(let s):
            add(expanded: s)
            let compact = s.utf8HasPrefix("cbv:") || s.utf8HasPrefix("gs1:")
            guard let rule = compact ? 0 : Self.rule(key: key, parentKey: parentKey) else { break }
            // Every event repeats the same few bizStep/disposition/type words: expand each
            // (word, rule) once; `add` would find the IRI already there anyway.
            let bit: UInt16 = 1 << UInt16(rule)
            let done = expandedWords[s, default: 0]
            guard done & bit == 0 else { break }
            expandedWords[s] = done | bit
            if let iri = Self.vocabularyExpansion(of: s, key: key, parentKey: parentKey) { add(expanded: iri) }
        case .array(let items):
            for item in items { collect(from: item, key: key, parentKey: parentKey) }
        case .object(let members):
            for m in members { collect(from: m.value, key: m.key, parentKey: key) }
        default:
            break
        }
    }

    /// Which case of `vocabularyExpansion` a bare word under `key` in `parentKey` falls in
    /// (1...8; 0 is the key-independent `cbv:`/`gs1:` case), nil when none can expand it.
    static func rule(key: String, parentKey: String) -> Int? {
        switch (key, parentKey) {
        case ("bizStep", _): return 1
        case ("disposition", _), ("set", "persistentDisposition"), ("unset", "persistentDisposition"): return 2
        case ("type", "bizTransactionList"): return 3
        case ("type", "sourceList"), ("type", "destinationList"): return 4
        case ("reason", "errorDeclaration"): return 5
        case ("type", "sensorReport"): return 6
        case ("exception", "sensorReport"): return 7
        case ("component", "sensorReport"): return 8
        default: return nil
        }
    }

    static func vocabularyExpansion(of s: String, key: String, parentKey: String) -> String? {
        if s.utf8HasPrefix("cbv:") { return "https://ref.gs1.org/cbv/" + s.dropFirst(4) }
        if s.utf8HasPrefix("gs1:") { return "https://gs1.org/voc/" + s.dropFirst(4) }
        switch key {
        case "bizStep", "disposition", "set", "unset", "type", "reason", "exception", "component": break
        default: return nil
        }
        switch (key, parentKey) {
        case ("bizStep", _): return CBVVocabulary.bizStep.expand(bareWord: s)
        case ("disposition", _), ("set", "persistentDisposition"), ("unset", "persistentDisposition"):
            return CBVVocabulary.disposition.expand(bareWord: s)
        case ("type", "bizTransactionList"): return CBVVocabulary.bizTransactionType.expand(bareWord: s)
        case ("type", "sourceList"), ("type", "destinationList"):
            return CBVVocabulary.sourceDestinationType.expand(bareWord: s)
        case ("reason", "errorDeclaration"): return CBVVocabulary.errorReason.expand(bareWord: s)
        case ("type", "sensorReport"):
            return CBVTerms.measurementTypes.contains(s) ? "https://gs1.org/voc/" + s : nil
        case ("exception", "sensorReport"):
            return CBVTerms.sensorAlertTypes.contains(s) ? "https://gs1.org/voc/" + s : nil
        case ("component", "sensorReport"):
            return CBVTerms.sensorComponents.contains(s) ? "https://ref.gs1.org/cbv/Comp-" + s : nil
        default: return nil
        }
    }
}
