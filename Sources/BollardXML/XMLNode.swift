/// Content of an element in document order. Comments and processing instructions are dropped;
/// CDATA sections, predefined entities and character references are merged into text.
public indirect enum XMLNode: Sendable, Equatable {
    case element(XMLElement)
    case text(String)
}

/// An element with its attributes, the namespace declarations made on it, and its content.
public struct XMLElement: Sendable, Equatable {
    public var name: XMLName
    public var attributes: [XMLAttribute]
    /// Declarations written on this element's start tag only; inherited ones are already
    /// resolved into the `namespaceURI` of every name below.
    public var namespaceDeclarations: [XMLNamespaceDeclaration]
    /// Document order. Whitespace-only text is kept: whether it matters is the schema's call.
    public var children: [XMLNode]
    /// 1-based source line of the start tag's `<`.
    public var line: Int
    /// 1-based column of the start tag's `<`, in bytes of the document as libxml2 holds it
    /// (UTF-8); 0 when the reader could not tell.
    public var column: Int

    public init(
        name: XMLName,
        attributes: [XMLAttribute] = [],
        namespaceDeclarations: [XMLNamespaceDeclaration] = [],
        children: [XMLNode] = [],
        line: Int,
        column: Int = 0
    ) {
        self.name = name
        self.attributes = attributes
        self.namespaceDeclarations = namespaceDeclarations
        self.children = children
        self.line = line
        self.column = column
    }

    /// Concatenation of the direct text children (not of descendants).
    public var text: String {
        var out = ""
        for case .text(let t) in children { out += t }
        return out
    }

    public var childElements: [XMLElement] {
        var out = [XMLElement]()
        for case .element(let e) in children { out.append(e) }
        return out
    }

    /// First child element with this local name in `namespace`; `nil` means "in no namespace",
    /// which is how EPCIS writes event fields such as `eventTime`.
    public func firstChild(_ localName: String, namespace: String?) -> XMLElement? {
        for case .element(let e) in children
        where e.name.localName == localName && e.name.namespaceURI == namespace {
            return e
        }
        return nil
    }

    /// Value of the attribute with this local name in `namespace`; `nil` (the default) means an
    /// unprefixed attribute, which is in no namespace (Namespaces in XML 1.0, §6.2).
    public func attribute(_ localName: String, namespace: String? = nil) -> String? {
        for a in attributes where a.name.localName == localName && a.name.namespaceURI == namespace {
            return a.value
        }
        return nil
    }
}

/// A parsed document: its root element and the name used in every error about it.
public struct XMLDocument: Sendable {
    public var documentName: String
    public var root: XMLElement

    public init(documentName: String, root: XMLElement) {
        self.documentName = documentName
        self.root = root
    }
}
