import BollardCore
import BollardIngest
import BollardStore
import BollardTestSupport
import Foundation
import Testing

/// A job's stored outcome and error are written by `JCSWriter` (`DocumentResult+JCS`): byte
/// for byte the RFC 8785 form of their `Codable` JSON, which is how `bollard ingest`, the status
/// route and the job table read them back — on every result of every telling of the Busan story
/// (applied with discrepancies and custody gaps, refused, EDI reports with acknowledgments), and
/// on values whose text needs escaping.
@Suite(.serialized)
struct DocumentResultJCSTests {
    static func expectSameAsCodable(_ result: DocumentResult, _ what: String) throws {
        let written = try JCSWriter.encode(result)
        let codable = try JCS.encode(result)
        #expect(written == codable, "\(what):\n writer  \(String(decoding: written, as: UTF8.self))\n codable \(String(decoding: codable, as: UTF8.self))")
        #expect(DocumentResult(json: written) == result, "\(what) does not read back")
        if let error = result.error {
            #expect(error.json == (try JCS.encode(error)), "\(what)'s error")
            #expect(IngestError(json: error.json) == error)
        }
    }

    @Test(arguments: ["epcis", "edifact", "x12", "xml"])
    func everyOutcomeOfTheStoryIsItsCodableJSONCanonicalized(format: String) async throws {
        let db = try await Database.make(.sqlite)
        let store = try await db.open()
        defer { Task { try? await store.close(); await db.cleanup() } }
        if format == "epcis" {
            for d in try Busan.story() { _ = try await submit(store, d.bytes, submitter: d.submitter, name: d.stem + ".jsonld") }
        } else {
            for step in try StoryInEveryFormatTests.story(format) {
                let file = URL(fileURLWithPath: step.file)
                _ = try await submit(store, Array(try Data(contentsOf: file)), submitter: step.submitter, name: file.lastPathComponent)
            }
        }
        let results = try await drainAll(store)
        #expect(results.count > 5)
        #expect(results.contains { !$0.flags.isEmpty } || format != "epcis", "the EPCIS story flags discrepancies")
        for r in results {
            try Self.expectSameAsCodable(r, "\(format) \(r.fileName ?? r.documentID)")
            // What the job table holds is what the worker returned.
            let stored = try await store.job(JobID(r.jobID))
            if r.status == .refused {
                #expect(stored?.error.flatMap { IngestError(json: $0) } == r.error)
            } else {
                #expect(stored?.outcome.flatMap { DocumentResult(json: $0) } == r)
            }
        }
    }

    static let awkward = "q\"uo\\te / \u{0}\u{8}\t\n\u{c}\r\u{1f}\u{7f} é € 😂 \u{2028}"

    @Test
    func textThatNeedsEscapingIsWrittenAsRFC8785Says() throws {
        var error = IngestError(.refused, file: Self.awkward, position: "UNH+\u{7f}", rule: "R\"1", Self.awkward)
        error.acknowledgment = "UNA:+.? 'UNB+UNOC:3+\u{1f}'"
        let result = DocumentResult(documentID: String(repeating: "ab", count: 32), jobID: 9_007_199_254_740_992,
                                    fileName: "é € 😂 \"x\"\\y/z", format: .edifact, status: .refused,
                                    firstLogIndex: 1 << 40, events: 0, error: error, note: "\u{0}\u{8}\t\n\u{c}\r", acknowledgment: "ok")
        try Self.expectSameAsCodable(result, "awkward")
        try Self.expectSameAsCodable(DocumentResult(documentID: "d", jobID: 1, fileName: nil, format: nil, status: .notMapped), "bare")
    }
}
