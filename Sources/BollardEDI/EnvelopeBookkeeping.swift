/// The nesting both syntaxes share — interchange (UNB…UNZ / ISA…IEA), optional group
/// (UNG…UNE / GS…GE), message (UNH…UNT / ST…SE) — and how a reader closes each level into the
/// document report. ISO 9735 and X12.5 differ in segment names and codes, not in this structure,
/// so the EDIFACT and X12 readers keep their own rules and share the bookkeeping.
protocol EnvelopeBookkeeping {
    var document: EDIDocumentReport { get set }
    var interchange: EDIInterchangeReport? { get set }
    var group: EDIGroupReport? { get set }
    var message: EDIMessageReport? { get set }
    /// Whether each level is open, kept beside the optionals (testing an optional report for nil
    /// copies it).
    var hasInterchange: Bool { get set }
    var hasGroup: Bool { get set }
    var hasMessage: Bool { get set }
    var messageSegments: Int { get }
    var messageLast: Int { get }
    var interchangeLast: Int { get }
    var interchangeEnd: Int { get }
    var retention: EDIMessageRetention { get }
    /// Messages closed so far in the input, and the last one, for a streaming caller's callback.
    var closedMessages: Int { get set }
    var lastClosedMessage: EDIMessageReport? { get set }
}

extension EnvelopeBookkeeping {
    mutating func appendToMessage(_ error: EDISyntaxError) { message?.errors.append(error) }
    mutating func appendToGroup(_ error: EDISyntaxError) { group?.errors.append(error) }
    mutating func appendToInterchange(_ error: EDISyntaxError) { interchange?.errors.append(error) }

    /// Closes the open message into its interchange, counting it into its group if one is open.
    mutating func flushMessage() {
        // take(): the report moves into the interchange instead of being copied and released.
        guard var m = message.take() else { return }
        hasMessage = false
        m.segmentCount = messageSegments
        m.lastSegment = messageLast
        interchange?.messageCount += 1
        closedMessages += 1
        if retention == .all || !m.errors.isEmpty {
            interchange?.messages.append(m)
        }
        lastClosedMessage = m
        if hasGroup { group?.messageCount += 1 }
    }

    mutating func flushGroup() {
        guard let g = group.take() else { return }
        hasGroup = false
        interchange?.groups.append(g)
    }

    /// Closes the open interchange into the document, extended to the last segment seen (an
    /// interchange with no trailer ends where the input did).
    mutating func flushInterchange() {
        guard var i = interchange else { return }
        if interchangeLast > i.lastSegment {
            i.lastSegment = interchangeLast
            i.byteRange = i.byteRange.lowerBound..<max(i.byteRange.upperBound, interchangeEnd)
        }
        document.interchanges.append(i)
        interchange = nil
        hasInterchange = false
    }
}
