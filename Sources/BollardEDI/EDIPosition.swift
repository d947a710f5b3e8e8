/// Where in a document a finding sits, in the terms the acknowledgments use.
///
/// Counting follows the standards: interchanges, groups and messages are numbered from 1 in
/// document order; `segmentInMessage` counts from the message header (UNH/ST = 1), as UNT 0074,
/// CONTRL UCS 0096 and X12 AK3/IK3 do; `element` and `component` are 1-based positions after the
/// tag, as in CONTRL S011 (0098, 0104) and X12 C030.
public struct EDIPosition: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    /// 1-based interchange number in the document; nil for data outside any interchange.
    public var interchange: Int?
    /// 1-based functional group number within the interchange.
    public var group: Int?
    /// 1-based message (transaction set) number within the interchange.
    public var message: Int?
    /// Segment number within the message, UNH/ST being 1.
    public var segmentInMessage: Int?
    /// Segment number in the whole document, the first segment being 1 (UNA is not counted).
    public var segment: Int
    /// The segment's tag, e.g. "UNT".
    public var tag: String
    /// 1-based data element position after the tag.
    public var element: Int?
    /// 1-based component position within the element.
    public var component: Int?
    /// Byte offset of the segment (or of the offending byte) in the document.
    public var byteOffset: Int

    public init(
        interchange: Int? = nil, group: Int? = nil, message: Int? = nil, segmentInMessage: Int? = nil,
        segment: Int, tag: String, element: Int? = nil, component: Int? = nil, byteOffset: Int
    ) {
        self.interchange = interchange
        self.group = group
        self.message = message
        self.segmentInMessage = segmentInMessage
        self.segment = segment
        self.tag = tag
        self.element = element
        self.component = component
        self.byteOffset = byteOffset
    }

    public var description: String {
        var parts: [String] = []
        if let interchange { parts.append("interchange \(interchange)") }
        if let group { parts.append("group \(group)") }
        if let message { parts.append("message \(message)") }
        var seg = "segment \(segment) \(tag)"
        if let segmentInMessage { seg += " (\(segmentInMessage) in message)" }
        parts.append(seg)
        if let element {
            parts.append(component.map { "element \(element) component \($0)" } ?? "element \(element)")
        }
        parts.append("byte \(byteOffset)")
        return parts.joined(separator: ", ")
    }
}
