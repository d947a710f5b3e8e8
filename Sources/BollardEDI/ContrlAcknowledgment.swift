/// Builds the UN/EDIFACT CONTRL syntax and service report (ISO 9735-4 / UN/EDIFACT CONTRL) for
/// one received interchange, accepted or not.
///
/// Structure: UNB (parties swapped) – UNH CONTRL – UCI – [UCF – UCM…] or UCM… – UNT – UNZ.
/// UCI 0083 is 7 (acknowledged; lower levels acknowledged unless explicitly rejected) or 4
/// (this level and all lower levels rejected), with 0085 from service code list 0085, 0013 the
/// service segment at fault and S011 the element position. Each message gets a UCM; a data
/// segment fault adds UCS (0096 = position in the message, UNH = 1) and UCD (S011).
public enum ContrlAcknowledgment {
    /// UNH S009 of the CONTRL message: version 2 release 2 for syntax 1–3 (ISO 9735:1988 amended),
    /// version 4 release 1 for syntax 4 (ISO 9735-4:2002).
    static func messageIdentifier(syntaxVersion: Int) -> [String] {
        syntaxVersion >= 4 ? ["CONTRL", "4", "1", "UN"] : ["CONTRL", "2", "2", "UN"]
    }

    /// The acknowledgment interchange for `interchange`, from `ourIdentification` (the party that
    /// received it; defaults to the interchange recipient).
    public static func build(for interchange: EDIInterchangeReport, stamp: AcknowledgmentStamp,
                             ourIdentification: EDIParty? = nil) -> [UInt8] {
        var chars = EdifactServiceCharacters.defaults
        let version = Int(interchange.syntaxVersion) ?? 3
        let syntaxVersion = (1...4).contains(version) ? version : 3
        if syntaxVersion >= 4 { chars.repetitionSeparator = UInt8(ascii: "*") }
        var w = SegmentWriter(edifact: chars)
        w.raw(chars.serviceStringAdvice)
        let syntaxIdentifier = interchange.syntaxIdentifier.count == 4 ? interchange.syntaxIdentifier : "UNOC"
        let us = ourIdentification ?? interchange.recipient
        let reference = String(stamp.interchangeControlNumber)
        w.segment("UNB", [[syntaxIdentifier, String(syntaxVersion)], party(us, orUnknown: true), party(interchange.sender, orUnknown: true),
                          [stamp.yymmdd, stamp.hhmm], [reference]])
        let messageReference = "1"
        let before = w.segmentCount
        w.segment("UNH", [[messageReference], messageIdentifier(syntaxVersion: syntaxVersion)])

        let interchangeErrors = interchange.errors.filter { $0.severity == .error }
        let rejected = interchange.ownOutcome == .rejected
        var uci: [[String]] = [[interchange.controlReference], party(interchange.sender), party(interchange.recipient),
                               [rejected ? "4" : "7"]]
        if let first = interchangeErrors.first ?? interchange.errors.first { uci += errorElements(first) }
        w.segment("UCI", uci)

        if interchange.groups.isEmpty {
            for message in interchange.messages { writeMessage(message, into: &w) }
        } else {
            for group in interchange.groups {
                var ucf: [[String]] = [[group.reference], [group.sender.identification, group.sender.qualifier],
                                       [group.recipient.identification, group.recipient.qualifier],
                                       [group.outcome == .rejected ? "4" : "7"]]
                if let first = group.errors.first(where: { $0.severity == .error }) ?? group.errors.first { ucf += errorElements(first) }
                w.segment("UCF", ucf)
                for message in interchange.messages(inGroup: group.index) { writeMessage(message, into: &w) }
            }
            for message in interchange.messages where message.group == nil { writeMessage(message, into: &w) }
        }
        w.segment("UNT", simple: [String(w.segmentCount - before + 1), messageReference])
        w.segment("UNZ", simple: ["1", reference])
        return w.bytes
    }

    private static func writeMessage(_ message: EDIMessageReport, into w: inout SegmentWriter) {
        let versionParts = message.version.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        var ucm: [[String]] = [[message.reference], [message.type] + versionParts, [message.outcome == .rejected ? "4" : "7"]]
        let serviceErrors = message.errors.filter { isServiceSegment($0.position.tag) }
        let dataErrors = message.errors.filter { !isServiceSegment($0.position.tag) }
        if let first = serviceErrors.first(where: { $0.severity == .error }) ?? serviceErrors.first {
            ucm += errorElements(first)
        }
        w.segment("UCM", ucm)
        for error in dataErrors {
            w.segment("UCS", [[String(error.position.segmentInMessage ?? 0)], [String(error.edifactSyntaxErrorCode)]])
            if let element = error.position.element {
                w.segment("UCD", [[String(error.edifactSyntaxErrorCode)], [String(element)] + (error.position.component.map { [String($0)] } ?? [])])
            }
        }
    }

    /// 0085, 0013 and S011 for a finding in a service segment.
    private static func errorElements(_ error: EDISyntaxError) -> [[String]] {
        var out: [[String]] = [[String(error.edifactSyntaxErrorCode)]]
        let tag = error.position.tag
        if isServiceSegment(tag) {
            out.append([tag])
            if let element = error.position.element {
                out.append([String(element)] + (error.position.component.map { [String($0)] } ?? []))
            }
        }
        return out
    }

    private static func isServiceSegment(_ tag: String) -> Bool {
        ["UNA", "UNB", "UNG", "UNH", "UNT", "UNE", "UNZ"].contains(tag)
    }

    /// A party as S002/S003 components. A headerless interchange names no party; its CONTRL
    /// still needs one in UNB (mandatory), so "UNKNOWN" stands in.
    private static func party(_ p: EDIParty, orUnknown: Bool = false) -> [String] {
        if orUnknown, p.identification.isEmpty { return ["UNKNOWN"] }
        return p.qualifier.isEmpty ? [p.identification] : [p.identification, p.qualifier]
    }
}
