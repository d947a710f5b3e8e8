import CLibXML2

/// Receives a document's elements and text straight from libxml2's SAX2 stream, for readers
/// that want no `XMLElement` tree (the EPCIS hash fast path). Names are the parser dictionary's
/// NUL-terminated UTF-8 strings: equal names share one pointer for the whole parse, so a
/// handler may key caches by address. Every pointer is valid only during the call.
/// Answering false stops the parse.
package protocol XMLStreamHandler: AnyObject {
    func startElement(localName: UnsafePointer<UInt8>, namespaceURI: UnsafePointer<UInt8>?,
                      attributes: XMLStreamAttributes, line: () -> Int) -> Bool
    func endElement() -> Bool
    func characters(_ text: UnsafeBufferPointer<UInt8>) -> Bool
}

/// The attributes of one start tag as libxml2 hands them to SAX2 (five pointers each).
package struct XMLStreamAttributes {
    let base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    package let count: Int

    package func localName(_ i: Int) -> UnsafePointer<UInt8>? { base?[5 * i] }
    package func namespaceURI(_ i: Int) -> UnsafePointer<UInt8>? { base?[5 * i + 2] }

    /// The normalised value, as libxml2 holds it: a `&` from `&amp;` or `&#38;` is still the
    /// text `&#38;` here (see `SAXTreeBuilder.attributeValue`).
    package func rawValue(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        guard let base, let start = base[5 * i + 3], let end = base[5 * i + 4], end >= start else {
            return UnsafeBufferPointer(start: nil, count: 0)
        }
        return UnsafeBufferPointer(start: start, count: end - start)
    }
}

extension XMLReader {
    /// Streams `bytes` through `handler` under the same refusals as `parse` (no DTD, no entity
    /// beyond the predefined five, no network, the encoding rules, the prescan and every
    /// `XMLLimits` bound). Answers true only when the whole document was read, well-formed,
    /// without any refusal or libxml2 error, and the handler never stopped it; on false the
    /// caller reads the document with `parse`, which says what is wrong and where.
    package func stream(_ bytes: [UInt8], into handler: some XMLStreamHandler) -> Bool {
        guard !bytes.isEmpty, bytes.count <= limits.maxDocumentBytes, bytes.count <= Int(Int32.max) else { return false }
        LibXML2Runtime.ensureInitialised()
        return bytes.withUnsafeBufferPointer { buffer -> Bool in
            guard case .success(let encoding) = DocumentEncoding.detect(buffer),
                  prescan(buffer, encoding: encoding, documentName: "") == nil,
                  let base = buffer.baseAddress else { return false }
            let created = base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlCreateMemoryParserCtxt($0, Int32(buffer.count))
            }
            guard let context = created else { return false }
            defer { xmlFreeParserCtxt(context) }
            _ = xmlCtxtUseOptions(context, LibXML2Runtime.untrustedInputOptions)

            let state = UnsafeMutablePointer<XMLStreamState>.allocate(capacity: 1)
            state.initialize(to: XMLStreamState(limits: limits, context: context, handler: handler,
                                                acceptsBareDocumentTypeDeclaration: acceptsBareDocumentTypeDeclaration))
            defer { state.deinitialize(count: 1); state.deallocate() }
            var table = XMLStreamState.handlerTable()
            let originalHandler = context.pointee.sax
            withUnsafeMutablePointer(to: &table) { tablePointer in
                context.pointee.sax = tablePointer
                context.pointee.userData = UnsafeMutableRawPointer(state)
                context.pointee._private = UnsafeMutableRawPointer(state)
                _ = xmlParseDocument(context)
                context.pointee.sax = originalHandler
                context.pointee.userData = UnsafeMutableRawPointer(context)
                context.pointee._private = nil
            }
            if let placeholder = context.pointee.myDoc {
                xmlFreeDoc(placeholder)
                context.pointee.myDoc = nil
            }
            return !state.pointee.failed && context.pointee.wellFormed != 0 && state.pointee.depth == 0
                && state.pointee.sawRoot
        }
    }
}

/// The stream's bookkeeping: the limits `SAXTreeBuilder` enforces, counted the same way.
struct XMLStreamState {
    let limits: XMLLimits
    let context: xmlParserCtxtPtr
    let handler: any XMLStreamHandler
    let acceptsBareDocumentTypeDeclaration: Bool
    var failed = false
    var depth = 0
    var sawRoot = false
    var elementCount = 0
    /// Text since the last tag: `SAXTreeBuilder` merges it into one node and bounds that.
    var textBytes = 0

    mutating func fail() {
        guard !failed else { return }
        failed = true
        xmlStopParser(context)
    }

    /// As `SAXTreeBuilder.documentTypeDeclaration`: only a bare `<!DOCTYPE name>` passes.
    mutating func documentTypeDeclaration(hasExternalIdentifier: Bool) {
        let next = context.pointee.input?.pointee.cur?.pointee
        if hasExternalIdentifier || next != UInt8(ascii: ">") || !acceptsBareDocumentTypeDeclaration { fail() }
    }

    /// As `SAXTreeBuilder.startTagPosition`, the line only.
    func startTagLine() -> Int {
        guard let input = context.pointee.input, let base = input.pointee.base, var p = input.pointee.cur else { return 0 }
        var newlines = 0
        while p > base {
            p -= 1
            if p.pointee == 0x3C { break }
            if p.pointee == 0x0A { newlines += 1 }
        }
        return Int(input.pointee.line) - newlines
    }

    mutating func startElement(localName: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?, namespaceCount: Int,
                               attributeCount: Int, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?)
    {
        guard !failed, let localName else { return }
        depth += 1
        elementCount += 1
        textBytes = 0
        sawRoot = true
        guard depth <= limits.maxDepth, elementCount <= limits.maxElements,
              attributeCount + namespaceCount <= limits.maxAttributesPerElement else { return fail() }
        let attrs = XMLStreamAttributes(base: attributes, count: attributeCount)
        for i in 0..<attributeCount where attrs.rawValue(i).count > limits.maxTextBytes { return fail() }
        let namespace = uri.flatMap { $0.pointee == 0 ? nil : $0 }
        if !handler.startElement(localName: localName, namespaceURI: namespace, attributes: attrs, line: { startTagLine() }) {
            fail()
        }
    }

    mutating func endElement() {
        guard !failed else { return }
        depth -= 1
        textBytes = 0
        if !handler.endElement() { fail() }
    }

    mutating func characters(_ bytes: UnsafePointer<xmlChar>?, _ count: Int) {
        guard !failed, let bytes, count > 0, depth > 0 else { return }
        textBytes += count
        guard textBytes <= limits.maxTextBytes else { return fail() }
        if !handler.characters(UnsafeBufferPointer(start: bytes, count: count)) { fail() }
    }

    /// The DTD and entity hooks refuse as `SAXHandlerTable`'s do; any libxml2 error at error
    /// level or above, even one the tree reader tolerates, sends the document to `parse`.
    static func handlerTable() -> xmlSAXHandler {
        var h = xmlSAXHandler()
        h.initialized = XML_SAX2_MAGIC
        h.internalSubset = { ctx, _, externalID, systemID in
            state(ctx)?.pointee.documentTypeDeclaration(hasExternalIdentifier: externalID != nil || systemID != nil)
        }
        h.externalSubset = { ctx, _, externalID, systemID in
            guard externalID != nil || systemID != nil else { return }
            state(ctx)?.pointee.fail()
        }
        h.entityDecl = { ctx, _, _, _, _, _ in state(ctx)?.pointee.fail() }
        h.getEntity = { ctx, _ in
            state(ctx)?.pointee.fail()
            return nil
        }
        h.getParameterEntity = { ctx, _ in
            state(ctx)?.pointee.fail()
            return nil
        }
        h.reference = { ctx, _ in state(ctx)?.pointee.fail() }
        h.startElementNs = { ctx, localName, _, uri, nbNamespaces, _, nbAttributes, _, attributes in
            state(ctx)?.pointee.startElement(localName: localName, uri: uri, namespaceCount: Int(nbNamespaces),
                                             attributeCount: Int(nbAttributes), attributes: attributes)
        }
        h.endElementNs = { ctx, _, _, _ in state(ctx)?.pointee.endElement() }
        h.characters = { ctx, bytes, count in state(ctx)?.pointee.characters(bytes, Int(count)) }
        h.ignorableWhitespace = { ctx, bytes, count in state(ctx)?.pointee.characters(bytes, Int(count)) }
        h.cdataBlock = { ctx, bytes, count in state(ctx)?.pointee.characters(bytes, Int(count)) }
        h.serror = { _, error in
            guard let error, error.pointee.level == XML_ERR_FATAL || error.pointee.level == XML_ERR_ERROR,
                  let context = error.pointee.ctxt?.assumingMemoryBound(to: xmlParserCtxt.self),
                  let opaque = context.pointee._private else { return }
            opaque.assumingMemoryBound(to: XMLStreamState.self).pointee.fail()
        }
        return h
    }
}

private func state(_ ctx: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<XMLStreamState>? {
    ctx?.assumingMemoryBound(to: XMLStreamState.self)
}
