/// An expanded name (Namespaces in XML 1.0, §3): the namespace URI and local part identify the
/// name; the prefix is kept only to report the document as written.
public struct XMLName: Sendable, Hashable {
    /// `nil` when the name is in no namespace (unprefixed attribute, or no default namespace).
    public var namespaceURI: String?
    public var localName: String
    public var prefix: String?

    public init(namespaceURI: String?, localName: String, prefix: String? = nil) {
        self.namespaceURI = namespaceURI
        self.localName = localName
        self.prefix = prefix
    }
}

/// One attribute as specified on a start tag, after attribute-value normalisation (XML 1.0 §3.3.3).
public struct XMLAttribute: Sendable, Equatable {
    public var name: XMLName
    public var value: String

    public init(name: XMLName, value: String) {
        self.name = name
        self.value = value
    }
}

/// An `xmlns` or `xmlns:p` attribute (Namespaces in XML 1.0, §3). `prefix == nil` is the default
/// namespace; `uri == ""` undeclares it.
public struct XMLNamespaceDeclaration: Sendable, Equatable {
    public var prefix: String?
    public var uri: String

    public init(prefix: String?, uri: String) {
        self.prefix = prefix
        self.uri = uri
    }
}
