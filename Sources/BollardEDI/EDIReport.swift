/// What became of a document, interchange by interchange, group by group, message by message.
///
/// The readers fill these while streaming; acknowledgments and `bollard ingest --json` read them.
/// Each level keeps its own findings; `outcome` also reflects the levels around it, since a
/// rejected interchange or group rejects everything inside it (ISO 9735-4 action code 4; X12 TA1
/// R / AK9 R), while a message rejected for its own UNT/SE fault leaves its neighbours accepted.

public enum EDIStandard: String, Sendable, Equatable, Hashable, Codable {
    case edifact
    case x12
}

public enum EDIOutcome: String, Sendable, Equatable, Hashable, Codable {
    case accepted
    case acceptedWithWarnings = "accepted-with-warnings"
    case rejected

    static func of(_ errors: [EDISyntaxError]) -> EDIOutcome {
        if errors.contains(where: { $0.severity == .error }) { return .rejected }
        return errors.isEmpty ? .accepted : .acceptedWithWarnings
    }

    public var isAccepted: Bool { self != .rejected }
}

/// Which message reports a reader keeps in `EDIInterchangeReport.messages`.
///
/// A report that keeps every message grows with the input; a streaming caller that handles each
/// message as it closes (`EDIParser.readEdifact(chunks:retention:onMessage:)`) keeps memory flat
/// with `.withFindings`: the clean messages are counted (`messageCount`) and handed to the
/// callback, and only the ones with findings stay for the acknowledgment.
public enum EDIMessageRetention: Sendable, Equatable, Hashable {
    case all
    case withFindings
}

/// An identification with its code qualifier (UNB S002/S003, ISA05/06, GS02…).
public struct EDIParty: Sendable, Equatable, Hashable, Codable {
    public var identification: String
    public var qualifier: String
    public init(identification: String, qualifier: String = "") {
        self.identification = identification
        self.qualifier = qualifier
    }
}

/// One message (EDIFACT UNH…UNT) or transaction set (X12 ST…SE).
public struct EDIMessageReport: Sendable, Equatable, Codable {
    /// 1-based number within the interchange.
    public var index: Int
    /// 1-based number of the enclosing functional group, if any.
    public var group: Int?
    /// UNH S009/0065 (e.g. "IFTMIN") or ST01 (e.g. "856").
    public var type: String
    /// UNH S009 0052:0054:0051[:0057] (e.g. "D:96A:UN:EAN008"), or X12 ST03 / GS08.
    public var version: String
    /// UNH 0062 or ST02.
    public var reference: String
    /// UNT 0074 / SE01 as sent, nil when absent or not numeric.
    public var declaredSegmentCount: Int?
    /// Segments counted from header to trailer inclusive.
    public var segmentCount: Int
    /// Document segment numbers of the header and of the last segment read.
    public var firstSegment: Int
    public var lastSegment: Int
    /// Bytes of the message in the document, header to trailer terminator.
    public var byteRange: Range<Int>
    /// This message's own findings.
    public var errors: [EDISyntaxError]
    public var ownOutcome: EDIOutcome { EDIOutcome.of(errors) }
    /// Own findings plus the verdict of the enclosing group and interchange.
    public internal(set) var outcome: EDIOutcome
}

/// One functional group (EDIFACT UNG…UNE, X12 GS…GE).
public struct EDIGroupReport: Sendable, Equatable, Codable {
    public var index: Int
    /// UNG 0038 or GS01 (e.g. "SH", "FA").
    public var functionalIdentifier: String
    public var sender: EDIParty
    public var recipient: EDIParty
    /// UNG 0048 or GS06.
    public var reference: String
    /// UNG S008 or GS08 (e.g. "004010VICS").
    public var version: String
    /// GS04/GS05 or UNG S004.
    public var date: String
    public var time: String
    /// UNE 0060 / GE01 as sent.
    public var declaredMessageCount: Int?
    public var messageCount: Int
    public var errors: [EDISyntaxError]
    public var ownOutcome: EDIOutcome { EDIOutcome.of(errors) }
    public internal(set) var outcome: EDIOutcome
}

/// A TA1 interchange acknowledgment found inside an X12 interchange (it reports on another one).
public struct X12TechnicalAcknowledgment: Sendable, Equatable, Codable {
    /// TA101: the control number of the interchange acknowledged.
    public var interchangeControlNumber: String
    public var date: String
    public var time: String
    /// TA104: A, E or R.
    public var acknowledgmentCode: String
    /// TA105: the note code (000 = no error).
    public var noteCode: String
    public var segment: Int
}

/// One interchange (EDIFACT UNB…UNZ, X12 ISA…IEA).
public struct EDIInterchangeReport: Sendable, Equatable, Codable {
    public var index: Int
    public var standard: EDIStandard
    /// False when messages arrived with no UNB/ISA; the interchange is then rejected.
    public var hasHeader: Bool
    /// UNB 0020 or ISA13.
    public var controlReference: String
    public var sender: EDIParty
    public var recipient: EDIParty
    public var date: String
    public var time: String
    /// UNB S001/0001 (e.g. "UNOC") or ISA11 standards identifier / repetition separator.
    public var syntaxIdentifier: String
    /// UNB S001/0002 (e.g. "3") or ISA12 (e.g. "00401").
    public var syntaxVersion: String
    /// UNB 0031 = "1" or ISA14 = "1".
    public var acknowledgmentRequested: Bool
    /// UNB 0035 = "1" or ISA15 = "T".
    public var isTest: Bool
    /// UNB 0026 application reference or ISA/GS nothing.
    public var applicationReference: String
    public var edifactServiceCharacters: EdifactServiceCharacters?
    public var x12Delimiters: X12Delimiters?
    /// UNZ 0036 / IEA01 as sent.
    public var declaredCount: Int?
    public var groups: [EDIGroupReport]
    /// The messages of the interchange, in order, whether inside a group or not: every one with
    /// `EDIMessageRetention.all`, only those with findings with `.withFindings`.
    public var messages: [EDIMessageReport]
    /// Messages read, whether kept in `messages` or not (`.withFindings` drops the clean ones).
    public var messageCount: Int
    public var technicalAcknowledgments: [X12TechnicalAcknowledgment]
    public var firstSegment: Int
    public var lastSegment: Int
    public var byteRange: Range<Int>
    public var errors: [EDISyntaxError]
    public var ownOutcome: EDIOutcome { EDIOutcome.of(errors) }
    public internal(set) var outcome: EDIOutcome

    public func messages(inGroup group: Int) -> [EDIMessageReport] { messages.filter { $0.group == group } }

    init(index: Int, standard: EDIStandard, firstSegment: Int, offset: Int) {
        self.index = index
        self.standard = standard
        hasHeader = false
        controlReference = ""
        sender = EDIParty(identification: "")
        recipient = EDIParty(identification: "")
        date = ""
        time = ""
        syntaxIdentifier = ""
        syntaxVersion = ""
        acknowledgmentRequested = false
        isTest = false
        applicationReference = ""
        groups = []
        messages = []
        messageCount = 0
        technicalAcknowledgments = []
        self.firstSegment = firstSegment
        lastSegment = firstSegment
        byteRange = offset..<offset
        errors = []
        outcome = .accepted
    }
}

/// The whole input: its interchanges and the findings outside any of them.
public struct EDIDocumentReport: Sendable, Equatable, Codable {
    public var standard: EDIStandard
    public var interchanges: [EDIInterchangeReport]
    /// Findings outside any interchange (no header at all, data before UNB/ISA or after UNZ/IEA).
    public var errors: [EDISyntaxError]
    public var segmentCount: Int
    public var byteCount: Int

    public init(standard: EDIStandard) {
        self.standard = standard
        interchanges = []
        errors = []
        segmentCount = 0
        byteCount = 0
    }

    /// Every finding at every level, in document order.
    public var allErrors: [EDISyntaxError] {
        var out = errors
        for i in interchanges {
            out += i.errors
            for g in i.groups { out += g.errors }
            for m in i.messages { out += m.errors }
        }
        return out.sorted { ($0.position.segment, $0.position.byteOffset) < ($1.position.segment, $1.position.byteOffset) }
    }

    /// Rejected when anything in it was rejected; `bollard ingest` exits non-zero then.
    public var outcome: EDIOutcome {
        if interchanges.isEmpty || errors.contains(where: { $0.severity == .error }) { return .rejected }
        let levels = interchanges.map(\.outcome) + interchanges.flatMap { $0.groups.map(\.outcome) + $0.messages.map(\.outcome) }
        if levels.contains(.rejected) { return .rejected }
        if levels.contains(.acceptedWithWarnings) || !errors.isEmpty { return .acceptedWithWarnings }
        return .accepted
    }

    /// Messages that may be applied: accepted, with their group and interchange accepted.
    public var acceptedMessages: [EDIMessageReport] { interchanges.flatMap { $0.messages.filter { $0.outcome.isAccepted } } }
    public var rejectedMessages: [EDIMessageReport] { interchanges.flatMap { $0.messages.filter { !$0.outcome.isAccepted } } }

    /// Folds enclosing verdicts into each level's `outcome`.
    mutating func settleOutcomes() {
        for i in interchanges.indices {
            let interchangeRejected = interchanges[i].ownOutcome == .rejected
            interchanges[i].outcome = interchanges[i].ownOutcome
            for g in interchanges[i].groups.indices {
                let own = interchanges[i].groups[g].ownOutcome
                interchanges[i].groups[g].outcome = interchangeRejected ? .rejected : own
            }
            for m in interchanges[i].messages.indices {
                var outcome = interchanges[i].messages[m].ownOutcome
                if interchangeRejected { outcome = .rejected }
                if let g = interchanges[i].messages[m].group, g >= 1, g <= interchanges[i].groups.count,
                   interchanges[i].groups[g - 1].outcome == .rejected {
                    outcome = .rejected
                }
                interchanges[i].messages[m].outcome = outcome
            }
        }
    }
}
