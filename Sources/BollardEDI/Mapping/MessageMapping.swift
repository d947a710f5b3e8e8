import BollardCore
import BollardEPCIS

/// The message being mapped and the tools every type's mapping shares: finding segments and
/// segment groups, positioned errors, source pointers, and turning Core events and commands into
/// `MappedEvent`s exactly as `EPCISCoreMapper` does.
struct MessageMapping {
    let standard: EDIStandard
    let type: String
    let reference: String
    /// UNH…UNT or ST…SE inclusive.
    let segments: [MappingSegment]
    let documentSHA256: String
    let options: EDIMapper.Options

    // MARK: errors

    func error(_ code: EDIMappingError.Code, _ s: MappingSegment?, element: Int? = nil, component: Int? = nil,
               _ rule: String) -> EDIMappingError {
        let at = s ?? segments.first
        return EDIMappingError(code, messageReference: reference, messageType: type, segment: at?.number ?? 0,
                               segmentInMessage: at?.inMessage ?? 0, tag: at?.tag ?? "", element: element,
                               component: component, rule)
    }

    /// A mandatory component's text.
    func required(_ s: MappingSegment, _ element: Int, _ component: Int = 1, _ what: String) throws(EDIMappingError) -> String {
        let v = s.value(element, component)
        guard !v.isEmpty else { throw error(.missingElement, s, element: element, component: component, "\(what) is required") }
        return v
    }

    // MARK: finding segments

    /// Segments between the header and the trailer.
    var body: ArraySlice<MappingSegment> {
        guard segments.count >= 2 else { return segments[...] }
        return segments[1..<(segments.count - 1)]
    }

    func first(_ tag: String, in slice: ArraySlice<MappingSegment>? = nil,
               where match: (MappingSegment) -> Bool = { _ in true }) -> MappingSegment? {
        (slice ?? body).first { $0.tag == tag && match($0) }
    }

    func all(_ tag: String, in slice: ArraySlice<MappingSegment>? = nil,
             where match: (MappingSegment) -> Bool = { _ in true }) -> [MappingSegment] {
        (slice ?? body).filter { $0.tag == tag && match($0) }
    }

    /// Segment groups as the message structures define them: each starts at a trigger segment
    /// (`tag`) and runs to the segment before the next trigger or before any tag in `closers`.
    func groups(_ tag: String, in slice: ArraySlice<MappingSegment>? = nil, closedBy closers: Set<String> = [],
                when trigger: (MappingSegment) -> Bool = { _ in true }) -> [ArraySlice<MappingSegment>] {
        let s = slice ?? body
        var out: [ArraySlice<MappingSegment>] = []
        var start: Int?
        for i in s.indices {
            let t = s[i].tag
            if t == tag && trigger(s[i]) {
                if let b = start { out.append(s[b..<i]) }
                start = i
            } else if closers.contains(t), let b = start {
                out.append(s[b..<i])
                start = nil
            }
        }
        if let b = start { out.append(s[b..<s.endIndex]) }
        return out
    }

    /// The part of the message before the first segment with one of `tags` (the header section).
    func header(before tags: Set<String>) -> ArraySlice<MappingSegment> {
        let b = body
        let end = b.firstIndex { tags.contains($0.tag) } ?? b.endIndex
        return b[b.startIndex..<end]
    }

    // MARK: source pointers

    /// `.ediSegments(messageReference, first, last)`: the document segment numbers a fact was read from.
    func pointer(_ parts: [ArraySlice<MappingSegment>]) throws(EDIMappingError) -> SourcePointer {
        let numbers = parts.flatMap { $0.map(\.number) }
        let first = numbers.min() ?? segments.first?.number ?? 0
        let last = numbers.max() ?? segments.last?.number ?? 0
        do {
            return try SourcePointer(documentSHA256: documentSHA256,
                                     position: .ediSegments(messageReference: reference, firstSegment: first, lastSegment: last))
        } catch {
            throw self.error(.invalidIdentifier, nil, "document SHA-256: \(error)")
        }
    }

    func pointer(_ part: ArraySlice<MappingSegment>) throws(EDIMappingError) -> SourcePointer { try pointer([part]) }

    func pointer(segment s: MappingSegment) throws(EDIMappingError) -> SourcePointer { try pointer([[s][...]]) }

    // MARK: events and commands

    func event(_ type: EventType, _ action: Action?, at time: MappedTime, source: SourcePointer) -> BollardCore.EPCISEvent {
        BollardCore.EPCISEvent(type: type, eventTime: time.time, eventTimeZoneOffset: time.offset, action: action, sourcePointer: source)
    }

    /// A custody event, checked against EPCIS 2.0's structural rules and read by the same
    /// `CommandInterpreter` an EPCIS document goes through.
    func capture(_ e: BollardCore.EPCISEvent, from s: MappingSegment?) throws(EDIMappingError) -> MappedEvent {
        do {
            try e.validate()
        } catch {
            throw self.error(.inconsistent, s, "the mapped \(e.type.rawValue) is not valid EPCIS 2.0: \(error)")
        }
        do {
            return MappedEvent(event: e, command: try CommandInterpreter().command(for: e, position: e.sourcePointer.description))
        } catch {
            throw self.error(.inconsistent, s, error.description)
        }
    }

    /// A receipt or inventory command, written as the EPCIS event Bollard's vocabulary defines
    /// (`CommandEncoder`) and read back through `CommandInterpreter`: the engine, the event hash
    /// and the log see it exactly as they would see it from an EPCIS document.
    func command(_ c: Command, from s: MappingSegment?) throws(EDIMappingError) -> MappedEvent {
        let e: BollardCore.EPCISEvent
        do {
            e = try CommandEncoder().event(for: c)
        } catch {
            throw self.error(.inconsistent, s, error.description)
        }
        return try capture(e, from: s)
    }
}
