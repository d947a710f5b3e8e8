import BollardEDI

/// What became of every interchange, group and message of an EDI document, as `bollard ingest
/// --json` and the document status report it (issue #5: "reports each interchange, group and
/// message with its outcome"). Envelope outcomes follow ISO 9735-5 / X12.6 (a UNT/SE fault
/// rejects its message, a UNE/GE fault its group, a UNZ/IEA fault its interchange); the sound
/// messages of a partly rejected interchange are still applied.
public struct EDIIngestReport: Sendable, Hashable, Codable {
    public struct Message: Sendable, Hashable, Codable {
        public var index: Int
        public var group: Int?
        /// UNH S009 0065 or ST01.
        public var type: String
        /// UNH 0062 or ST02.
        public var reference: String
        public var outcome: EDIOutcome
        /// "mapped", "not-mapped" (stored and acknowledged as evidence), or "not-applied"
        /// (rejected by the envelope checks).
        public var mapping: String
        public var errors: [String]
    }

    public struct Group: Sendable, Hashable, Codable {
        public var index: Int
        /// UNG 0048 or GS06.
        public var reference: String
        public var outcome: EDIOutcome
        public var errors: [String]
    }

    public struct Interchange: Sendable, Hashable, Codable {
        public var index: Int
        /// UNB 0020 or ISA13.
        public var controlReference: String
        public var outcome: EDIOutcome
        public var errors: [String]
        public var groups: [Group]
        public var messages: [Message]
    }

    public var standard: EDIStandard
    public var interchanges: [Interchange]
    /// Findings outside any interchange.
    public var errors: [String]

    /// Messages, groups or interchanges refused by the envelope checks: `bollard ingest` exits
    /// non-zero when this is not zero, even though the sound messages were applied.
    public var rejectedCount: Int {
        interchanges.reduce(0) { n, i in
            n + (i.outcome == .rejected ? 1 : 0) + i.groups.filter { $0.outcome == .rejected }.count
                + i.messages.filter { $0.outcome == .rejected }.count
        }
    }

    public init(_ report: EDIDocumentReport) {
        standard = report.standard
        errors = report.errors.map(\.description)
        let mapped = EDIMapper.mappedTypes[report.standard] ?? []
        interchanges = report.interchanges.map { i in
            Interchange(
                index: i.index, controlReference: i.controlReference, outcome: i.outcome, errors: i.errors.map(\.description),
                groups: i.groups.map { Group(index: $0.index, reference: $0.reference, outcome: $0.outcome, errors: $0.errors.map(\.description)) },
                messages: i.messages.map { m in
                    let applicable = m.outcome.isAccepted && i.outcome.isAccepted
                        && (m.group.flatMap { g in i.groups.first { $0.index == g } }?.outcome.isAccepted ?? true)
                    return Message(index: m.index, group: m.group, type: m.type, reference: m.reference, outcome: m.outcome,
                                   mapping: !applicable ? "not-applied" : mapped.contains(m.type) ? "mapped" : "not-mapped",
                                   errors: m.errors.map(\.description))
                })
        }
    }

    /// Messages that passed every envelope check at every level.
    public var applicableMessages: Int {
        interchanges.reduce(0) { $0 + $1.messages.filter { $0.mapping != "not-applied" }.count }
    }
}
