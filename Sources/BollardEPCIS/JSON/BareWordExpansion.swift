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

    var isEmpty: Bool { bySuffix.isEmpty }

    mutating func add(expanded iri: String) {
        guard iri.utf8HasPrefix("https://ref.gs1.org/cbv") || iri.utf8HasPrefix("https://gs1.org/voc") else { return }
        guard seen.insert(iri).inserted else { return }
        let bytes = Array(iri.utf8)
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "-") || b == UInt8(ascii: "/") {
            let suffix = String(decoding: bytes[(i + 1)...], as: UTF8.self)
            if let existing = bySuffix[suffix] {
                bySuffix[suffix] = (existing.count + 1, existing.iri)
            } else {
                bySuffix[suffix] = (1, iri)
            }
        }
    }

    @inline(__always)
    func replacement(for value: String) -> String? {
        guard !bySuffix.isEmpty, let hit = bySuffix[value], hit.count == 1 else { return nil }
        return hit.iri
    }

    /// Collects, from one event, the IRIs that JSON-LD expansion would produce: every string that
    /// already is a CBV/GS1 vocabulary IRI, and the expansion of bare words and `cbv:`/`gs1:`
    /// compact IRIs in the vocabulary-typed fields of the EPCIS context.
    mutating func collect(from value: JSONValue, key: String = "", parentKey: String = "") {
        switch value {
        case .string(let s):
            add(expanded: s)
            if let iri = Self.vocabularyExpansion(of: s, key: key, parentKey: parentKey) { add(expanded: iri) }
        case .array(let items):
            for item in items { collect(from: item, key: key, parentKey: parentKey) }
        case .object(let members):
            for m in members { collect(from: m.value, key: m.key, parentKey: key) }
        default:
            break
        }
    }

    static let vocabularyKeys: Set<String> = ["bizStep", "disposition", "set", "unset", "type", "reason", "exception", "component"]

    static func vocabularyExpansion(of s: String, key: String, parentKey: String) -> String? {
        if s.utf8HasPrefix("cbv:") { return "https://ref.gs1.org/cbv/" + s.dropFirst(4) }
        if s.utf8HasPrefix("gs1:") { return "https://gs1.org/voc/" + s.dropFirst(4) }
        guard vocabularyKeys.contains(key) else { return nil }
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
