import BollardCore
import BollardXML
import Crypto

/// One step shared by the receipt and manifest readers: the hardened reader and the XSD in one
/// pass, then the root element checked, so the mappers only ever walk schema-valid trees.
struct ValidatedXMLDocument {
    let document: XMLDocument
    /// SHA-256 of the exact bytes: the intake's document id, and every source pointer's.
    let digest: [UInt8]

    init(
        _ bytes: [UInt8], documentName: String, reader: XMLReader, schema: XMLSchema,
        root: String, namespace: String
    ) throws(XMLDocumentError) {
        let parsed: (document: XMLDocument, validationErrors: [XMLValidationError])
        do {
            parsed = try reader.parse(bytes, documentName: documentName, validatingAgainst: schema)
        } catch {
            throw XMLDocumentError(.refused, documentName: documentName, line: error.line, column: error.column,
                                   rule: "hardened XML reader: \(error.code.rawValue)", error.message)
        }
        if let first = parsed.validationErrors.first {
            let more = parsed.validationErrors.count > 1 ? " (and \(parsed.validationErrors.count - 1) more)" : ""
            throw XMLDocumentError(.schemaInvalid, documentName: documentName, line: first.line, column: first.column,
                                   rule: "XSD validity (\(schema.name))", first.message + more)
        }
        let top = parsed.document.root
        // The schema declares one global element, so a valid document has this root; checked
        // anyway, because a schema passed in by mistake must not let another format through.
        guard top.name.localName == root, top.name.namespaceURI == namespace else {
            throw XMLDocumentError(.schemaInvalid, documentName: documentName, line: top.line, column: top.column,
                                   rule: "document element", "expected {\(namespace)}\(root), found \(top.name.localName)")
        }
        document = parsed.document
        digest = Array(SHA256.hash(data: bytes))
    }

    func pointer(_ element: XMLElement) throws(XMLDocumentError) -> SourcePointer {
        do {
            return try SourcePointer(documentSHA256: digest, position: .xml(line: element.line, column: max(element.column, 1)))
        } catch {
            throw XMLDocumentError(.invalidValue, documentName: document.documentName, line: element.line, column: element.column,
                                   rule: "source pointer", error.description)
        }
    }

    var sha256Hex: String { EPCISCoreMapper.hex(digest) }
}
