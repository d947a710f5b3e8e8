/// Builds the X12 acknowledgments for one received interchange, accepted or not: a TA1 for the
/// interchange envelope (X12.56) and a 997 (X12 004010) or 999 (005010X231) functional
/// acknowledgment with one AK1…AK9 per functional group.
///
/// Codes used — TA104: A accepted, E accepted with errors, R rejected; TA105: 000 no error,
/// 001 control numbers differ, 018 invalid control number, 021 invalid number of included groups,
/// 022 invalid control structure, 023 premature end of file, 024 invalid interchange content.
/// AK5/IK5 codes: 2 trailer missing, 3 control numbers differ, 4 segment count wrong,
/// 5 segments in error, 6/7 missing identifier / control number. AK9 codes: 3 trailer missing,
/// 4 control numbers differ, 5 transaction set count wrong, 6 control number violates syntax.
public enum X12Acknowledgment {
    public enum Kind: String, Sendable {
        case ack997 = "997"
        case ack999 = "999"
    }

    /// TA105 for the interchange's first finding ("000" when there is none).
    public static func noteCode(for interchange: EDIInterchangeReport) -> String {
        guard let first = interchange.errors.first(where: { $0.severity == .error }) ?? interchange.errors.first else { return "000" }
        switch first.code {
        case .interchangeReferenceMismatch: return "001"
        case .invalidValue: return "018"
        case .interchangeCountMismatch: return "021"
        case .invalidInterchangeHeader, .interchangeHeaderNotFixedWidth, .interchangeHeaderMissing: return "022"
        case .interchangeTrailerMissing: return "023"
        default: return "024"
        }
    }

    /// TA104.
    public static func acknowledgmentCode(for interchange: EDIInterchangeReport) -> String {
        switch interchange.ownOutcome {
        case .accepted: return "A"
        case .acceptedWithWarnings: return "E"
        case .rejected: return "R"
        }
    }

    static func transactionSetCodes(_ message: EDIMessageReport) -> [String] {
        var codes: [String] = []
        for error in message.errors where error.severity == .error {
            let code: String
            switch error.code {
            case .messageTrailerMissing: code = "2"
            case .messageReferenceMismatch: code = "3"
            case .messageSegmentCountMismatch: code = "4"
            case .mandatoryElementMissing where error.position.tag == "ST": code = error.position.element == 1 ? "6" : "7"
            default: code = "5"
            }
            if !codes.contains(code) { codes.append(code) }
        }
        return Array(codes.prefix(5))
    }

    static func groupCodes(_ group: EDIGroupReport) -> [String] {
        var codes: [String] = []
        for error in group.errors where error.severity == .error {
            let code: String
            switch error.code {
            case .groupTrailerMissing: code = "3"
            case .groupReferenceMismatch: code = "4"
            case .groupCountMismatch: code = "5"
            case .invalidValue: code = "6"
            default: continue
            }
            if !codes.contains(code) { codes.append(code) }
        }
        return Array(codes.prefix(5))
    }

    /// The acknowledgment interchange: ISA (parties swapped), TA1 when the envelope has findings
    /// or ISA14 asked for one, then one functional group of 997/999 transaction sets (one per
    /// received group), IEA.
    public static func build(for interchange: EDIInterchangeReport, kind: Kind = .ack997, stamp: AcknowledgmentStamp,
                             includeTA1: Bool? = nil) -> [UInt8] {
        let delimiters = chooseDelimiters(for: interchange, repetition: kind == .ack999)
        var w = SegmentWriter(x12: delimiters)
        func pad(_ s: String, _ n: Int) -> String {
            let t = String(s.prefix(n))
            return t + String(repeating: " ", count: n - t.count)
        }
        let control = String(stamp.interchangeControlNumber % 1_000_000_000)
        let control9 = String(repeating: "0", count: 9 - control.count) + control
        let version = kind == .ack999 ? "00501" : (interchange.syntaxVersion.count == 5 ? interchange.syntaxVersion : "00401")
        let standardsOrRepetition = (Int(version) ?? 0) >= 402
            ? String(decoding: [delimiters.repetitionSeparator ?? UInt8(ascii: "^")], as: UTF8.self) : "U"
        let senderQualifier = interchange.recipient.qualifier.isEmpty ? "ZZ" : interchange.recipient.qualifier
        let receiverQualifier = interchange.sender.qualifier.isEmpty ? "ZZ" : interchange.sender.qualifier
        w.fixedSegment("ISA", [
            "00", pad("", 10), "00", pad("", 10), pad(senderQualifier, 2), pad(interchange.recipient.identification, 15),
            pad(receiverQualifier, 2), pad(interchange.sender.identification, 15), stamp.yymmdd, stamp.hhmm,
            standardsOrRepetition, version, control9, "0", interchange.isTest ? "T" : "P",
            String(decoding: [delimiters.componentSeparator], as: UTF8.self),
        ])
        let wantTA1 = includeTA1 ?? (interchange.acknowledgmentRequested || !interchange.errors.isEmpty)
        if wantTA1 {
            w.segment("TA1", simple: [
                interchange.controlReference.isEmpty ? "000000000" : interchange.controlReference,
                interchange.date, interchange.time, acknowledgmentCode(for: interchange), noteCode(for: interchange),
            ])
        }
        var groupsWritten = 0
        if !interchange.groups.isEmpty {
            groupsWritten = 1
            let groupControl = String(stamp.groupControlNumber % 1_000_000_000)
            let gsVersion = kind == .ack999 ? "005010X231A1" : "004010"
            let firstGroup = interchange.groups[0]
            w.segment("GS", simple: ["FA", firstGroup.recipient.identification, firstGroup.sender.identification,
                                     stamp.ccyymmdd, stamp.hhmm, groupControl, "X", gsVersion])
            var setNumber = 0
            for group in interchange.groups {
                setNumber += 1
                let setControl = String(format: setNumber)
                let start = w.segmentCount
                w.segment("ST", simple: [kind.rawValue, setControl] + (kind == .ack999 ? ["005010X231A1"] : []))
                w.segment("AK1", simple: [group.functionalIdentifier, group.reference] + (kind == .ack999 ? [group.version] : []))
                let messages = interchange.messages(inGroup: group.index)
                for message in messages {
                    w.segment("AK2", simple: [message.type, message.reference] + (kind == .ack999 && !message.version.isEmpty ? [message.version] : []))
                    for error in message.errors where !["ST", "SE"].contains(error.position.tag) {
                        let segmentCode = error.code == .invalidSegmentTag ? "1" : "8"
                        w.segment(kind == .ack999 ? "IK3" : "AK3", simple: [error.position.tag, String(error.position.segmentInMessage ?? 0), "", segmentCode])
                    }
                    let accepted = message.outcome != .rejected
                    let code = accepted ? (message.errors.isEmpty ? "A" : "E") : "R"
                    w.segment(kind == .ack999 ? "IK5" : "AK5", simple: [code] + transactionSetCodes(message))
                }
                let acceptedCount = messages.filter { $0.outcome != .rejected }.count
                let groupCode: String
                if group.outcome == .rejected || (acceptedCount == 0 && !messages.isEmpty) {
                    groupCode = "R"
                } else if acceptedCount < messages.count {
                    groupCode = "P"
                } else {
                    groupCode = group.errors.isEmpty && messages.allSatisfy({ $0.errors.isEmpty }) ? "A" : "E"
                }
                w.segment("AK9", simple: [groupCode, String(group.declaredMessageCount ?? messages.count), String(messages.count),
                                          String(group.outcome == .rejected ? 0 : acceptedCount)] + groupCodes(group))
                w.segment("SE", simple: [String(w.segmentCount - start + 1), setControl])
            }
            w.segment("GE", simple: [String(setNumber), groupControl])
        }
        w.segment("IEA", simple: [String(groupsWritten), control9])
        return w.bytes
    }
}

extension X12Acknowledgment {
    /// Delimiters that occur in none of the values the acknowledgment repeats (X12 has no release
    /// character, so a control number such as "0001~" must not meet a `~` terminator).
    static func chooseDelimiters(for interchange: EDIInterchangeReport, repetition: Bool) -> X12Delimiters {
        var used = Set<UInt8>()
        let values = [interchange.controlReference, interchange.sender.identification, interchange.recipient.identification,
                      interchange.date, interchange.time]
            + interchange.groups.flatMap { [$0.reference, $0.functionalIdentifier, $0.version, $0.sender.identification, $0.recipient.identification] }
            + interchange.messages.flatMap { [$0.reference, $0.type, $0.version] }
            + interchange.errors.map(\.position.tag) + interchange.messages.flatMap { $0.errors.map(\.position.tag) }
        for v in values { used.formUnion(v.utf8) }
        func pick(_ candidates: String, avoiding taken: Set<UInt8>) -> UInt8 {
            candidates.utf8.first { !used.contains($0) && !taken.contains($0) } ?? candidates.utf8.first ?? 0x7E
        }
        let element = pick("*|!", avoiding: [])
        let component = pick(":>\\", avoiding: [element])
        let terminator = pick("~\u{1C}\u{1D}", avoiding: [element, component])
        let rep: UInt8? = repetition ? pick("^{}", avoiding: [element, component, terminator]) : nil
        return X12Delimiters(elementSeparator: element, componentSeparator: component, segmentTerminator: terminator,
                             repetitionSeparator: rep)
    }
}

extension String {
    /// A transaction set control number: at least four digits (ST02 is AN 4/9).
    fileprivate init(format value: Int) {
        let s = String(value)
        self = s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s
    }
}
