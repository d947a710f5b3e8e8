/// A place inside a site: the site's GLN plus an optional sub-location such as a warehouse bay,
/// a vault or a tank. In GS1 terms this is a GLN with a GLN extension component
/// (GS1 General Specifications, AI 254), written as the Digital Link
/// `https://id.gs1.org/414/{GLN}/254/{extension}` — the form EPCIS 2.0 readPoint/bizLocation use
/// and the GS1 event hash normalises to.
public struct StorageLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable, Codable {
        case bay = "BAY"
        case vault = "VAULT"
        case tank = "TANK"
    }

    /// A named spot inside the site. The extension text is `KIND-name`, e.g. `TANK-T-07`.
    public struct SubLocation: Hashable, Sendable, Codable {
        public var kind: Kind
        public var name: String
    }

    public var site: GLN
    public var subLocation: SubLocation?

    /// - Throws: `IdentifierError` when the extension would not fit AI 254 (1–20 characters
    ///   from GS1 AI encodable character set 82; Bollard restricts to A-Z, 0-9, '-', '.', '_').
    public init(site: GLN, subLocation: SubLocation? = nil) throws(IdentifierError) {
        self.site = site
        self.subLocation = subLocation
        if let ext = extensionComponent {
            let bytes = Array(ext.utf8)
            guard bytes.count <= 20 else {
                throw IdentifierError(.wrongLength, scheme: "GLN extension", value: ext, "AI 254 allows at most 20 characters")
            }
            if let bad = ASCII.firstInvalid(bytes, { ASCII.isUpperAlnum($0) || $0 == 0x2D || $0 == 0x2E || $0 == 0x5F }) {
                throw IdentifierError(.invalidCharacter, scheme: "GLN extension", value: ext, "character at position \(bad) not allowed")
            }
        }
    }

    public var extensionComponent: String? { subLocation.map { "\($0.kind.rawValue)-\($0.name)" } }

    public var uri: String {
        guard let ext = extensionComponent else { return site.locationURI }
        return "\(site.locationURI)/254/\(ext)"
    }

    public var description: String { uri }

    /// Parses the Digital Link form produced by `uri`.
    public init(uri: String) throws(IdentifierError) {
        let prefix = "https://id.gs1.org/414/"
        guard uri.hasPrefix(prefix) else {
            throw IdentifierError(.invalidFormat, scheme: "location", value: uri, "expected \(prefix)…")
        }
        let parts = uri.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false)
        let site = try GLN(String(parts[0]))
        if parts.count == 1 {
            try self.init(site: site)
            return
        }
        guard parts.count == 3, parts[1] == "254" else {
            throw IdentifierError(.invalidFormat, scheme: "location", value: uri, "expected /254/{extension} after the GLN")
        }
        let ext = parts[2]
        guard let dash = ext.firstIndex(of: "-"), let kind = Kind(rawValue: String(ext[..<dash])) else {
            throw IdentifierError(.invalidFormat, scheme: "location", value: uri, "extension must be BAY-, VAULT- or TANK- followed by a name")
        }
        try self.init(site: site, subLocation: SubLocation(kind: kind, name: String(ext[ext.index(after: dash)...])))
    }
}
