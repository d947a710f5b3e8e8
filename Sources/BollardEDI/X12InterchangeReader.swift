/// Checks ANSI X12 envelopes while segments stream past: a state machine fed by `X12Scanner`.
///
/// Rules (X12.5 / X12.6, and the 997/999/TA1 semantics built on them):
/// - SE01 counts ST to SE inclusive and SE02 repeats ST02; a mismatch rejects that transaction set.
/// - GE01 counts the transaction sets of the group and GE02 repeats GS06; a mismatch rejects the group.
/// - IEA01 counts the functional groups and IEA02 repeats ISA13; a mismatch rejects the interchange.
/// - Control numbers that are all digits compare as numbers (ISA13 is N0 9, GS06/GE02 N0 1/9);
///   anything else must match byte for byte.
/// - An ISA that is not the fixed 106 bytes is read by counting separators and accepted with a
///   warning; an unreadable ISA rejects its interchange.
/// - TA1 segments directly inside an interchange are recorded, not counted in IEA01.
public struct X12InterchangeReader: Sendable, EnvelopeBookkeeping {
    var document = EDIDocumentReport(standard: .x12)
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
    private var groupsInInterchange = 0
    private var messagesInGroup = 0
    private var lastEnd = 0
    let retention: EDIMessageRetention
    var closedMessages = 0
    var lastClosedMessage: EDIMessageReport?

    /// `retention` chooses which message reports the final report keeps (see `EDIMessageRetention`).
    public init(retention: EDIMessageRetention = .all) {
        self.retention = retention
    }

    /// Consumes an owned segment (see `consume(_:)` for views, the hot path).
    public mutating func consume(_ segment: X12Segment) {
        segment.withView { consume($0) }
    }

    /// Consumes the next segment of the stream, borrowed: nothing of it is kept but the few
    /// envelope fields decoded into the report.
    public mutating func consume(_ segment: X12SegmentView) {
        let end = segment.offset + segment.bytes.count + 1
        lastEnd = max(lastEnd, end)
        document.segmentCount = segment.number
        if hasMessage { messageSegments += 1; messageLast = segment.number }
        if segment.faults.contains(.invalidInterchangeHeader) {
            openInterchange(segment)
        } else {
            reportScannerFaults(segment)
            switch segment.tag {
            case .ISA: openInterchange(segment)
            case .GS: openGroup(segment)
            case .ST: openMessage(segment)
            case .SE: closeMessage(segment)
            case .GE: closeGroup(segment)
            case .IEA: closeInterchange(segment)
            case .TA1 where !hasMessage && !hasGroup && hasInterchange:
                interchange?.technicalAcknowledgments.append(X12TechnicalAcknowledgment(
                    interchangeControlNumber: segment.element(1)?.text ?? "", date: segment.element(2)?.text ?? "",
                    time: segment.element(3)?.text ?? "", acknowledgmentCode: segment.element(4)?.text ?? "",
                    noteCode: segment.element(5)?.text ?? "", segment: segment.number))
            default:
                if hasMessage {
                    if segment.tagLength < 2 || segment.tagLength > 3 {
                        appendToMessage(EDISyntaxError(.invalidSegmentTag, at: position(segment),
                                                              "segment tag '\(segment.tagText)' is not 2–3 characters"))
                    }
                } else if hasInterchange {
                    record(EDISyntaxError(.segmentOutsideMessage, at: position(segment),
                                          "\(segment.tagText) segment outside any transaction set (ST…SE)"))
                } else {
                    document.errors.append(EDISyntaxError(.segmentOutsideInterchange, at: position(segment),
                                                          "\(segment.tagText) segment outside any interchange (ISA…IEA)"))
                }
            }
        }
        if hasInterchange {
            interchangeLast = segment.number
            interchangeEnd = end
        }
    }

    public mutating func finish() -> EDIDocumentReport {
        if let open = message {
            let at = EDIPosition(interchange: interchange?.index, group: group?.index, message: open.index,
                                 segment: messageLast, tag: "SE", byteOffset: lastEnd)
            appendToMessage(EDISyntaxError(.messageTrailerMissing, at: at, "transaction set \(open.reference) has no SE before the end of the input"))
            flushMessage()
        }
        if let open = group {
            let at = EDIPosition(interchange: interchange?.index, group: open.index, segment: document.segmentCount, tag: "GE", byteOffset: lastEnd)
            appendToGroup(EDISyntaxError(.groupTrailerMissing, at: at, "group \(open.reference) has no GE before the end of the input"))
            flushGroup()
        }
        if let open = interchange {
            if open.hasHeader, open.ownOutcome != .rejected {
                let at = EDIPosition(interchange: open.index, segment: document.segmentCount, tag: "IEA", byteOffset: lastEnd)
                appendToInterchange(EDISyntaxError(.interchangeTrailerMissing, at: at,
                                                          "interchange \(open.controlReference) has no IEA before the end of the input"))
            }
            flushInterchange()
        }
        if document.interchanges.isEmpty {
            document.errors.append(EDISyntaxError(.interchangeHeaderMissing, at: EDIPosition(segment: max(1, document.segmentCount), tag: "ISA", byteOffset: 0),
                                                  "no ISA interchange header in the input"))
        }
        document.byteCount = lastEnd
        document.settleOutcomes()
        return document
    }

    /// Whether two control numbers are the same: numerically when both are all digits.
    static func controlNumbersMatch(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        let digits: (String) -> Bool = { !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        guard digits(a), digits(b) else { return false }
        let ta = a.drop { $0 == "0" }
        let tb = b.drop { $0 == "0" }
        return ta == tb
    }

    // MARK: - levels

    private mutating func openInterchange(_ isa: X12SegmentView) {
        closeOpenLevels(before: isa)
        var next = EDIInterchangeReport(index: document.interchanges.count + 1, standard: .x12, firstSegment: isa.number, offset: isa.offset)
        next.hasHeader = true
        next.x12Delimiters = isa.delimiters
        interchange = next
        hasInterchange = true
        groupsInInterchange = 0
        if isa.faults.contains(.invalidInterchangeHeader) {
            record(EDISyntaxError(.invalidInterchangeHeader, at: position(isa),
                                  "ISA cannot be read: it needs 16 element separators followed by ISA16 and a segment terminator, all distinct and not letters or digits"))
            return
        }
        let f = isa.elements
        func field(_ n: Int) -> X12ElementView? { n <= f.count ? f[n - 1] : nil }
        next.sender = EDIParty(identification: field(6)?.trimmedText ?? "", qualifier: field(5)?.trimmedText ?? "")
        next.recipient = EDIParty(identification: field(8)?.trimmedText ?? "", qualifier: field(7)?.trimmedText ?? "")
        next.date = field(9)?.trimmedText ?? ""
        next.time = field(10)?.trimmedText ?? ""
        next.syntaxIdentifier = field(11)?.text ?? ""
        next.syntaxVersion = field(12)?.trimmedText ?? ""
        next.controlReference = field(13)?.trimmedText ?? ""
        next.acknowledgmentRequested = field(14)?.trimmedText == "1"
        next.isTest = field(15)?.trimmedText == "T"
        interchange = next
        hasInterchange = true
        if isa.faults.contains(.interchangeHeaderNotFixedWidth) {
            let widths = f.prefix(16).map(\.bytes.count)
            let off = zip(widths, X12Scanner.headerFieldWidths).enumerated().first { $0.element.0 != $0.element.1 }
            var at = position(isa)
            at.element = off.map { $0.offset + 1 }
            let detail = off.map { "ISA\(String(format2: $0.offset + 1)) is \($0.element.0) bytes, not \($0.element.1)" } ?? ""
            record(EDISyntaxError(.interchangeHeaderNotFixedWidth, severity: .warning, at: at,
                                  "ISA is \(isa.headerLength) bytes, not the fixed 106; read by counting separators. \(detail)"))
        }
        if f.count != 16 {
            record(EDISyntaxError(.invalidInterchangeHeader, at: position(isa), "ISA has \(f.count) elements, not 16"))
        }
        if next.controlReference.count != 9 || field(13)?.integerValue == nil {
            record(EDISyntaxError(.invalidValue, at: position(isa, element: 13), "ISA13 '\(next.controlReference)' is not a 9-digit control number"))
        }
    }

    private mutating func openGroup(_ gs: X12SegmentView) {
        ensureInterchange(for: gs)
        if hasMessage { missingMessageTrailer(before: gs) }
        if let open = group {
            appendToGroup(EDISyntaxError(.groupTrailerMissing, at: position(gs), "GS before the GE of group \(open.reference)"))
            flushGroup()
        }
        groupsInInterchange += 1
        messagesInGroup = 0
        hasGroup = true
        group = EDIGroupReport(
            index: groupsInInterchange, functionalIdentifier: gs.element(1)?.text ?? "",
            sender: EDIParty(identification: gs.element(2)?.trimmedText ?? ""),
            recipient: EDIParty(identification: gs.element(3)?.trimmedText ?? ""),
            reference: gs.element(6)?.text ?? "", version: gs.element(8)?.text ?? "",
            date: gs.element(4)?.text ?? "", time: gs.element(5)?.text ?? "",
            declaredMessageCount: nil, messageCount: 0, errors: [], outcome: .accepted)
        if gs.element(6)?.integerValue == nil {
            appendToGroup(EDISyntaxError(.invalidValue, at: position(gs, element: 6),
                                                "GS06 '\(gs.element(6)?.text ?? "")' is not a numeric group control number"))
        }
    }

    private mutating func openMessage(_ st: X12SegmentView) {
        ensureInterchange(for: st)
        if hasMessage { missingMessageTrailer(before: st) }
        if !hasGroup {
            record(EDISyntaxError(.segmentOutsideMessage, at: position(st), "ST outside any functional group (GS…GE)"))
        } else {
            messagesInGroup += 1
        }
        let index = (interchange?.messageCount ?? 0) + 1
        let implementation = st.element(3)?.text ?? ""
        var m = EDIMessageReport(
            index: index, group: group?.index, type: st.element(1)?.text ?? "",
            version: implementation.isEmpty ? (group?.version ?? "") : implementation,
            reference: st.element(2)?.text ?? "", declaredSegmentCount: nil, segmentCount: 1,
            firstSegment: st.number, lastSegment: st.number, byteRange: st.offset..<(st.offset + st.bytes.count + 1),
            errors: [], outcome: .accepted)
        if m.type.isEmpty {
            m.errors.append(EDISyntaxError(.mandatoryElementMissing, at: position(st, element: 1, inMessage: 1, messageIndex: index), "ST01 transaction set identifier is missing"))
        }
        if m.reference.isEmpty {
            m.errors.append(EDISyntaxError(.mandatoryElementMissing, at: position(st, element: 2, inMessage: 1, messageIndex: index), "ST02 transaction set control number is missing"))
        }
        message = m
        hasMessage = true
        messageSegments = 1
        messageLast = st.number
    }

    private mutating func closeMessage(_ se: X12SegmentView) {
        guard let open = message else {
            record(EDISyntaxError(.messageHeaderMissing, at: position(se), "SE with no open transaction set (ST missing)"))
            return
        }
        let actual = messageSegments
        let declared = se.element(1)?.integerValue
        message?.declaredSegmentCount = declared
        if declared != actual {
            appendToMessage(EDISyntaxError(.messageSegmentCountMismatch, at: position(se, element: 1, inMessage: actual, messageIndex: open.index),
                                                  "SE count \(se.element(1)?.text ?? ""), actual \(actual)"))
        }
        let reference = se.element(2)?.text ?? ""
        if reference != open.reference {
            appendToMessage(EDISyntaxError(.messageReferenceMismatch, at: position(se, element: 2, inMessage: actual, messageIndex: open.index),
                                                  "SE02 '\(reference)' differs from ST02 '\(open.reference)'"))
        }
        message?.byteRange = open.byteRange.lowerBound..<(se.offset + se.bytes.count + 1)
        flushMessage()
    }

    private mutating func closeGroup(_ ge: X12SegmentView) {
        if hasMessage { missingMessageTrailer(before: ge) }
        guard let open = group else {
            record(EDISyntaxError(.groupHeaderMissing, at: position(ge), "GE with no open functional group (GS missing)"))
            return
        }
        let declared = ge.element(1)?.integerValue
        group?.declaredMessageCount = declared
        if declared != messagesInGroup {
            appendToGroup(EDISyntaxError(.groupCountMismatch, at: position(ge, element: 1),
                                                "GE count \(ge.element(1)?.text ?? ""), actual \(messagesInGroup)"))
        }
        let reference = ge.element(2)?.text ?? ""
        if !Self.controlNumbersMatch(reference, open.reference) {
            appendToGroup(EDISyntaxError(.groupReferenceMismatch, at: position(ge, element: 2),
                                                "GE02 '\(reference)' differs from GS06 '\(open.reference)'"))
        }
        flushGroup()
    }

    private mutating func closeInterchange(_ iea: X12SegmentView) {
        guard let open = interchange else {
            document.errors.append(EDISyntaxError(.interchangeHeaderMissing, at: position(iea), "IEA with no open interchange (ISA missing)"))
            return
        }
        if hasMessage { missingMessageTrailer(before: iea) }
        if let g = group {
            appendToGroup(EDISyntaxError(.groupTrailerMissing, at: position(iea), "group \(g.reference) has no GE before IEA"))
            flushGroup()
        }
        let declared = iea.element(1)?.integerValue
        interchange?.declaredCount = declared
        if declared != groupsInInterchange {
            record(EDISyntaxError(.interchangeCountMismatch, at: position(iea, element: 1),
                                  "IEA count \(iea.element(1)?.text ?? ""), actual \(groupsInInterchange) groups"))
        }
        let reference = iea.element(2)?.text ?? ""
        if open.hasHeader, !Self.controlNumbersMatch(reference, open.controlReference) {
            record(EDISyntaxError(.interchangeReferenceMismatch, at: position(iea, element: 2),
                                  "IEA02 '\(reference)' differs from ISA13 '\(open.controlReference)'"))
        }
        interchange?.lastSegment = iea.number
        interchange?.byteRange = open.byteRange.lowerBound..<(iea.offset + iea.bytes.count + 1)
        flushInterchange()
    }

    // MARK: - helpers

    private mutating func ensureInterchange(for segment: X12SegmentView) {
        guard !hasInterchange else { return }
        var headerless = EDIInterchangeReport(index: document.interchanges.count + 1, standard: .x12,
                                              firstSegment: segment.number, offset: segment.offset)
        headerless.x12Delimiters = segment.delimiters
        headerless.errors.append(EDISyntaxError(.interchangeHeaderMissing, at: position(segment, interchange: headerless.index),
                                                "\(segment.tagText) with no ISA interchange header before it"))
        interchange = headerless
        hasInterchange = true
        groupsInInterchange = 0
    }

    private mutating func closeOpenLevels(before segment: X12SegmentView) {
        if hasMessage { missingMessageTrailer(before: segment) }
        if let open = group {
            appendToGroup(EDISyntaxError(.groupTrailerMissing, at: position(segment), "group \(open.reference) has no GE before \(segment.tagText)"))
            flushGroup()
        }
        if let open = interchange {
            if open.hasHeader {
                record(EDISyntaxError(.interchangeTrailerMissing, at: position(segment),
                                      "interchange \(open.controlReference) has no IEA before the next \(segment.tagText)"))
            }
            flushInterchange()
        }
    }

    private mutating func missingMessageTrailer(before segment: X12SegmentView) {
        guard let open = message else { return }
        messageSegments -= 1
        messageLast = segment.number - 1
        appendToMessage(EDISyntaxError(.messageTrailerMissing, at: position(segment, messageIndex: open.index),
                                              "transaction set \(open.reference) has no SE before \(segment.tagText)"))
        message?.byteRange = open.byteRange.lowerBound..<segment.offset
        flushMessage()
    }

    private mutating func record(_ error: EDISyntaxError) {
        let interchangeLevel: Set<EDISyntaxError.Code> = [.interchangeCountMismatch, .interchangeReferenceMismatch,
                                                         .invalidInterchangeHeader, .interchangeHeaderNotFixedWidth, .interchangeTrailerMissing]
        if hasGroup, !interchangeLevel.contains(error.code) {
            appendToGroup(error)
        } else if hasInterchange {
            appendToInterchange(error)
        } else {
            document.errors.append(error)
        }
    }

    private mutating func reportScannerFaults(_ segment: X12SegmentView) {
        if segment.faults.contains(.unterminated), segment.tag != .IEA {
            let error = EDISyntaxError(.segmentTerminatorMissing, severity: .warning, at: position(segment),
                                       "\(segment.tagText) segment has no terminator before the end of the input")
            if hasMessage { appendToMessage(error) } else { record(error) }
        }
        if segment.faults.contains(.tooLong) {
            let error = EDISyntaxError(.segmentTooLong, at: position(segment), "segment longer than \(segment.bytes.count) bytes was cut")
            if hasMessage { appendToMessage(error) } else { record(error) }
        }
    }

    private func position(_ segment: X12SegmentView, element: Int? = nil, inMessage: Int? = nil,
                          messageIndex: Int? = nil, interchange index: Int? = nil) -> EDIPosition {
        EDIPosition(
            interchange: index ?? interchange?.index, group: group?.index, message: messageIndex ?? message?.index,
            segmentInMessage: inMessage ?? (hasMessage ? messageSegments : nil), segment: segment.number, tag: segment.tagText,
            element: element, byteOffset: segment.offset)
    }
}

extension String {
    /// Two-digit zero-padded decimal, as X12 names positions (ISA05).
    init(format2 value: Int) { self = value < 10 ? "0\(value)" : "\(value)" }
}
