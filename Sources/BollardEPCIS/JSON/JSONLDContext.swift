/// The part of a JSON-LD 1.1 context (§3.1) that EPCIS user extensions rely on: prefix → IRI.
///
/// GS1's reference hash generator resolves a compact name `example:myField` only through
/// prefixes the document declares itself (inline `@context` objects and `@xmlns:` keys), and
/// the EPCIS 2.0 hash must match it, so prefixes that exist only inside the standard EPCIS
/// context (`gs1`, `cbv`) are deliberately not applied to keys here.
struct JSONLDContext: Sendable {
    private(set) var prefixes: [String: String] = [:]
    /// Bit n set when some prefix is n bytes long (n < 64): a name whose text before its first
    /// colon has no such length, like every `urn:` EPC, is left alone without a lookup.
    private var prefixLengths: UInt64 = 0

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
            if let iri = m.value.stringValue { declare(prefix: m.key, iri: iri) }
        }
    }

    mutating func declare(prefix: String, iri: String) {
        prefixes[prefix] = iri
        let n = prefix.utf8.count
        prefixLengths |= n < 64 ? 1 << UInt64(n) : 1 << 63
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
        // The colon's offset from the contiguous bytes (a native string's), not by stepping a
        // `String.Index` through the generic collection.
        let offset: Int?? = s.utf8.withContiguousStorageIfAvailable { $0.firstIndex(of: UInt8(ascii: ":")) }
        let n: Int
        if let found = offset {
            guard let found else { return nil }
            n = found
        } else {
            guard let colon = s.utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
            n = s.utf8.distance(from: s.utf8.startIndex, to: colon)
        }
        guard prefixLengths & (n < 63 ? 1 << UInt64(n) : 1 << 63) != 0 else { return nil }
        let colon = s.utf8.index(s.utf8.startIndex, offsetBy: n)
        return (s[..<colon], s[s.utf8.index(after: colon)...])
    }
}
