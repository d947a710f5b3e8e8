/// Checks UN/EDIFACT envelopes while segments stream past: a state machine fed by
/// `EdifactScanner`, with no I/O and no copy of the segments.
///
/// Rules (ISO 9735-1 §§ 8–9, action semantics of ISO 9735-4 / CONTRL):
/// - UNT 0074 counts UNH to UNT inclusive and UNT 0062 repeats UNH 0062; a mismatch rejects that
///   message only.
/// - UNE 0060 counts the messages of the group and UNE 0048 repeats UNG 0048; a mismatch rejects
///   the group.
/// - UNZ 0036 counts the groups, or the messages when there are no groups, and UNZ 0020 repeats
///   UNB 0020; a mismatch rejects the interchange.
/// - Messages with no UNB are read (so their own faults are found too) inside an interchange
///   marked headerless, which is rejected; segments outside a message are reported where they sit.
public struct EdifactInterchangeReader: Sendable, EnvelopeBookkeeping {
    var document = EDIDocumentReport(standard: .edifact)
    // The open levels. Per-segment bookkeeping goes to the plain counters below, never through
    // these optionals, so the hot path copies no report.
    // No property observers on them (an observed property is read through a getter that copies
    // the whole report, and modified through get-and-set), and no `!= nil` tests of them (which
    // copy the report too): the `has…` flags are set beside every assignment.
    var interchange: EDIInterchangeReport?
    var group: EDIGroupReport?
    var message: EDIMessageReport?
    var hasInterchange = false
    var hasGroup = false
    var hasMessage = false
    var messageSegments = 0
    var messageLast = 0
    var interchangeLast = 0
    var interchangeEnd = 0
    private var groupsSeen = 0
    private var messagesOutsideGroups = 0
    private var messagesInGroup = 0
    private var pendingAdviceError: EDISyntaxError?
    private var lastEnd = 0
    let retention: EDIMessageRetention
    var closedMessages = 0
    var lastClosedMessage: EDIMessageReport?
    /// The repertoire the open interchange declares, when it restricts bytes (UNOA, UNOB).
    private var repertoire: EdifactRepertoire?
    /// Repertoire findings already made in the open message (or outside messages): one of each
    /// kind is enough to reject or warn, and the scan stops looking once both are made.
    private var reportedOutsideLevel = false
    private var reportedUndecodable = false

    /// `retention` chooses which message reports the final report keeps (see `EDIMessageRetention`).
    public init(retention: EDIMessageRetention = .all) {
        self.retention = retention
    }

    /// Consumes an owned segment (see `consume(_:)` for views, the hot path).
    public mutating func consume(_ segment: EdifactSegment) {
        segment.withView { consume($0) }
    }

    /// Consumes the next segment of the stream, borrowed: nothing of it is kept but the few
    /// envelope fields decoded into the report.
    public mutating func consume(_ segment: EdifactSegmentView) {
        let end = segment.offset + segment.bytes.count + 1
        lastEnd = max(lastEnd, end)
        if segment.number == 0 {
            if segment.faults.contains(.invalidServiceStringAdvice) {
                pendingAdviceError = EDISyntaxError(
                    .invalidServiceStringAdvice, at: position(segment),
                    "UNA \(String(decoding: segment.bytes, as: UTF8.self)) does not advise six distinct, usable service characters")
            }
            return
        }
        document.segmentCount = segment.number
        if hasMessage { messageSegments += 1; messageLast = segment.number }
        reportScannerFaults(segment)
        // UNH is checked once its message is open, UNB once its repertoire is known.
        if let repertoire, segment.tag != .UNH, !(reportedOutsideLevel && reportedUndecodable) {
            checkRepertoire(repertoire, segment)
        }
        switch segment.tag {
        case .UNB: openInterchange(segment)
        case .UNG: openGroup(segment)
        case .UNH: openMessage(segment)
        case .UNT: closeMessage(segment)
        case .UNE: closeGroup(segment)
        case .UNZ: closeInterchange(segment)
        default:
            if hasMessage {
                if segment.tagLength != 3 {
                    appendToMessage(EDISyntaxError(.invalidSegmentTag, at: position(segment),
                                                          "segment tag '\(segment.tagText)' is not three characters"))
                }
            } else if hasInterchange {
                record(EDISyntaxError(.segmentOutsideMessage, at: position(segment),
                                      "\(segment.tagText) segment outside any message (UNH…UNT)"))
            } else {
                document.errors.append(EDISyntaxError(.segmentOutsideInterchange, at: position(segment),
                                                      "\(segment.tagText) segment outside any interchange (UNB…UNZ)"))
            }
        }
        if hasInterchange {
            interchangeLast = segment.number
            interchangeEnd = end
        }
        if segment.tag == .UNT {
            reportedOutsideLevel = false
            reportedUndecodable = false
        }
    }

    /// Ends the input and returns the report.
    public mutating func finish() -> EDIDocumentReport {
        if let open = message {
            let at = EDIPosition(interchange: interchange?.index, group: group?.index, message: open.index,
                                 segment: messageLast, tag: "UNT", byteOffset: lastEnd)
            appendToMessage(EDISyntaxError(.messageTrailerMissing, at: at,
                                                  "message \(open.reference) has no UNT before the end of the input"))
            flushMessage()
        }
        if let open = group {
            let at = EDIPosition(interchange: interchange?.index, group: open.index, segment: document.segmentCount,
                                 tag: "UNE", byteOffset: lastEnd)
            appendToGroup(EDISyntaxError(.groupTrailerMissing, at: at, "group \(open.reference) has no UNE"))
            flushGroup()
        }
        if let open = interchange {
            if open.hasHeader {
                let at = EDIPosition(interchange: open.index, segment: document.segmentCount, tag: "UNZ", byteOffset: lastEnd)
                appendToInterchange(EDISyntaxError(.interchangeTrailerMissing, at: at,
                                                          "interchange \(open.controlReference) has no UNZ before the end of the input"))
            }
            flushInterchange()
        }
        if document.interchanges.isEmpty {
            let at = EDIPosition(segment: max(1, document.segmentCount), tag: "UNB", byteOffset: 0)
            document.errors.append(EDISyntaxError(.interchangeHeaderMissing, at: at, "no UNB interchange header in the input"))
        }
        document.byteCount = lastEnd
        document.settleOutcomes()
        return document
    }

    // MARK: - levels

    private mutating func openInterchange(_ unb: EdifactSegmentView) {
        closeOpenLevels(before: unb, trailer: "UNZ")
        var next = EDIInterchangeReport(index: document.interchanges.count + 1, standard: .edifact,
                                        firstSegment: unb.number, offset: unb.offset)
        next.hasHeader = true
        next.edifactServiceCharacters = unb.serviceCharacters
        let s001 = unb.element(1)
        next.syntaxIdentifier = s001?.component(1)?.text ?? ""
        next.syntaxVersion = s001?.component(2)?.text ?? ""
        next.sender = party(unb.element(2))
        next.recipient = party(unb.element(3))
        next.date = unb.element(4)?.component(1)?.text ?? ""
        next.time = unb.element(4)?.component(2)?.text ?? ""
        next.controlReference = unb.element(5)?.text ?? ""
        next.applicationReference = unb.element(7)?.text ?? ""
        next.acknowledgmentRequested = unb.element(9)?.text == "1"
        next.isTest = unb.element(11)?.text == "1"
        interchange = next
        hasInterchange = true
        repertoire = EdifactRepertoire(syntaxIdentifier: next.syntaxIdentifier, serviceCharacters: unb.serviceCharacters)
        reportedOutsideLevel = false
        reportedUndecodable = false
        if let repertoire { checkRepertoire(repertoire, unb) }
        groupsSeen = 0
        messagesOutsideGroups = 0
        if let advice = pendingAdviceError {
            appendToInterchange(advice)
            pendingAdviceError = nil
        }
        if next.controlReference.isEmpty {
            record(EDISyntaxError(.mandatoryElementMissing, at: position(unb, element: 5), "UNB 0020 interchange control reference is missing"))
        }
        if next.sender.identification.isEmpty {
            record(EDISyntaxError(.mandatoryElementMissing, at: position(unb, element: 2, component: 1), "UNB S002/0004 interchange sender is missing"))
        }
        if next.recipient.identification.isEmpty {
            record(EDISyntaxError(.mandatoryElementMissing, at: position(unb, element: 3, component: 1), "UNB S003/0010 interchange recipient is missing"))
        }
        if let id = s001?.component(1), EDICharacterSet(syntaxIdentifier: id.bytes) == nil {
            record(EDISyntaxError(.unsupportedCharacterSet, severity: .warning, at: position(unb, element: 1, component: 1),
                                  "syntax identifier '\(next.syntaxIdentifier)' names no known repertoire; text decoded as ISO 8859-1"))
        }
        if !(1...4).contains(Int(next.syntaxVersion) ?? 0) {
            record(EDISyntaxError(.invalidValue, at: position(unb, element: 1, component: 2),
                                  "UNB S001/0002 syntax version '\(next.syntaxVersion)' is not 1–4"))
        }
    }

    private mutating func openGroup(_ ung: EdifactSegmentView) {
        ensureInterchange(for: ung)
        if hasMessage { missingMessageTrailer(before: ung) }
        if hasGroup {
            appendToGroup(EDISyntaxError(.groupTrailerMissing, at: position(ung), "UNG before the UNE of group \(group?.reference ?? "")"))
            flushGroup()
        }
        if messagesOutsideGroups > 0 {
            record(EDISyntaxError(.groupsAndMessagesMixed, at: position(ung), "UNG after messages outside any group"))
        }
        groupsSeen += 1
        messagesInGroup = 0
        let g = EDIGroupReport(
            index: groupsSeen, functionalIdentifier: ung.element(1)?.text ?? "", sender: party(ung.element(2)),
            recipient: party(ung.element(3)), reference: ung.element(5)?.text ?? "",
            version: ung.element(7)?.components.map(\.text).joined(separator: ":") ?? "",
            date: ung.element(4)?.component(1)?.text ?? "", time: ung.element(4)?.component(2)?.text ?? "",
            declaredMessageCount: nil, messageCount: 0, errors: [], outcome: .accepted)
        group = g
        hasGroup = true
        if g.reference.isEmpty {
            appendToGroup(EDISyntaxError(.mandatoryElementMissing, at: position(ung, element: 5), "UNG 0048 group reference is missing"))
        }
    }

    private mutating func openMessage(_ unh: EdifactSegmentView) {
        ensureInterchange(for: unh)
        if hasMessage { missingMessageTrailer(before: unh) }
        if !hasGroup {
            if groupsSeen > 0 {
                record(EDISyntaxError(.groupsAndMessagesMixed, at: position(unh), "UNH outside a group in an interchange that uses groups"))
            }
            messagesOutsideGroups += 1
        } else {
            messagesInGroup += 1
        }
        let s009 = unh.element(2)
        let index = (interchange?.messageCount ?? 0) + 1
        var m = EDIMessageReport(
            index: index, group: group?.index, type: s009?.component(1)?.text ?? "",
            version: Self.messageVersion(s009),
            reference: unh.element(1)?.text ?? "", declaredSegmentCount: nil, segmentCount: 1,
            firstSegment: unh.number, lastSegment: unh.number, byteRange: unh.offset..<(unh.offset + unh.bytes.count + 1),
            errors: [], outcome: .accepted)
        if m.reference.isEmpty {
            m.errors.append(EDISyntaxError(.mandatoryElementMissing, at: position(unh, element: 1, inMessage: 1, messageIndex: index),
                                           "UNH 0062 message reference is missing"))
        }
        if m.type.isEmpty {
            m.errors.append(EDISyntaxError(.mandatoryElementMissing, at: position(unh, element: 2, component: 1, inMessage: 1, messageIndex: index),
                                           "UNH S009/0065 message type is missing"))
        }
        message = m
        hasMessage = true
        messageSegments = 1
        messageLast = unh.number
        reportedOutsideLevel = false
        reportedUndecodable = false
        if let repertoire { checkRepertoire(repertoire, unh) }
    }

    private mutating func closeMessage(_ unt: EdifactSegmentView) {
        // Only the three fields needed are read out of the open report (no copy of it), and the
        // position is built only for a finding: this runs once per message.
        guard hasMessage, let index = message?.index, let openReference = message?.reference,
              let openStart = message?.byteRange.lowerBound else {
            let error = EDISyntaxError(.messageHeaderMissing, at: position(unt), "UNT with no open message (UNH missing)")
            if hasInterchange { record(error) } else { document.errors.append(error) }
            return
        }
        let actual = messageSegments
        var at: EDIPosition { position(unt, element: 1, inMessage: actual, messageIndex: index) }
        let declared = unt.element(1)?.integerValue
        message?.declaredSegmentCount = declared
        if let declared {
            if declared != actual {
                appendToMessage(EDISyntaxError(.messageSegmentCountMismatch, at: at, "UNT count \(declared), actual \(actual)"))
            }
        } else {
            let sent = unt.element(1)?.text ?? ""
            appendToMessage(EDISyntaxError(sent.isEmpty ? .mandatoryElementMissing : .invalidValue, at: at,
                                                  "UNT 0074 '\(sent)' is not a segment count; actual \(actual)"))
        }
        let reference = unt.element(2)?.text ?? ""
        if reference != openReference {
            var refAt = at
            refAt.element = 2
            appendToMessage(EDISyntaxError(.messageReferenceMismatch, at: refAt,
                                                  "UNT reference '\(reference)' differs from UNH reference '\(openReference)'"))
        }
        message?.byteRange = openStart..<(unt.offset + unt.bytes.count + 1)
        flushMessage()
    }

    /// UNH S009 after the message type (version:release:agency[:association]), written with
    /// `:` whatever component separator the interchange uses. With `:` as separator and no
    /// release character inside, that is the element's own bytes, decoded once; otherwise the
    /// components are decoded and joined.
    static func messageVersion(_ s009: EdifactElementView?) -> String {
        guard let s009 else { return "" }
        let chars = s009.serviceCharacters
        let bytes = s009.bytes
        if chars.componentSeparator == UInt8(ascii: ":"),
           !bytes.contains(where: { $0 == chars.releaseCharacter || $0 == 0x0A || $0 == 0x0D }) {
            guard let first = bytes.firstIndex(of: chars.componentSeparator) else { return "" }
            return chars.characterSet.decode(bytes[(first + 1)...])
        }
        return s009.components.dropFirst().map(\.text).joined(separator: ":")
    }

    private mutating func closeGroup(_ une: EdifactSegmentView) {
        if hasMessage { missingMessageTrailer(before: une) }
        guard let open = group else {
            record(EDISyntaxError(.groupHeaderMissing, at: position(une), "UNE with no open group (UNG missing)"))
            return
        }
        let declared = une.element(1)?.integerValue
        group?.declaredMessageCount = declared
        if declared != messagesInGroup {
            appendToGroup(EDISyntaxError(.groupCountMismatch, at: position(une, element: 1),
                                                "UNE count \(une.element(1)?.text ?? ""), actual \(messagesInGroup)"))
        }
        let reference = une.element(2)?.text ?? ""
        if reference != open.reference {
            appendToGroup(EDISyntaxError(.groupReferenceMismatch, at: position(une, element: 2),
                                                "UNE reference '\(reference)' differs from UNG reference '\(open.reference)'"))
        }
        flushGroup()
    }

    private mutating func closeInterchange(_ unz: EdifactSegmentView) {
        guard let open = interchange else {
            document.errors.append(EDISyntaxError(.interchangeHeaderMissing, at: position(unz), "UNZ with no open interchange (UNB missing)"))
            return
        }
        closeOpenLevels(before: unz, trailer: nil)
        let declared = unz.element(1)?.integerValue
        interchange?.declaredCount = declared
        let usesGroups = groupsSeen > 0
        let actual = usesGroups ? groupsSeen : messagesOutsideGroups
        if declared != actual {
            record(EDISyntaxError(.interchangeCountMismatch, at: position(unz, element: 1),
                                  "UNZ count \(unz.element(1)?.text ?? ""), actual \(actual) \(usesGroups ? "groups" : "messages")"))
        }
        let reference = unz.element(2)?.text ?? ""
        if open.hasHeader, reference != open.controlReference {
            record(EDISyntaxError(.interchangeReferenceMismatch, at: position(unz, element: 2),
                                  "UNZ reference '\(reference)' differs from UNB reference '\(open.controlReference)'"))
        }
        if open.hasHeader, actual == 0 {
            record(EDISyntaxError(.mandatoryElementMissing, severity: .warning, at: position(unz), "interchange holds no message"))
        }
        interchange?.lastSegment = unz.number
        interchange?.byteRange = open.byteRange.lowerBound..<(unz.offset + unz.bytes.count + 1)
        flushInterchange()
        repertoire = nil
    }

    // MARK: - helpers

    private mutating func ensureInterchange(for segment: EdifactSegmentView) {
        guard !hasInterchange else { return }
        var headerless = EDIInterchangeReport(index: document.interchanges.count + 1, standard: .edifact,
                                              firstSegment: segment.number, offset: segment.offset)
        headerless.edifactServiceCharacters = segment.serviceCharacters
        headerless.errors.append(EDISyntaxError(.interchangeHeaderMissing, at: position(segment, interchange: headerless.index),
                                                "\(segment.tagText) with no UNB interchange header before it"))
        if let advice = pendingAdviceError {
            headerless.errors.append(advice)
            pendingAdviceError = nil
        }
        interchange = headerless
        hasInterchange = true
        groupsSeen = 0
        messagesOutsideGroups = 0
    }

    private mutating func closeOpenLevels(before segment: EdifactSegmentView, trailer: String?) {
        if hasMessage { missingMessageTrailer(before: segment) }
        if let open = group {
            appendToGroup(EDISyntaxError(.groupTrailerMissing, at: position(segment), "group \(open.reference) has no UNE before \(segment.tagText)"))
            flushGroup()
        }
        if let trailer, let open = interchange {
            if open.hasHeader {
                record(EDISyntaxError(.interchangeTrailerMissing, at: position(segment),
                                      "interchange \(open.controlReference) has no \(trailer) before the next \(segment.tagText)"))
            }
            flushInterchange()
        }
    }

    private mutating func missingMessageTrailer(before segment: EdifactSegmentView) {
        guard let open = message else { return }
        // The segment that revealed the gap was counted into the message; take it back out.
        messageSegments -= 1
        messageLast = segment.number - 1
        appendToMessage(EDISyntaxError(.messageTrailerMissing, at: position(segment, inMessage: nil, messageIndex: open.index),
                                              "message \(open.reference) has no UNT before \(segment.tagText)"))
        message?.byteRange = open.byteRange.lowerBound..<segment.offset
        flushMessage()
    }

    /// Attaches an envelope finding to the innermost open envelope level (group or interchange).
    private mutating func record(_ error: EDISyntaxError) {
        if hasGroup, error.code != .groupsAndMessagesMixed, error.code != .interchangeCountMismatch,
           error.code != .interchangeReferenceMismatch {
            appendToGroup(error)
        } else if hasInterchange {
            appendToInterchange(error)
        } else {
            document.errors.append(error)
        }
    }

    private mutating func reportScannerFaults(_ segment: EdifactSegmentView) {
        guard !segment.faults.isEmpty else { return }
        if segment.faults.contains(.invalidRelease) {
            let offset = segment.faultOffset ?? segment.offset
            var at = position(segment)
            let (element, component) = locate(offset, in: segment)
            at.element = element
            at.component = component
            at.byteOffset = offset
            let next = offset + 1 - segment.offset + segment.bytes.startIndex
            let shown = next < segment.bytes.endIndex ? String(decoding: [segment.bytes[next]], as: UTF8.self) : "end of input"
            attach(EDISyntaxError(.invalidReleaseSequence, at: at, "release character before '\(shown)', which is not a service character"))
        }
        if segment.faults.contains(.unterminated), segment.tag != .UNZ {
            attach(EDISyntaxError(.segmentTerminatorMissing, severity: .warning, at: position(segment),
                                  "\(segment.tagText) segment has no terminator before the end of the input"))
        }
        if segment.faults.contains(.tooLong) {
            attach(EDISyntaxError(.segmentTooLong, at: position(segment), "segment longer than \(segment.bytes.count) bytes was cut"))
        }
    }

    /// ISO 9735-1 §12 (syntax 3 §12): data in a UNOA/UNOB interchange uses only the level's
    /// characters (see `EdifactRepertoire` for what is an error and what a warning). A finding
    /// goes to the message it sits in (CONTRL UCS/UCD code 21), or to the envelope level.
    private mutating func checkRepertoire(_ repertoire: EdifactRepertoire, _ segment: EdifactSegmentView) {
        let (outside, undecodable) = repertoire.findings(
            segment.bytes, wantOutsideLevel: !reportedOutsideLevel, wantUndecodable: !reportedUndecodable)
        guard outside != nil || undecodable != nil else { return }
        let level = interchange?.syntaxIdentifier == "UNOB" ? "UNOB (ISO 9735 level B)" : "UNOA (ISO 9735 level A)"
        for (index, isError) in [(outside, false), (undecodable, true)].compactMap({ i, e in i.map { ($0, e) } }).sorted(by: { $0.0 < $1.0 }) {
            let offset = segment.offset + (index - segment.bytes.startIndex)
            var at = position(segment)
            let (element, component) = locate(offset, in: segment)
            at.element = element
            at.component = component
            at.byteOffset = offset
            let byte = segment.bytes[index]
            let shown = byte >= 0x20 && byte < 0x7F ? "'\(String(decoding: [byte], as: UTF8.self))' " : ""
            let hex = String(byte, radix: 16, uppercase: true)
            if isError {
                reportedUndecodable = true
                attach(EDISyntaxError(.invalidCharacter, at: at, "byte 0x\(hex) cannot be represented in \(level)"))
            } else {
                reportedOutsideLevel = true
                attach(EDISyntaxError(.invalidCharacter, severity: .warning, at: at,
                                      "character \(shown)(0x\(hex)) is outside \(level); read as ASCII"))
            }
        }
    }

    private mutating func attach(_ error: EDISyntaxError) {
        if hasMessage { appendToMessage(error) } else { record(error) }
    }

    /// The 1-based element and component holding the byte at `offset`.
    private func locate(_ offset: Int, in segment: EdifactSegmentView) -> (Int, Int) {
        let chars = segment.serviceCharacters
        var element = 0
        var component = 1
        var i = segment.bytes.startIndex
        let stop = min(segment.bytes.endIndex, segment.bytes.startIndex + (offset - segment.offset))
        while i < stop {
            let b = segment.bytes[i]
            if b == chars.releaseCharacter { i += 2; continue }
            if b == chars.elementSeparator { element += 1; component = 1 } else if b == chars.componentSeparator { component += 1 }
            i += 1
        }
        return (element, component)
    }

    private func party(_ element: EdifactElementView?) -> EDIParty {
        EDIParty(identification: element?.component(1)?.text ?? "", qualifier: element?.component(2)?.text ?? "")
    }

    private func position(_ segment: EdifactSegmentView, element: Int? = nil, component: Int? = nil,
                          inMessage: Int? = nil, messageIndex: Int? = nil, interchange index: Int? = nil) -> EDIPosition {
        EDIPosition(
            interchange: index ?? interchange?.index, group: group?.index, message: messageIndex ?? message?.index,
            segmentInMessage: inMessage ?? (hasMessage ? messageSegments : nil), segment: segment.number, tag: segment.tagText,
            element: element, component: component, byteOffset: segment.offset)
    }
}
