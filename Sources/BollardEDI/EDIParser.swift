/// Drives a scanner and an envelope reader over a whole input, in memory or in chunks.
///
/// The scanners and readers are state machines with no I/O; these helpers only loop them. The
/// chunked form takes any `AsyncSequence` of byte chunks (a file read in blocks, an HTTP body),
/// so memory stays flat in the input size.
public enum EDIParser {
    /// Which standard `bytes` look like: X12 when the first non-layout bytes (after a BOM) are
    /// "ISA", EDIFACT when "UNA"/"UNB" appears near the start; nil otherwise.
    public static func sniff(_ bytes: some Collection<UInt8>) -> EDIStandard? {
        var head = Array(bytes.prefix(4096))
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { head.removeFirst(3) }
        let trimmed = head.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        if trimmed.starts(with: Array("ISA".utf8)) { return .x12 }
        if trimmed.starts(with: Array("UNA".utf8)) || trimmed.starts(with: Array("UNB".utf8)) || trimmed.starts(with: Array("UNH".utf8)) {
            return .edifact
        }
        let unb = Array("UNB".utf8), isa = Array("ISA".utf8), unh = Array("UNH".utf8)
        var i = head.startIndex
        while i + 3 <= head.endIndex {
            let w = head[i..<(i + 3)]
            if w.elementsEqual(unb) || w.elementsEqual(unh) { return .edifact }
            if w.elementsEqual(isa) { return .x12 }
            i += 1
        }
        return nil
    }

    /// Reads a whole EDIFACT input held in memory (the array is not copied).
    public static func readEdifact(_ bytes: [UInt8]) -> EDIDocumentReport {
        var scanner = EdifactScanner()
        var reader = EdifactInterchangeReader()
        scanner.append(contentsOf: bytes)
        scanner.finish()
        scanner.scan { reader.consume($0) }
        return reader.finish()
    }

    /// Reads a whole X12 input held in memory (the array is not copied).
    public static func readX12(_ bytes: [UInt8]) -> EDIDocumentReport {
        var scanner = X12Scanner()
        var reader = X12InterchangeReader()
        scanner.append(contentsOf: bytes)
        scanner.finish()
        scanner.scan { reader.consume($0) }
        return reader.finish()
    }

    /// Reads a whole EDIFACT input held in memory.
    public static func readEdifact(_ bytes: some Sequence<UInt8>) -> EDIDocumentReport {
        var scanner = EdifactScanner()
        var reader = EdifactInterchangeReader()
        scanner.append(contentsOf: bytes)
        scanner.finish()
        scanner.scan { reader.consume($0) }
        return reader.finish()
    }

    /// Reads a whole X12 input held in memory.
    public static func readX12(_ bytes: some Sequence<UInt8>) -> EDIDocumentReport {
        var scanner = X12Scanner()
        var reader = X12InterchangeReader()
        scanner.append(contentsOf: bytes)
        scanner.finish()
        scanner.scan { reader.consume($0) }
        return reader.finish()
    }

    /// Reads either standard, sniffing it first; nil when the input is neither.
    public static func read(_ bytes: [UInt8]) -> EDIDocumentReport? {
        switch sniff(bytes) {
        case .edifact: return readEdifact(bytes)
        case .x12: return readX12(bytes)
        case nil: return nil
        }
    }

    /// Streams an EDIFACT input chunk by chunk; `onSegment` sees every segment as it is delimited
    /// and `onMessage` every message report as its UNT (or the fault that ends it) closes it.
    /// Its `outcome` is then the message's own: a later UNE/UNZ fault can still reject it, and
    /// the returned report says so. With `retention: .withFindings` the report keeps only the
    /// messages with findings, so memory stays flat in the number of messages.
    public static func readEdifact<Chunks: AsyncSequence>(
        chunks: Chunks, retention: EDIMessageRetention = .all,
        onSegment: ((EdifactSegment) throws -> Void)? = nil,
        onMessage: (EDIMessageReport) throws -> Void = { _ in }
    ) async throws -> EDIDocumentReport where Chunks.Element == [UInt8] {
        var scanner = EdifactScanner()
        var reader = EdifactInterchangeReader(retention: retention)
        return try await stream(chunks, &scanner, &reader, onSegment, onMessage)
    }

    /// Streams an X12 input chunk by chunk, as `readEdifact(chunks:retention:onSegment:onMessage:)`
    /// does (`onMessage` sees each transaction set as its SE closes it).
    public static func readX12<Chunks: AsyncSequence>(
        chunks: Chunks, retention: EDIMessageRetention = .all,
        onSegment: ((X12Segment) throws -> Void)? = nil,
        onMessage: (EDIMessageReport) throws -> Void = { _ in }
    ) async throws -> EDIDocumentReport where Chunks.Element == [UInt8] {
        var scanner = X12Scanner()
        var reader = X12InterchangeReader(retention: retention)
        return try await stream(chunks, &scanner, &reader, onSegment, onMessage)
    }

    /// Feeds each chunk to the scanner and every delimited segment to the reader, then drains
    /// what the end of input delimits. Segments pass as borrowed views; an owned copy is made
    /// only for an `onSegment` callback.
    private static func stream<Chunks: AsyncSequence, Scanner: SegmentScanning, Reader: SegmentReading>(
        _ chunks: Chunks, _ scanner: inout Scanner, _ reader: inout Reader,
        _ onSegment: ((Scanner.Segment) throws -> Void)?, _ onMessage: (EDIMessageReport) throws -> Void
    ) async throws -> EDIDocumentReport
    where Chunks.Element == [UInt8], Reader.View == Scanner.View {
        // A segment closes at most the one open message, so comparing the count before and
        // after each step finds every closed message.
        func step(_ view: Scanner.View, _ reader: inout Reader) throws {
            if let onSegment { try onSegment(Scanner.owned(view)) }
            let closed = reader.closedMessages
            reader.consume(view)
            if reader.closedMessages != closed, let m = reader.lastClosedMessage { try onMessage(m) }
        }
        for try await chunk in chunks {
            scanner.append(contentsOf: chunk)
            try scanner.scan { try step($0, &reader) }
        }
        scanner.finish()
        try scanner.scan { try step($0, &reader) }
        let closed = reader.closedMessages
        let report = reader.finish()
        if reader.closedMessages != closed, let m = reader.lastClosedMessage { try onMessage(m) }
        return report
    }
}

/// The scanner half of a syntax: bytes in, delimited segments out (borrowed views on the hot
/// path, owned segments on request).
protocol SegmentScanning {
    associatedtype Segment
    associatedtype View
    mutating func append(contentsOf bytes: [UInt8])
    mutating func finish()
    mutating func scan(_ body: (View) throws -> Void) rethrows
    static func owned(_ view: View) -> Segment
}

/// The envelope half of a syntax: segments in, the document report out.
protocol SegmentReading {
    associatedtype View
    mutating func consume(_ segment: View)
    mutating func finish() -> EDIDocumentReport
    var closedMessages: Int { get }
    var lastClosedMessage: EDIMessageReport? { get }
}

extension EdifactScanner: SegmentScanning {
    static func owned(_ view: EdifactSegmentView) -> EdifactSegment { view.segment }
}
extension X12Scanner: SegmentScanning {
    static func owned(_ view: X12SegmentView) -> X12Segment { view.segment }
}
extension EdifactInterchangeReader: SegmentReading {
    typealias View = EdifactSegmentView
}
extension X12InterchangeReader: SegmentReading {
    typealias View = X12SegmentView
}
