import BollardIngest
import BollardStore

/// `GET /v1/documents/{id}`: where a submitted document stands, and why when it was refused.
struct DocumentStatus: Encodable, Sendable {
    struct Problem: Encodable, Sendable {
        var code: String
        var file: String?
        /// In the format's own terms: EDI segment and element, XML line and column, JSON path.
        var position: String?
        var rule: String?
        var detail: String
    }

    var id: String
    /// `queued`, `processing`, then `applied`, `not-mapped` or `refused`.
    var status: String
    var submitter: String
    var receivedAt: Int64
    var contentType: String?
    var format: String?
    var firstLogIndex: UInt64?
    var events: Int?
    var errors: [Problem]
    /// The EDI functional acknowledgment (CONTRL / 997) text, as the sender expects it.
    var acknowledgment: String?
    var acknowledgmentURL: String?
    var edi: EDIIngestReport?

    init(document: StoredDocument, job: JobRecord?) {
        id = document.id.hex
        submitter = document.metadata.submitter
        receivedAt = document.receivedAt
        contentType = document.metadata.contentType
        errors = []
        switch job?.state {
        case .none, .queued: status = "queued"
        case .running: status = "processing"
        case .done:
            let result = job?.outcome.flatMap { DocumentResult(json: $0) }
            status = result?.status.rawValue ?? "applied"
            format = result?.format?.rawValue
            firstLogIndex = result?.firstLogIndex
            events = result?.events
            acknowledgment = result?.acknowledgment
            edi = result?.edi
            if let e = result?.error { errors.append(Self.problem(e)) }
        case .rejected:
            status = "refused"
            if let error = job?.error.flatMap({ IngestError(json: $0) }) {
                errors.append(Self.problem(error))
                acknowledgment = error.acknowledgment
            } else if let raw = job?.error {
                errors.append(Problem(code: "rejected", detail: String(decoding: raw, as: UTF8.self)))
            }
        }
        if acknowledgment != nil { acknowledgmentURL = "/v1/documents/\(id)/acknowledgment" }
    }

    static func problem(_ e: IngestError) -> Problem {
        Problem(code: e.code.rawValue, file: e.file, position: e.position, rule: e.rule, detail: e.context)
    }

    /// RFC 1767's media types for the acknowledgment's syntax.
    static func acknowledgmentContentType(_ text: String) -> String {
        let head = text.drop { $0 == " " || $0 == "\n" || $0 == "\r" }
        return head.hasPrefix("ISA") ? "application/EDI-X12" : "application/EDIFACT"
    }
}
