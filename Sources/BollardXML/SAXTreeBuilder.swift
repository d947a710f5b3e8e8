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
    var parserError: XMLReadError?
    private(set) var root: XMLElement?
    var validationErrors: [XMLValidationError] = []

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
    /// Only `>` there makes the declaration bare: anything else is refused here, before
    /// libxml2 could go on to read a subset in its error-recovery mode.
    mutating func documentTypeDeclaration(name: String, hasExternalIdentifier: Bool) {
        let next = context.pointee.input?.pointee.cur?.pointee
        if hasExternalIdentifier {
            refuse(.doctypeForbidden,
                   "document type declaration <!DOCTYPE \(name)> names an external DTD: Bollard loads no DTD")
        } else if next != UInt8(ascii: ">") {
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

    /// Line and column of the `<` of the start tag being reported. libxml2 calls
    /// `startElementNs` with the input positioned after the attributes, which for a tag spread
    /// over several lines is not where the tag starts; the tag is still in the buffer (the parser
    /// does not shrink it before the callback), and `<` cannot occur inside a well-formed tag, so
    /// counting newlines back to it gives the start line, and bytes back to the newline before it
    /// the column.
    private func startTagPosition() -> (line: Int, column: Int) {
        guard let input = context.pointee.input, let base = input.pointee.base,
            var p = input.pointee.cur
        else { return (0, 0) }
        var newlines = 0
        while p > base {
            p -= 1
            let b = p.pointee
            if b == 0x3C { break }
            if b == 0x0A { newlines += 1 }
        }
        var column = 1
        var q = p
        while q > base {
            q -= 1
            if q.pointee == 0x0A { break }
            column += 1
        }
        return (Int(input.pointee.line) - newlines, column)
    }

    // MARK: Refusals

    /// Set while a schema validator is plugged into the SAX stream (see `refuseContent`).
    var validatorPlugged = false

    /// Refusal from a DTD hook (DOCTYPE, entity). Neither libxml2 nor the schema plug touches
    /// the input after these hooks return, so the parser is halted at once.
    mutating func refuse(_ code: XMLReadError.Code, _ message: String) {
        guard failure == nil else { return }
        let (line, column) = currentPosition
        failure = XMLReadError(code: code, documentName: documentName, line: line, column: column, message: message)
        xmlStopParser(context)
    }

    /// Refusal from an element or text hook. Halting libxml2 frees its input buffer, and with a
    /// schema plugged in, libxml2 hands the same attribute values and text (pointers into that
    /// buffer) to the validator right after this hook returns. So while validating, only SAX is
    /// disabled: the parser runs out over the rest of the (size-limited) input, and every hook
    /// here ignores what it still receives once `failure` is set.
    mutating func refuseContent(_ code: XMLReadError.Code, _ message: String, line: Int, column: Int) {
        guard failure == nil else { return }
        failure = XMLReadError(code: code, documentName: documentName, line: line, column: column, message: message)
        if validatorPlugged {
            context.pointee.disableSAX = 1
        } else {
            xmlStopParser(context)
        }
    }

    // MARK: Events

    mutating func startElement(
        localName: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
        namespaceCount: Int, namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
        attributeCount: Int, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        guard failure == nil else { return }
        let (line, column) = startTagPosition()
        if stack.count + 1 > limits.maxDepth {
            refuseContent(.limitExceeded, "element nesting deeper than \(limits.maxDepth)", line: line, column: currentPosition.column)
            return
        }
        elementCount += 1
        if elementCount > limits.maxElements {
            refuseContent(.limitExceeded, "more than \(limits.maxElements) elements", line: line, column: currentPosition.column)
            return
        }
        if attributeCount + namespaceCount > limits.maxAttributesPerElement {
            refuseContent(.limitExceeded, "more than \(limits.maxAttributesPerElement) attributes on one element", line: line,
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
                    if end - start > limits.maxTextBytes {
                        refuseContent(.limitExceeded, "attribute value longer than \(limits.maxTextBytes) bytes", line: line,
                               column: currentPosition.column)
                        return
                    }
                    value = Self.attributeValue(UnsafeBufferPointer(start: start, count: end - start))
                } else {
                    value = ""
                }
                attrs.append(XMLAttribute(name: makeName(a[0], a[1], a[2]), value: value))
            }
        }
        let element = XMLElement(
            name: makeName(localName, prefix, uri), attributes: attrs, namespaceDeclarations: declarations,
            children: [], line: line, column: column)
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
            let (line, column) = currentPosition
            refuseContent(.limitExceeded, "text node longer than \(limits.maxTextBytes) bytes", line: line, column: column)
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
        if let slot = Self.indentationSlot(text) {
            if let node = indentationNodes[slot] {
                pending.append(node)
            } else {
                let node = XMLNode.text(String(decoding: text, as: UTF8.self))
                indentationNodes[slot] = node
                pending.append(node)
            }
        } else {
            pending.append(.text(String(decoding: text, as: UTF8.self)))
        }
        text.removeAll(keepingCapacity: true)
    }

    /// Pretty-printed documents repeat a handful of whitespace runs ("\n" and an indent) between
    /// elements, often as many nodes as there are elements. `XMLNode` is indirect, so each text
    /// node is a heap box; equal indentation shares one box instead.
    private var indentationNodes = [XMLNode?](repeating: nil, count: 2 * Self.maxIndentation)
    private static let maxIndentation = 64

    /// Slot for "\n" followed only by spaces (0..<64) or only by tabs (64..<128), else nil.
    private static func indentationSlot(_ text: [UInt8]) -> Int? {
        guard text.count <= maxIndentation, text[0] == 0x0A else { return nil }
        if text.count == 1 { return 0 }
        let fill = text[1]
        guard fill == 0x20 || fill == 0x09 else { return nil }
        for b in text.dropFirst(2) where b != fill { return nil }
        return (fill == 0x20 ? 0 : maxIndentation) + text.count - 1
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
}
