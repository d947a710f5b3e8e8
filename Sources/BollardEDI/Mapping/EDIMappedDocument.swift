import BollardCore
import BollardEPCIS

/// What became of one EDI message (EDIFACT UNH…UNT, X12 ST…SE) on its way to provenance.
///
/// Every message of the document gets one, in document order: nothing is dropped silently. A
/// message the envelope checks rejected is not mapped (its acknowledgment already says why); a
/// message of a type Bollard has no mapping for is kept as evidence and reported `notMapped`.
public struct EDIMappedMessage: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        /// Custody events and commands, each pointing at the segments it came from.
        case mapped([MappedEvent])
        /// A type (UNH S009 0065 / ST01) with no mapping: parsed, acknowledged, stored, reported.
        case notMapped(reason: String)
        /// The message is sound EDI but says something Bollard cannot turn into provenance.
        case failed(EDIMappingError)
        /// Refused by the envelope checks (UNT/SE count or reference, group or interchange fault).
        case rejectedByEnvelope
    }

    /// 1-based interchange number in the document and message number within it.
    public var interchange: Int
    public var index: Int
    /// UNH S009 0065 (e.g. "RECADV") or ST01 (e.g. "944").
    public var type: String
    public var version: String
    /// UNH 0062 or ST02.
    public var reference: String
    /// Document segment numbers of the header and the trailer.
    public var firstSegment: Int
    public var lastSegment: Int
    public var outcome: Outcome

    public var events: [MappedEvent] {
        if case .mapped(let events) = outcome { return events }
        return []
    }
}

/// An EDI document mapped to provenance: per message what became of it, and the `MappedDocument`
/// the provenance engine applies (`ProvenanceEngine.apply(_:submitter:)`), holding the events of
/// every accepted and mapped message in document order.
public struct EDIMappedDocument: Sendable, Equatable {
    /// Lower-case hex SHA-256 of the bytes received: the intake's document id.
    public var documentSHA256: String
    public var standard: EDIStandard
    public var messages: [EDIMappedMessage]
    public var document: MappedDocument
    /// The envelope report the mapping followed (interchanges, groups, outcomes, errors).
    public var report: EDIDocumentReport

    /// Mapping errors, in document order.
    public var errors: [EDIMappingError] {
        messages.compactMap { if case .failed(let e) = $0.outcome { return e } else { return nil } }
    }

    /// Messages of a type Bollard does not map.
    public var notMapped: [EDIMappedMessage] {
        messages.filter { if case .notMapped = $0.outcome { return true } else { return false } }
    }
}
