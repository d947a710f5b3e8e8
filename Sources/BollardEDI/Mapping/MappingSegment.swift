/// One segment of a message being mapped, its elements decoded to text.
///
/// Mapping reads a few dozen segments per message, after the envelope checks, so decoding each
/// element once here is cheap; the tokenizer's hot path stays byte-level and lazy.
struct MappingSegment: Sendable {
    let tag: String
    /// Element (1-based after the tag) → its components (1-based); a simple element is one component.
    let elements: [[String]]
    /// Segment number in the document (UNA not counted) and within the message (header = 1).
    let number: Int
    let inMessage: Int

    func components(_ element: Int) -> [String] {
        element >= 1 && element <= elements.count ? elements[element - 1] : []
    }

    /// The component's text, or "" when absent.
    func value(_ element: Int, _ component: Int = 1) -> String {
        let c = components(element)
        return component >= 1 && component <= c.count ? c[component - 1] : ""
    }

    init(tag: String, elements: [[String]], number: Int, inMessage: Int) {
        self.tag = tag
        self.elements = elements
        self.number = number
        self.inMessage = inMessage
    }

    init(_ segment: EdifactSegment, inMessage: Int) {
        tag = segment.tagText
        elements = segment.elements.map { $0.components.map(\.text) }
        number = segment.number
        self.inMessage = inMessage
    }

    init(_ segment: X12Segment, inMessage: Int) {
        tag = segment.tagText
        elements = segment.elements.map { element in element.components.map { Self.trimmed($0.text) } }
        number = segment.number
        self.inMessage = inMessage
    }

    /// X12 pads some fields with spaces (fixed-width ISA habits survive in N1/N9 values).
    private static func trimmed(_ s: String) -> String {
        guard s.first == " " || s.last == " " else { return s }
        return String(s.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
