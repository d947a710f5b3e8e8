import BollardCore
import Foundation

/// What became of one submitted document: stored as its job's outcome (applied, not mapped)
/// or derived from its job's error (refused), printed by `bollard ingest` and `--json`.
public struct DocumentResult: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        /// Every event applied and logged.
        case applied
        /// Refused: bad input or a broken rule; nothing changed.
        case refused
        /// Stored and acknowledged, but there is no mapping for its messages yet (EDI).
        case notMapped = "not-mapped"
    }

    public var documentID: String
    public var jobID: Int64
    public var fileName: String?
    public var format: DocumentFormat?
    public var status: Status
    /// Log indices `firstLogIndex ..< firstLogIndex + events` of its custody records.
    public var firstLogIndex: UInt64?
    public var events: Int
    /// What the engine flagged (discrepancies, custody gaps).
    public var flags: [Flag]
    public var error: IngestError?
    public var note: String?
    /// The EDI functional acknowledgment (CONTRL / 997) text.
    public var acknowledgment: String?
    /// EDI: every interchange, group and message with its outcome.
    public var edi: EDIIngestReport?

    /// Whether anything in the document was refused: the whole of it, or some of its EDI
    /// messages, groups or interchanges (`bollard ingest` exits non-zero then).
    public var hasRejections: Bool { status == .refused || (edi?.rejectedCount ?? 0) > 0 }

    public init(documentID: String, jobID: Int64, fileName: String?, format: DocumentFormat?, status: Status,
                firstLogIndex: UInt64? = nil, events: Int = 0, flags: [Flag] = [], error: IngestError? = nil,
                note: String? = nil, acknowledgment: String? = nil) {
        self.documentID = documentID
        self.jobID = jobID
        self.fileName = fileName
        self.format = format
        self.status = status
        self.firstLogIndex = firstLogIndex
        self.events = events
        self.flags = flags
        self.error = error
        self.note = note
        self.acknowledgment = acknowledgment
    }

    /// The job's stored outcome: RFC 8785 JSON (`DocumentResult+JCS`), read back by `init?(json:)`.
    var json: [UInt8] {
        (try? JCSWriter.encode(self)) ?? []
    }

    public init?(json: [UInt8]) {
        guard let decoded = try? JSONDecoder().decode(DocumentResult.self, from: Data(json)) else { return nil }
        self = decoded
    }
}
