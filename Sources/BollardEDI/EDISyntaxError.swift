/// A syntax or envelope finding: what rule was broken, where, and whether it rejects.
///
/// The `code` is standard-neutral; `edifactSyntaxErrorCode` and the X12 accessors translate it
/// into the code lists the acknowledgments carry (UN/EDIFACT service code list 0085 for CONTRL,
/// X12 TA105, AK5/IK5 and AK9 codes), so one finding drives every acknowledgment.
public struct EDISyntaxError: Error, Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
        /// The document holds no interchange header (UNB / ISA).
        case interchangeHeaderMissing
        /// A segment sits outside any interchange (before UNB/ISA or after UNZ/IEA).
        case segmentOutsideInterchange
        /// A segment sits inside an interchange but outside any message (or a group outside a group).
        case segmentOutsideMessage
        /// A message header (UNH/ST) arrived while another message was open, or the input ended.
        case messageTrailerMissing
        /// A message trailer (UNT/SE) with no open message.
        case messageHeaderMissing
        /// UNT 0062 / SE02 differs from UNH 0062 / ST02.
        case messageReferenceMismatch
        /// UNT 0074 / SE01 differs from the segments actually counted.
        case messageSegmentCountMismatch
        /// UNE / GE missing before the next group, the interchange trailer, or the end.
        case groupTrailerMissing
        /// UNE / GE with no open group.
        case groupHeaderMissing
        /// UNE 0048 / GE02 differs from UNG 0048 / GS06.
        case groupReferenceMismatch
        /// UNE 0060 / GE01 differs from the messages in the group.
        case groupCountMismatch
        /// UNZ / IEA missing at the end of the input or before the next header.
        case interchangeTrailerMissing
        /// UNZ 0020 / IEA02 differs from UNB 0020 / ISA13.
        case interchangeReferenceMismatch
        /// UNZ 0036 / IEA01 differs from the messages or groups actually received.
        case interchangeCountMismatch
        /// An interchange mixes functional groups with messages outside groups (ISO 9735-1 §8).
        case groupsAndMessagesMixed
        /// A mandatory service element is empty or absent.
        case mandatoryElementMissing
        /// A service element holds a value its definition forbids (non-numeric count, bad version…).
        case invalidValue
        /// The UNA service string advice names a character that cannot be a service character.
        case invalidServiceStringAdvice
        /// A release character precedes a character that is not a service character (ISO 9735-1 §10).
        case invalidReleaseSequence
        /// The syntax identifier names a character repertoire Bollard does not know.
        case unsupportedCharacterSet
        /// The X12 ISA segment cannot be read (fewer than 16 element separators, bad delimiters).
        case invalidInterchangeHeader
        /// The X12 ISA is readable by counting separators but is not the fixed 106 bytes.
        case interchangeHeaderNotFixedWidth
        /// The last segment of the input has no segment terminator.
        case segmentTerminatorMissing
        /// A segment is longer than the configured limit and was cut.
        case segmentTooLong
        /// A segment tag is not 2–3 upper-case letters or digits.
        case invalidSegmentTag
        /// A byte outside the repertoire the interchange declares (UNOA/UNOB, ISO 9735 levels A/B).
        case invalidCharacter
    }

    public enum Severity: String, Sendable, Equatable, Hashable, Codable {
        /// Rejects the level it is attached to (message, group, interchange or document).
        case error
        /// Recorded and acknowledged, but the level is still accepted.
        case warning
    }

    public var code: Code
    public var severity: Severity
    public var position: EDIPosition
    /// The rule in words, with the values compared, e.g. "UNT count 14, actual 23".
    public var context: String

    public init(_ code: Code, severity: Severity = .error, at position: EDIPosition, _ context: String) {
        self.code = code
        self.severity = severity
        self.position = position
        self.context = context
    }

    public var description: String { "\(severity) \(code.rawValue) at \(position): \(context)" }

    /// UN/EDIFACT service code list 0085 (Syntax error, coded), ISO 9735-4 / -1 Annex.
    public var edifactSyntaxErrorCode: Int {
        switch code {
        case .interchangeHeaderMissing, .messageTrailerMissing, .messageHeaderMissing, .groupTrailerMissing,
            .groupHeaderMissing, .interchangeTrailerMissing, .mandatoryElementMissing, .segmentTerminatorMissing:
            return 13  // Missing
        case .segmentOutsideInterchange, .segmentOutsideMessage: return 33  // Invalid occurrence outside message, package or group
        case .messageReferenceMismatch, .groupReferenceMismatch, .interchangeReferenceMismatch: return 28  // References do not match
        case .messageSegmentCountMismatch, .groupCountMismatch, .interchangeCountMismatch: return 29  // Control count does not match
        case .groupsAndMessagesMixed: return 30  // Functional groups and messages mixed
        case .invalidValue, .invalidInterchangeHeader: return 12  // Invalid value
        case .invalidServiceStringAdvice: return 20  // Character invalid as service character
        case .invalidReleaseSequence: return 22  // Invalid service character(s)
        case .unsupportedCharacterSet: return 46  // Character set not supported
        case .interchangeHeaderNotFixedWidth: return 16  // (X12 only; nearest EDIFACT notion)
        case .segmentTooLong: return 39  // Data element too long
        case .invalidSegmentTag: return 12
        case .invalidCharacter: return 21  // Invalid character(s)
        }
    }
}
