import CLibXML2
import Foundation

/// A compiled W3C XML Schema (XSD 1.0), loaded only from the local file system or from bytes.
///
/// libxml2's schema loader fetches `schemaLocation`s itself, without `XML_PARSE_NONET`, and
/// parses schema documents with entity substitution on. So before libxml2 sees a schema,
/// every schema document in its include/import graph is read with the hardened `XMLReader`
/// (no DOCTYPE, no entities) and every `schemaLocation` must name a local file; only then is the
/// schema compiled. Schemas are configuration Bollard ships, not input from parties, but this
/// keeps a bad edit from turning into a network fetch at start-up.
public struct XMLSchema: Sendable {
    /// Path or name the schema was loaded from.
    public let name: String
    let compiled: CompiledSchema

    /// Loads the schema at `path`; includes and imports resolve relative to the including file.
    public init(contentsOfFile path: String, limits: XMLLimits = .default) throws(XMLSchemaError) {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var visited = Set<String>()
        try SchemaImportCheck.checkFile(absolute, reader: XMLReader(limits: limits), visited: &visited)
        name = path
        compiled = try CompiledSchema.compile(name: path) { xmlSchemaNewParserCtxt(absolute) }
    }

    /// Loads a self-contained schema from bytes. A schema given as bytes has no location for
    /// relative `schemaLocation`s to resolve against, so any include or import is refused.
    public init(bytes: [UInt8], name: String, limits: XMLLimits = .default) throws(XMLSchemaError) {
        let document: XMLDocument
        do {
            document = try XMLReader(limits: limits).parse(bytes, documentName: name)
        } catch {
            throw XMLSchemaError(code: .malformed, schemaName: name, line: error.line, message: error.message)
        }
        if let reference = SchemaImportCheck.references(in: document.root).first {
            throw XMLSchemaError(
                code: .forbiddenImport, schemaName: name, line: reference.line,
                message: "schema given as bytes refers to '\(reference.location)'; load it with init(contentsOfFile:)")
        }
        self.name = name
        compiled = try bytes.withUnsafeBufferPointer { (buffer) throws(XMLSchemaError) -> CompiledSchema in
            try CompiledSchema.compile(name: name) {
                buffer.baseAddress.flatMap { base in
                    base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                        xmlSchemaNewMemParserCtxt($0, Int32(buffer.count))
                    }
                }
            }
        }
    }

    /// Parses `bytes` with `reader` (all its refusals apply) and validates them in the same
    /// pass. Returns the validity errors, empty when the document is valid.
    public func validate(
        _ bytes: [UInt8], documentName: String, reader: XMLReader = XMLReader()
    ) throws(XMLReadError) -> [XMLValidationError] {
        try reader.read(bytes, documentName: documentName, schema: self).validationErrors
    }

    /// Runs `body` with a fresh validation context whose errors go to `builder`.
    func validating<R>(
        builder: UnsafeMutablePointer<SAXTreeBuilder>, _ body: (xmlSchemaValidCtxtPtr) -> R
    ) -> R? {
        guard let validationContext = xmlSchemaNewValidCtxt(compiled.schema) else { return nil }
        defer { xmlSchemaFreeValidCtxt(validationContext) }
        xmlSchemaSetValidStructuredErrors(validationContext, { ctx, error in
            guard let ctx, let error else { return }
            let e = error.pointee
            guard e.level == XML_ERR_ERROR || e.level == XML_ERR_FATAL else { return }
            let message = e.message.map { String(cString: $0) } ?? "schema validity error \(e.code)"
            ctx.assumingMemoryBound(to: SAXTreeBuilder.self).pointee.recordValidationError(
                line: Int(e.line), column: Int(e.int2),
                message: message.trimmingCharacters(in: .whitespacesAndNewlines))
        }, UnsafeMutableRawPointer(builder))
        return withExtendedLifetime(compiled) { body(validationContext) }
    }
}

/// Owns the compiled `xmlSchema`.
///
/// `@unchecked Sendable` because libxml2 never mutates a compiled schema after `xmlSchemaParse`:
/// each validation gets its own `xmlSchemaValidCtxt`, and sharing one schema across threads
/// that way is the use libxml2's xmlschemas.c is written for.
final class CompiledSchema: @unchecked Sendable {
    let schema: xmlSchemaPtr

    private init(schema: xmlSchemaPtr) {
        self.schema = schema
    }

    deinit {
        xmlSchemaFree(schema)
    }

    static func compile(
        name: String, _ makeParserContext: () -> xmlSchemaParserCtxtPtr?
    ) throws(XMLSchemaError) -> CompiledSchema {
        LibXML2Runtime.ensureInitialised()
        guard let parserContext = makeParserContext() else {
            throw XMLSchemaError(code: .unreadable, schemaName: name, line: 0, message: "libxml2 could not open the schema")
        }
        defer { xmlSchemaFreeParserCtxt(parserContext) }
        let collector = SchemaErrorCollector()
        let schema: xmlSchemaPtr? = withExtendedLifetime(collector) {
            xmlSchemaSetParserStructuredErrors(parserContext, { ctx, error in
                guard let ctx, let error else { return }
                Unmanaged<SchemaErrorCollector>.fromOpaque(ctx).takeUnretainedValue().record(error.pointee)
            }, Unmanaged.passUnretained(collector).toOpaque())
            return xmlSchemaParse(parserContext)
        }
        guard let schema else {
            let first = collector.errors.first
            throw XMLSchemaError(
                code: .invalidSchema, schemaName: first?.file ?? name, line: first?.line ?? 0,
                message: collector.errors.map(\.message).joined(separator: "; ").nonEmpty ?? "libxml2 rejected the schema")
        }
        return CompiledSchema(schema: schema)
    }
}

/// Collects schema-compilation errors for one `xmlSchemaParse` call.
private final class SchemaErrorCollector {
    var errors: [(file: String?, line: Int, message: String)] = []

    func record(_ e: xmlError) {
        guard e.level == XML_ERR_ERROR || e.level == XML_ERR_FATAL else { return }
        errors.append((
            e.file.map { String(cString: $0) }, Int(e.line),
            (e.message.map { String(cString: $0) } ?? "error \(e.code)").trimmingCharacters(in: .whitespacesAndNewlines)
        ))
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
