/// The part of a JSON-LD 1.1 context (§3.1) that EPCIS user extensions rely on: prefix → IRI.
///
/// GS1's reference hash generator resolves a compact name `example:myField` only through
/// prefixes the document declares itself (inline `@context` objects and `@xmlns:` keys), and
/// the EPCIS 2.0 hash must match it, so prefixes that exist only inside the standard EPCIS
/// context (`gs1`, `cbv`) are deliberately not applied to keys here.
struct JSONLDContext: Sendable {
    private(set) var prefixes: [String: String] = [:]

    mutating func absorb(_ context: JSONValue) {
        switch context {
        case .array(let items):
            for item in items { absorbObject(item) }
        default:
            absorbObject(context)
        }
    }

    private mutating func absorbObject(_ value: JSONValue) {
        guard case .object(let members) = value else { return }
        for m in members {
            if let iri = m.value.stringValue { prefixes[m.key] = iri }
        }
    }

    mutating func declare(prefix: String, iri: String) {
        prefixes[prefix] = iri
    }

    /// `prefix:local` → `{iri}local` for a member name (the XML binding's Clark notation).
    @inline(__always)
    func expandKey(_ key: String) -> String {
        guard !prefixes.isEmpty, let (prefix, rest) = split(key), let iri = prefixes[String(prefix)] else { return key }
        return "{" + iri + "}" + rest
    }

    /// `prefix:local` → `iriLocal` for a string value.
    @inline(__always)
    func expandValue(_ value: String) -> String {
        guard !prefixes.isEmpty, let (prefix, rest) = split(value), let iri = prefixes[String(prefix)] else { return value }
        return iri + rest
    }

    private func split(_ s: String) -> (Substring, Substring)? {
        guard let colon = s.utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        return (s[..<colon], s[s.utf8.index(after: colon)...])
    }
}
