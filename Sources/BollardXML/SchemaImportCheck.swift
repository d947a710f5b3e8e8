import Foundation

/// Walks a schema's include/import graph before libxml2 does, so that libxml2 only ever opens
/// local files that the hardened reader has already accepted.
enum SchemaImportCheck {
    static let xsdNamespace = "http://www.w3.org/2001/XMLSchema"
    /// XSD 1.0 Part 1 §4.2 (include, redefine, import) and XSD 1.1 §4.2.5 (override).
    static let referencingElements: Set<String> = ["include", "import", "redefine", "override"]

    struct Reference {
        var location: String
        var line: Int
    }

    /// `schemaLocation`s of the composition elements, which are children of `xs:schema`.
    static func references(in root: XMLElement) -> [Reference] {
        var out = [Reference]()
        for child in root.childElements
        where child.name.namespaceURI == xsdNamespace && referencingElements.contains(child.name.localName) {
            if let location = child.attribute("schemaLocation") {
                out.append(Reference(location: location, line: child.line))
            }
        }
        return out
    }

    static func checkFile(_ path: String, reader: XMLReader, visited: inout Set<String>) throws(XMLSchemaError) {
        guard visited.insert(path).inserted else { return }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw XMLSchemaError(code: .unreadable, schemaName: path, line: 0, message: "cannot read the schema file")
        }
        let document: XMLDocument
        do {
            document = try reader.parse([UInt8](data), documentName: path)
        } catch {
            throw XMLSchemaError(code: .malformed, schemaName: path, line: error.line, message: error.description)
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        for reference in references(in: document.root) {
            let target = try localPath(of: reference, in: path, relativeTo: directory)
            try checkFile(target, reader: reader, visited: &visited)
        }
    }

    /// Resolves a `schemaLocation` (an RFC 3986 URI reference) to a local path, refusing any
    /// scheme but `file`.
    private static func localPath(
        of reference: Reference, in schemaPath: String, relativeTo directory: URL
    ) throws(XMLSchemaError) -> String {
        var location = reference.location
        if let colon = location.firstIndex(of: ":"),
            !location[..<colon].contains("/"), location[..<colon].count > 1
        {
            let scheme = location[..<colon].lowercased()
            guard scheme == "file" else {
                throw XMLSchemaError(
                    code: .forbiddenImport, schemaName: schemaPath, line: reference.line,
                    message: "schemaLocation '\(reference.location)' is not a local file; Bollard never fetches schemas over the network")
            }
            location = String(location[location.index(after: colon)...])
            if location.hasPrefix("//") { location = String(location.dropFirst(2)) }
        }
        let decoded = location.removingPercentEncoding ?? location
        let url = decoded.hasPrefix("/")
            ? URL(fileURLWithPath: decoded) : directory.appendingPathComponent(decoded)
        return url.standardizedFileURL.path
    }
}
