import BollardCore

/// Words for identifiers and vocabulary terms, for people. The identifier itself is always shown
/// too (in `<code>`, or a link's target), so nothing the log says is hidden behind a label.
enum Vocabulary {
    /// `https://ref.gs1.org/cbv/BizStep-receiving` → `receiving`;
    /// `https://ns.bollard.dev/epcis/bizstep/receipt_issuing` → `receipt issuing` (CBV 2.0 §7.2).
    static func term(_ uri: String) -> String {
        let prefixes = [CBVNamespace.web + "BizStep-", CBVNamespace.web + "Disp-", CBVNamespace.web + "BTT-", CBVNamespace.web + "SDT-",
                        BollardNamespace.uri + "bizstep/", BollardNamespace.uri + "disp/", BollardNamespace.uri + "btt/"]
        for p in prefixes where uri.hasPrefix(p) {
            return String(uri.dropFirst(p.count)).replacingOccurrences(of: "_", with: " ")
        }
        return uri
    }

    /// The part of an object identifier people use: the ISO 6346 number of a container
    /// (`urn:epc:id:bic:BDXU2001011`), the serial of a GIAI, the lot of an LGTIN.
    static func shortName(_ uri: String) -> String {
        if uri.hasPrefix("urn:") { return String(uri.split(separator: ":").last ?? Substring(uri)) }
        if let last = uri.split(separator: "/").last, uri.contains("://") { return String(last) }
        return uri
    }

    /// A business transaction as `<type> <number>`: `urn:epcglobal:cbv:bt:8801234000017:HDLN26BUS00871`
    /// of type `bol` → `bol HDLN26BUS00871`; a token `https://ns.bollard.dev/epcis/token/BGLD` → `token BGLD`.
    static func transaction(_ t: BizTransaction) -> String {
        let type = t.type.map { term($0.uri) } ?? "transaction"
        return "\(type) \(shortName(t.bizTransaction))"
    }

    static func position(_ p: SourcePosition) -> String {
        switch p {
        case .ediSegments(let ref, let a, let b): return "message \(ref), segments \(a)–\(b)"
        case .xml(let line, let column): return "line \(line), column \(column)"
        case .jsonPath(let path): return path
        case .wholeDocument: return "whole document"
        }
    }

    /// The source's syntax as its pointer says it (a JSON path is EPCIS JSON-LD, a line is XML,
    /// a segment range is EDI); `SourceDocuments` can name it exactly.
    static func syntax(_ p: SourcePosition) -> String {
        switch p {
        case .ediSegments: return "EDI (EDIFACT or X12)"
        case .xml: return "XML"
        case .jsonPath: return "EPCIS 2.0 JSON-LD"
        case .wholeDocument: return "document"
        }
    }

    static func party(_ id: PartyID, in parties: PartyDirectory) -> (name: String?, scheme: String, value: String) {
        let name = parties.name(of: id)
        switch id {
        case .gln(let g): return (name, "GLN", g.value)
        case .lei(let l): return (name, "LEI", l.value)
        case .customsOffice(let c): return (name, "customs office", c.value)
        }
    }
}

/// What the store knows about source documents the records point into (by SHA-256 hex): the
/// format it sniffed and the file name the sender gave. Optional: without it the pages name a
/// source by its hash and the syntax its pointer implies.
public struct SourceDocuments: Sendable, Hashable {
    public struct Document: Sendable, Hashable {
        /// e.g. `edifact`, `x12`, `epcis-jsonld` (the intake's format names).
        public var format: String
        public var fileName: String?

        public init(format: String, fileName: String? = nil) {
            self.format = format
            self.fileName = fileName
        }
    }

    public var documents: [String: Document]

    public init(_ documents: [String: Document] = [:]) { self.documents = documents }

    public subscript(sha256: String) -> Document? { documents[sha256] }
}
