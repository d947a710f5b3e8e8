/// Why a sound EDI message could not become provenance, and exactly where: the message, the
/// segment (its number in the document and in the message, as CONTRL UCS 0096 and X12 AK3/IK3
/// count), the element and component (CONTRL S011, X12 C030 positions) and the rule broken.
public struct EDIMappingError: Error, Sendable, Equatable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable, Hashable, Codable {
        /// A segment the mapping needs is absent (e.g. the DTM giving the event time).
        case missingSegment
        /// A data element the mapping needs is absent or empty.
        case missingElement
        /// An ISO 6346 container number with a wrong check digit or form.
        case invalidContainerNumber
        /// A GLN, GTIN, LEI, receipt number, batch or serial Core refuses.
        case invalidIdentifier
        /// A quantity or weight that is not an exact decimal.
        case invalidQuantity
        /// A unit code with no UN/ECE Recommendation 20 equivalent.
        case unknownUnit
        /// A date/time that is not a valid date in its declared format.
        case invalidDate
        /// A code (status, document function, report type) this mapping has no meaning for.
        case unsupportedCode
        /// Parts of the message contradict each other (goods placed in undeclared equipment…).
        case inconsistent
    }

    public var code: Code
    /// UNH 0062 / ST02 and the message type.
    public var messageReference: String
    public var messageType: String
    /// Segment number in the whole document (UNA not counted) and within the message (header = 1).
    public var segment: Int
    public var segmentInMessage: Int
    public var tag: String
    /// 1-based data element position after the tag, and component within it.
    public var element: Int?
    public var component: Int?
    /// The rule, in words.
    public var context: String

    public init(_ code: Code, messageReference: String, messageType: String, segment: Int, segmentInMessage: Int, tag: String,
                element: Int? = nil, component: Int? = nil, _ context: String) {
        self.code = code
        self.messageReference = messageReference
        self.messageType = messageType
        self.segment = segment
        self.segmentInMessage = segmentInMessage
        self.tag = tag
        self.element = element
        self.component = component
        self.context = context
    }

    public var description: String {
        var at = "\(messageType) \(messageReference) segment \(segment) \(tag) (\(segmentInMessage) in message)"
        if let element { at += component.map { " element \(element) component \($0)" } ?? " element \(element)" }
        return "\(code.rawValue) at \(at): \(context)"
    }
}
