import CLibXML2

/// Builds `XMLElement`s directly from libxml2's SAX2 events, so no libxml2 DOM is built and
/// converted, and refuses what the hardened reader forbids the moment the parser meets it.
///
/// One builder serves one parse on one thread; libxml2 reaches it through the context's
/// `userData` (SAX callbacks) and `_private` (structured errors), never through globals.
/// It is a struct living in memory the reader allocates for the parse, so the callbacks mutate
/// it through that pointer: a class would pay a dynamic exclusivity check on every property
/// access, which measured at nearly half the reader's time.
struct SAXTreeBuilder {
    let limits: XMLLimits
    let documentName: String
    let context: xmlParserCtxtPtr

    /// The first refusal Bollard itself decided (DTD, entity, limit).
    private(set) var failure: XMLReadError?
    /// The first fatal error libxml2 reported (well-formedness, encoding).
    private(set) var parserError: XMLReadError?
    private(set) var root: XMLElement?
    private(set) var validationErrors: [XMLValidationError] = []

    /// Open elements, innermost last. Their content accumulates in `pending` (from
    /// `childStart` on) and becomes one exactly-sized array when the element closes, instead
    /// of each element's array growing by doubling.
    private var stack: [OpenElement] = []
    private var pending: [XMLNode] = []

    private struct OpenElement {
        var element: XMLElement
        var childStart: Int
    }
    private var text: [UInt8] = []
    private var elementCount = 0
    /// Names, prefixes and namespace URIs come from the parser's dictionary, where equal
    /// strings share one pointer for the whole parse; converting each once saves a String
    /// allocation per element for long namespace URIs. A direct-mapped cache keyed by address
    /// is cheaper than hashing, and a collision only costs a fresh conversion.
    private var internedKeys = [UnsafeRawPointer?](repeating: nil, count: 512)
    private var internedValues = [String](repeating: "", count: 512)
    let acceptsBareDocumentTypeDeclaration: Bool

    init(limits: XMLLimits, documentName: String, context: xmlParserCtxtPtr, acceptsBareDocumentTypeDeclaration: Bool) {
        self.limits = limits
        self.documentName = documentName
        self.context = context
        self.acceptsBareDocumentTypeDeclaration = acceptsBareDocumentTypeDeclaration
    }

    /// libxml2 reports `<!DOCTYPE name ExternalID?` after skipping the blanks that follow, so
    /// the next byte tells whether an internal subset (`[`) comes; it has not been read yet.
    mutating func documentTypeDeclaration(name: String, hasExternalIdentifier: Bool) {
        let next = context.pointee.input?.pointee.cur?.pointee
        if hasExternalIdentifier {
            refuse(.doctypeForbidden,
                   "document type declaration <!DOCTYPE \(name)> names an external DTD: Bollard loads no DTD")
        } else if next == UInt8(ascii: "[") {
            refuse(.doctypeForbidden,
                   "document type declaration <!DOCTYPE \(name)> has an internal subset: Bollard processes no DTD")
        } else if !acceptsBareDocumentTypeDeclaration {
            refuse(.doctypeForbidden, "document type declaration <!DOCTYPE \(name)> is not accepted")
        }
    }

    // MARK: Position

    /// Current parser position (1-based line; libxml2 counts lines without the 65535 cap that
    /// applies only to node storage).
    var currentPosition: (line: Int, column: Int) {
        guard let input = context.pointee.input else { return (0, 0) }
        return (Int(input.pointee.line), Int(input.pointee.col))
    }

    /// Line of the `<` of the start tag being reported. libxml2 calls `startElementNs` with
    /// the input positioned after the attributes, which for a tag spread over several lines
    /// is not the line the tag starts on; the tag is still in the buffer (the parser does not
    /// shrink it before the callback), and `<` cannot occur inside a well-formed tag, so
    /// counting newlines back to it gives the start line.
    private func startTagLine() -> Int {
        guard let input = context.pointee.input, let base = input.pointee.base,
            var p = input.pointee.cur
        else { return 0 }
        var newlines = 0
        while p > base {
            p -= 1
            let b = p.pointee
            if b == 0x3C { break }
            if b == 0x0A { newlines += 1 }
        }
        return Int(input.pointee.line) - newlines
    }

    // MARK: Refusals

    mutating func refuse(_ code: XMLReadError.Code, _ message: String) {
        guard failure == nil else { return }
        let (line, column) = currentPosition
        failure = XMLReadError(code: code, documentName: documentName, line: line, column: column, message: message)
        xmlStopParser(context)
    }

    mutating func refuse(_ code: XMLReadError.Code, _ message: String, line: Int, column: Int) {
        guard failure == nil else { return }
        failure = XMLReadError(code: code, documentName: documentName, line: line, column: column, message: message)
        xmlStopParser(context)
    }

    // MARK: Events

    mutating func startElement(
        localName: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
        namespaceCount: Int, namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
        attributeCount: Int, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        guard failure == nil else { return }
        let line = startTagLine()
        if stack.count + 1 > limits.maxDepth {
            refuse(.limitExceeded, "element nesting deeper than \(limits.maxDepth)", line: line, column: currentPosition.column)
            return
        }
        elementCount += 1
        if elementCount > limits.maxElements {
            refuse(.limitExceeded, "more than \(limits.maxElements) elements", line: line, column: currentPosition.column)
            return
        }
        if attributeCount + namespaceCount > limits.maxAttributesPerElement {
            refuse(.limitExceeded, "more than \(limits.maxAttributesPerElement) attributes on one element", line: line,
                   column: currentPosition.column)
            return
        }
        flushText()

        var declarations = [XMLNamespaceDeclaration]()
        if namespaceCount > 0, let namespaces {
            declarations.reserveCapacity(namespaceCount)
            for i in 0..<namespaceCount {
                declarations.append(
                    XMLNamespaceDeclaration(prefix: intern(namespaces[2 * i]), uri: intern(namespaces[2 * i + 1]) ?? ""))
            }
        }
        var attrs = [XMLAttribute]()
        if attributeCount > 0, let attributes {
            attrs.reserveCapacity(attributeCount)
            for i in 0..<attributeCount {
                let a = attributes + 5 * i
                let value: String
                if let start = a[3], let end = a[4], end >= start {
                    value = Self.attributeValue(UnsafeBufferPointer(start: start, count: end - start))
                } else {
                    value = ""
                }
                attrs.append(XMLAttribute(name: makeName(a[0], a[1], a[2]), value: value))
            }
        }
        let element = XMLElement(
            name: makeName(localName, prefix, uri), attributes: attrs, namespaceDeclarations: declarations,
            children: [], line: line)
        stack.append(OpenElement(element: element, childStart: pending.count))
    }

    mutating func endElement() {
        guard failure == nil, !stack.isEmpty else { return }
        flushText()
        var open = stack.removeLast()
        if open.childStart < pending.count {
            open.element.children = Array(pending[open.childStart...])
            pending.removeSubrange(open.childStart...)
        }
        if stack.isEmpty {
            root = open.element
        } else {
            pending.append(.element(open.element))
        }
    }

    /// Character data, CDATA sections, and the replacement text of predefined entities and
    /// character references all arrive here and merge into one text node.
    mutating func characters(_ bytes: UnsafePointer<xmlChar>?, _ count: Int) {
        guard failure == nil, let bytes, count > 0, !stack.isEmpty else { return }
        if text.count + count > limits.maxTextBytes {
            refuse(.limitExceeded, "text node longer than \(limits.maxTextBytes) bytes")
            return
        }
        text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    }

    /// Without entity substitution (`XML_PARSE_NOENT`, which Bollard never sets) libxml2 hands
    /// an attribute's `&` — from `&amp;` or `&#38;` — to SAX2 as the text `&#38;`, expecting
    /// its own tree builder to decode it again. Any other `&` in the normalised value was
    /// already decoded, and a raw `&` cannot occur (XML 1.0 §3.1 [10]), so `&#38;` is exactly
    /// the one sequence to turn back into `&`.
    static func attributeValue(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        guard raw.contains(0x26) else { return String(decoding: raw, as: UTF8.self) }
        var out = [UInt8]()
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            if raw[i] == 0x26, i + 4 < raw.count, raw[i + 1] == 0x23, raw[i + 2] == 0x33, raw[i + 3] == 0x38,
                raw[i + 4] == 0x3B
            {
                out.append(0x26)
                i += 5
            } else {
                out.append(raw[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func flushText() {
        guard !text.isEmpty, !stack.isEmpty else { return }
        pending.append(.text(String(decoding: text, as: UTF8.self)))
        text.removeAll(keepingCapacity: true)
    }

    private mutating func makeName(
        _ localName: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?
    ) -> XMLName {
        let namespace = intern(uri)
        return XMLName(
            namespaceURI: namespace?.isEmpty == true ? nil : namespace,
            localName: intern(localName) ?? "",
            prefix: intern(prefix))
    }

    private mutating func intern(_ p: UnsafePointer<xmlChar>?) -> String? {
        guard let p else { return nil }
        let key = UnsafeRawPointer(p)
        let slot = Int(bitPattern: UInt(bitPattern: key) >> 3) & 511
        if internedKeys[slot] == key { return internedValues[slot] }
        let s = String(cString: p)
        internedKeys[slot] = key
        internedValues[slot] = s
        return s
    }

    // MARK: Errors reported by libxml2

    mutating func libraryError(_ error: UnsafePointer<xmlError>) {
        let e = error.pointee
        guard e.level == XML_ERR_FATAL || e.level == XML_ERR_ERROR else { return }
        let code = e.code
        if code == Int32(XML_ERR_USER_STOP.rawValue) { return }
        let message = e.message.map { String(cString: $0) }?
            .trimmingSuffix(while: { $0 == "\n" || $0 == " " }) ?? "XML error \(code)"
        if e.domain == Int32(XML_FROM_SCHEMASV.rawValue) {
            recordValidationError(line: Int(e.line), column: Int(e.int2), message: message)
            return
        }
        guard parserError == nil else { return }
        let readCode = Self.classify(code: code, message: message)
        var line = Int(e.line)
        var column = Int(e.int2)
        if line == 0 { (line, column) = currentPosition }
        parserError = XMLReadError(code: readCode, documentName: documentName, line: line, column: column, message: message)
    }

    mutating func recordValidationError(line: Int, column: Int, message: String) {
        var line = line
        var column = column
        if line == 0 { (line, column) = currentPosition }
        validationErrors.append(XMLValidationError(documentName: documentName, line: line, column: column, message: message))
    }

    private static func classify(code: Int32, message: String) -> XMLReadError.Code {
        switch code {
        case Int32(XML_ERR_DOCUMENT_EMPTY.rawValue):
            return .empty
        case Int32(XML_ERR_INVALID_ENCODING.rawValue), Int32(XML_ERR_UNSUPPORTED_ENCODING.rawValue),
            Int32(XML_ERR_UNKNOWN_ENCODING.rawValue), Int32(XML_I18N_CONV_FAILED.rawValue):
            return .encoding
        case Int32(XML_ERR_INVALID_CHAR.rawValue) where message.contains("UTF-8"):
            return .encoding
        case Int32(XML_ERR_UNDECLARED_ENTITY.rawValue), Int32(XML_WAR_UNDECLARED_ENTITY.rawValue),
            Int32(XML_ERR_ENTITY_LOOP.rawValue), Int32(XML_ERR_ENTITY_BOUNDARY.rawValue):
            return .entityForbidden
        case Int32(XML_ERR_DOCTYPE_NOT_FINISHED.rawValue):
            return .doctypeForbidden
        default:
            return message.contains("XML_PARSE_HUGE") ? .limitExceeded : .malformed
        }
    }
}

extension String {
    fileprivate func trimmingSuffix(while predicate: (Character) -> Bool) -> String {
        var s = Substring(self)
        while let last = s.last, predicate(last) { s = s.dropLast() }
        return String(s)
    }
}
