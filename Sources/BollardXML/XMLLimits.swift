/// Resource limits applied while reading an XML document.
///
/// XML 1.0 sets no bounds of its own, so a hostile sender can exhaust memory or time with deep
/// nesting, huge text nodes or thousands of attributes on one tag. Every limit is checked while
/// the document streams through the parser, before the tree grows past it.
public struct XMLLimits: Sendable {
    /// Largest accepted document, in bytes of the encoded input.
    public var maxDocumentBytes: Int
    /// Deepest element nesting (the root is depth 1). libxml2 without `XML_PARSE_HUGE`, which
    /// Bollard never sets, stops at 256 whatever this value says.
    public var maxDepth: Int
    /// Most attributes on one start tag, namespace declarations (`xmlns`, `xmlns:p`) included.
    public var maxAttributesPerElement: Int
    /// Longest single text node (adjacent text, CDATA and character references merged) or
    /// attribute value, in UTF-8 bytes. libxml2 caps attribute values and CDATA sections at
    /// 10 MB on its own.
    public var maxTextBytes: Int
    /// Most elements in one document.
    public var maxElements: Int

    public init(
        maxDocumentBytes: Int = 64 << 20,
        maxDepth: Int = 256,
        maxAttributesPerElement: Int = 256,
        maxTextBytes: Int = 16 << 20,
        maxElements: Int = 10_000_000
    ) {
        self.maxDocumentBytes = maxDocumentBytes
        self.maxDepth = maxDepth
        self.maxAttributesPerElement = maxAttributesPerElement
        self.maxTextBytes = maxTextBytes
        self.maxElements = maxElements
    }

    public static let `default` = XMLLimits()
}
