import CLibXML2

/// A hardened XML 1.0 reader for documents from outside parties.
///
/// What it refuses, and why (OWASP XXE Prevention; CWE-611, CWE-776):
/// - any document type declaration with an external identifier or an internal subset
///   (`doctypeForbidden`): no DTD is read, so no external subset is fetched and no entity is
///   declared (billion laughs, XXE). A bare `<!DOCTYPE name>` declares nothing and loads nothing
///   (XML 1.0 §2.8: its DTD is empty); GS1's own EPCIS 2.0 examples carry one, so it is accepted
///   unless `acceptsBareDocumentTypeDeclaration` is false;
/// - references to entities other than `&lt; &gt; &amp; &apos; &quot;` (`entityForbidden`);
/// - encodings other than UTF-8, UTF-16 with BOM, ISO-8859-1 and US-ASCII (`encoding`);
/// - documents past any of `XMLLimits` (`limitExceeded`).
/// Network access is off (`XML_PARSE_NONET`) as a second line of defence.
///
/// The reader holds no state: each call owns its libxml2 parser context and error handler, so
/// it is safe to call from many tasks at once.
public struct XMLReader: Sendable {
    public var limits: XMLLimits
    /// Whether `<!DOCTYPE name>` with neither external identifier nor internal subset is
    /// accepted (and ignored). Any other document type declaration is always refused.
    public var acceptsBareDocumentTypeDeclaration: Bool

    public init(limits: XMLLimits = .default) {
        self.limits = limits
        self.acceptsBareDocumentTypeDeclaration = true
    }

    public init(limits: XMLLimits = .default, acceptsBareDocumentTypeDeclaration: Bool) {
        self.limits = limits
        self.acceptsBareDocumentTypeDeclaration = acceptsBareDocumentTypeDeclaration
    }

    public func parse(_ bytes: [UInt8], documentName: String) throws(XMLReadError) -> XMLDocument {
        try read(bytes, documentName: documentName, schema: nil).document
    }

    /// Parses and validates in one pass against `schema` (see `XMLSchema.validate`).
    public func parse(
        _ bytes: [UInt8], documentName: String, validatingAgainst schema: XMLSchema
    ) throws(XMLReadError) -> (document: XMLDocument, validationErrors: [XMLValidationError]) {
        try read(bytes, documentName: documentName, schema: schema)
    }

    func read(
        _ bytes: [UInt8], documentName: String, schema: XMLSchema?
    ) throws(XMLReadError) -> (document: XMLDocument, validationErrors: [XMLValidationError]) {
        func fail(_ code: XMLReadError.Code, _ line: Int, _ column: Int, _ message: String) -> XMLReadError {
            XMLReadError(code: code, documentName: documentName, line: line, column: column, message: message)
        }
        guard !bytes.isEmpty else { throw fail(.empty, 0, 0, "document is empty") }
        guard bytes.count <= limits.maxDocumentBytes, bytes.count <= Int(Int32.max) else {
            throw fail(.limitExceeded, 0, 0, "document is \(bytes.count) bytes; the limit is \(limits.maxDocumentBytes)")
        }
        LibXML2Runtime.ensureInitialised()

        let result: Result<(XMLDocument, [XMLValidationError]), XMLReadError> = bytes.withUnsafeBufferPointer { buffer in
            let encoding: DocumentEncoding
            switch DocumentEncoding.detect(buffer) {
            case .success(let e): encoding = e
            case .failure(let f): return .failure(fail(.encoding, 1, 1, f.message))
            }
            if let refusal = prescan(buffer, encoding: encoding, documentName: documentName) {
                return .failure(refusal)
            }
            guard let base = buffer.baseAddress else { return .failure(fail(.empty, 0, 0, "document is empty")) }
            return parseWithLibXML2(base, count: buffer.count, documentName: documentName, schema: schema)
        }
        switch result {
        case .success(let (document, errors)): return (document, errors)
        case .failure(let error): throw error
        }
    }

    private func parseWithLibXML2(
        _ base: UnsafePointer<UInt8>, count: Int, documentName: String, schema: XMLSchema?
    ) -> Result<(XMLDocument, [XMLValidationError]), XMLReadError> {
        let created = base.withMemoryRebound(to: CChar.self, capacity: count) {
            xmlCreateMemoryParserCtxt($0, Int32(count))
        }
        guard let context = created else {
            return .failure(XMLReadError(
                code: .malformed, documentName: documentName, line: 0, column: 0,
                message: "libxml2 could not allocate a parser"))
        }
        defer { xmlFreeParserCtxt(context) }
        _ = xmlCtxtUseOptions(context, LibXML2Runtime.untrustedInputOptions)

        let builderPointer = UnsafeMutablePointer<SAXTreeBuilder>.allocate(capacity: 1)
        builderPointer.initialize(to: SAXTreeBuilder(
            limits: limits, documentName: documentName, context: context,
            acceptsBareDocumentTypeDeclaration: acceptsBareDocumentTypeDeclaration))
        defer { builderPointer.deallocate() }
        let opaque = UnsafeMutableRawPointer(builderPointer)
        var handler = SAXHandlerTable.make()
        let originalHandler = context.pointee.sax
        context.pointee._private = opaque

        withUnsafeMutablePointer(to: &handler) { handlerPointer in
            func parseUnvalidated() {
                context.pointee.sax = handlerPointer
                context.pointee.userData = opaque
                _ = xmlParseDocument(context)
            }
            if let schema {
                // A validation that cannot start must not read as "valid": it is reported as a
                // validity error, and the document is still parsed and checked for well-formedness.
                let ran = schema.validating(builder: builderPointer) { validationContext -> Bool in
                    var sax: UnsafeMutablePointer<xmlSAXHandler>? = handlerPointer
                    var userData: UnsafeMutableRawPointer? = opaque
                    guard let plug = xmlSchemaSAXPlug(validationContext, &sax, &userData) else { return false }
                    // The plug forwards SAX events but not structured errors; route those too.
                    sax?.pointee.serror = handlerPointer.pointee.serror
                    builderPointer.pointee.validatorPlugged = true
                    context.pointee.sax = sax
                    context.pointee.userData = userData
                    _ = xmlParseDocument(context)
                    _ = xmlSchemaSAXUnplug(plug)
                    return true
                }
                if ran != true {
                    builderPointer.pointee.recordValidationError(
                        line: 0, column: 0, message: "libxml2 could not start schema validation")
                    parseUnvalidated()
                }
            } else {
                parseUnvalidated()
            }
            context.pointee.sax = originalHandler
            context.pointee.userData = UnsafeMutableRawPointer(context)
            context.pointee._private = nil
        }
        // After a fatal error libxml2 keeps scanning with SAX disabled, and in that mode it
        // records declarations in a placeholder document ("SAX compatibility mode") that the
        // context does not own; free it so refused documents leak nothing.
        if let placeholder = context.pointee.myDoc {
            xmlFreeDoc(placeholder)
            context.pointee.myDoc = nil
        }
        let builder = builderPointer.move()

        if let failure = builder.failure { return .failure(failure) }
        if let error = builder.parserError { return .failure(error) }
        guard context.pointee.wellFormed != 0 else {
            let (line, column) = builder.currentPosition
            return .failure(XMLReadError(
                code: .malformed, documentName: documentName, line: line, column: column,
                message: "document is not well-formed"))
        }
        guard let root = builder.root else {
            return .failure(XMLReadError(
                code: .empty, documentName: documentName, line: 0, column: 0, message: "document has no root element"))
        }
        return .success((XMLDocument(documentName: documentName, root: root), builder.validationErrors))
    }
}
