import Testing
@testable import BollardEDI

/// Streaming callers that handle each message as it closes keep only the reports with findings
/// (`EDIMessageRetention.withFindings`), so memory stays flat; nothing else about the report may
/// change.
@Suite("Message retention")
struct MessageRetentionTests {
    static func chunks(_ bytes: [UInt8], size: Int = 37) -> AsyncStream<[UInt8]> {
        AsyncStream { continuation in
            var i = 0
            while i < bytes.count {
                continuation.yield(Array(bytes[i..<min(bytes.count, i + size)]))
                i += size
            }
            continuation.finish()
        }
    }

    /// Checks a compact streamed read of `bytes` against the full in-memory one.
    static func compare(full: EDIDocumentReport, compact: EDIDocumentReport, seen: [EDIMessageReport]) {
        #expect(compact.interchanges.count == full.interchanges.count)
        for (c, f) in zip(compact.interchanges, full.interchanges) {
            #expect(c.messageCount == f.messages.count)
            #expect(f.messageCount == f.messages.count)
            #expect(c.messages == f.messages.filter { !$0.errors.isEmpty })
            #expect(c.errors == f.errors)
            #expect(c.groups == f.groups)
            #expect(c.outcome == f.outcome)
        }
        let all = full.interchanges.flatMap(\.messages)
        #expect(seen.map(\.index) == all.map(\.index))
        #expect(seen.map(\.reference) == all.map(\.reference))
        #expect(seen.map(\.errors) == all.map(\.errors))
        #expect(compact.allErrors == full.allErrors)
    }

    @Test("EDIFACT: clean messages are counted and handed to the callback, faulty ones kept")
    func edifact() async throws {
        let bytes = Array("""
            UNB+UNOC:3+S+R+200101:1200+REF'UNH+1+ORDERS:D:96A:UN'BGM+220'UNT+3+1'\
            UNH+2+INVOIC:D:96A:UN'BGM+380'DTM+137:20200101:102'UNT+3+2'\
            UNH+3+IFTMIN:D:96A:UN'UNT+2+X'UNH+4+IFTMIN:D:96A:UN'BGM+1'UNZ+4+REF'
            """.utf8)
        let full = EDIParser.readEdifact(bytes)
        var seen: [EDIMessageReport] = []
        let compact = try await EDIParser.readEdifact(chunks: Self.chunks(bytes), retention: .withFindings) { _ in } onMessage: {
            seen.append($0)
        }
        #expect(compact.interchanges.first?.messages.map(\.index) == [2, 3, 4])
        #expect(seen.map(\.ownOutcome) == [.accepted, .rejected, .rejected, .rejected])
        Self.compare(full: full, compact: compact, seen: seen)
    }

    @Test("X12: the same with transaction sets")
    func x12() async throws {
        let bytes = Array((X12ScannerTests.isa() + """
            GS*PO*A*B*20200101*1200*7*X*004010~ST*850*0001~BEG*00~SE*3*0001~\
            ST*850*0002~BEG*00~SE*4*0002~ST*850*0003~SE*2*0003~GE*3*7~IEA*1*000000001~
            """).utf8)
        let full = EDIParser.readX12(bytes)
        var seen: [EDIMessageReport] = []
        let compact = try await EDIParser.readX12(chunks: Self.chunks(bytes), retention: .withFindings) { _ in } onMessage: {
            seen.append($0)
        }
        #expect(compact.interchanges.first?.messages.map(\.index) == [2])
        #expect(compact.interchanges.first?.messageCount == 3)
        Self.compare(full: full, compact: compact, seen: seen)
    }

    @Test("corpus files read the same compact and full", arguments: [
        "php-edifact/D95BCOARRI.edi", "edinet/edifact.Issue188.edi",
    ])
    func corpus(path: String) async throws {
        let bytes = try Corpus.bytes(path)
        var seen: [EDIMessageReport] = []
        let compact = try await EDIParser.readEdifact(chunks: Self.chunks(bytes, size: 4096), retention: .withFindings) { _ in } onMessage: {
            seen.append($0)
        }
        let full = EDIParser.readEdifact(bytes)
        #expect(!seen.isEmpty)
        Self.compare(full: full, compact: compact, seen: seen)
    }
}
