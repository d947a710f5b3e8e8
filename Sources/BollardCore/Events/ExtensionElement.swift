/// A user extension element: `{namespace}localName`, with text and/or child elements.
/// The namespace is kept exactly as declared (the GS1 event hash depends on it).
public struct ExtensionElement: Hashable, Sendable, Codable {
    public var namespace: String
    public var name: String
    public var value: String?
    public var children: [ExtensionElement]

    public init(namespace: String, name: String, value: String? = nil, children: [ExtensionElement] = []) {
        self.namespace = namespace
        self.name = name
        self.value = value
        self.children = children
    }
}
