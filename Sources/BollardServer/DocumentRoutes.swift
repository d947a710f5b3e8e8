import BollardCore
import BollardStore
import Foundation
import HTTPTypes
import Hummingbird

/// `POST /v1/documents` and its status. Intake only stores the bytes and queues their job
/// (durably, in one transaction) before answering 202: parsing happens in the workers, so a bad
/// document is reported on its status, never half-applied (DESIGN.md "Data flow").
struct DocumentRoutes<S: Store>: Sendable {
    let store: S
    let maxBodyBytes: Int
    let issuers: IssuerCheck

    static var idempotencyKey: HTTPField.Name { HTTPField.Name("Idempotency-Key")! }

    func submit(_ request: Request, _ context: BollardRequestContext, _ principal: Principal) async throws -> Response {
        var body = try await request.body.collect(upTo: maxBodyBytes)
        let bytes = body.readBytes(length: body.readableBytes) ?? []
        guard !bytes.isEmpty else { throw ProblemDetails.badRequest("the request body is empty", code: "empty-document") }
        if principal.role == .warehouse { try issuers.check(bytes, submitter: principal.party) }
        return try await accept(bytes, principal: principal, contentType: request.headers[.contentType],
                                idempotencyKey: request.headers[Self.idempotencyKey])
    }

    /// Stores the bytes and queues their job (durable on return), then answers 202 with the
    /// document's status URL. The same Idempotency-Key with the same bytes gets the same
    /// answer; with other bytes, 409.
    func accept(_ bytes: [UInt8], principal: Principal, contentType: String?, idempotencyKey key: String?) async throws -> Response {
        if let key, key.isEmpty || key.utf8.count > 255 {
            throw ProblemDetails.badRequest("Idempotency-Key must be 1 to 255 bytes", code: "bad-idempotency-key")
        }
        let submission: BollardStore.Submission
        do {
            submission = try await store.submit(bytes, metadata: SubmissionMetadata(
                submitter: principal.party, channel: .http, filename: nil, contentType: contentType, idempotencyKey: key))
        } catch let e as StoreError where e.code == .idempotencyKeyReused {
            throw ProblemDetails(.conflict, code: "idempotency-key-reused", title: "Idempotency-Key already used",
                                 detail: "this Idempotency-Key was used for a different document: \(e.context)")
        }
        let statusURL = "/\(ServerAPI.version)/documents/\(submission.documentID.hex)"
        return try JSONBody.response(.accepted, Accepted(id: submission.documentID.hex, statusUrl: statusURL, job: submission.jobID.rawValue,
                                                          duplicate: !submission.isNew),
                                     headers: [.location: statusURL])
    }

    struct Accepted: Encodable {
        var id: String
        var statusUrl: String
        var job: Int64
        /// True when these exact bytes were already stored: nothing new was queued.
        var duplicate: Bool
    }

    func status(_ request: Request, _ context: BollardRequestContext, _ principal: Principal) async throws -> Response {
        let (document, job) = try await visibleDocument(context, principal)
        return try JSONBody.response(.ok, DocumentStatus(document: document, job: job))
    }

    func acknowledgment(_ request: Request, _ context: BollardRequestContext, _ principal: Principal) async throws -> Response {
        let (document, job) = try await visibleDocument(context, principal)
        guard let ack = DocumentStatus(document: document, job: job).acknowledgment else {
            throw ProblemDetails.notFound("document \(document.id.hex) has no acknowledgment (yet): only EDI documents are acknowledged, once processed")
        }
        return Response(status: .ok, headers: [.contentType: DocumentStatus.acknowledgmentContentType(ack)],
                        body: .init(byteBuffer: ByteBuffer(string: ack)))
    }

    /// The document, if this caller may see it. A submitting party sees only what it submitted;
    /// another party's document is reported as absent, so ids cannot be probed.
    private func visibleDocument(_ context: BollardRequestContext, _ principal: Principal) async throws -> (StoredDocument, JobRecord?) {
        let text = context.parameters.get("id") ?? ""
        guard let id = DocumentID(hex: text) else {
            throw ProblemDetails.badRequest("document id \(text) is not 64 lowercase hex digits (the SHA-256 of its bytes)", code: "bad-document-id")
        }
        guard let document = try await store.document(id),
              [.customs, .auditor, .admin].contains(principal.role) || document.metadata.submitter == principal.party
        else { throw ProblemDetails.notFound("no document \(id.hex) visible to this key") }
        return (document, try await store.job(document: id))
    }
}

/// JSON answers: snake_case members, sorted keys, unescaped slashes. `snakeCase: false` for
/// values that embed a proof bundle, whose member names bundle-format.md fixes.
enum JSONBody {
    static func encoder(snakeCase: Bool = true) -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if snakeCase { e.keyEncodingStrategy = .convertToSnakeCase }
        return e
    }

    static func response(_ status: HTTPResponse.Status, _ value: some Encodable, headers: HTTPFields = [:],
                         snakeCase: Bool = true) throws -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers,
                        body: .init(byteBuffer: ByteBuffer(bytes: try encoder(snakeCase: snakeCase).encode(value))))
    }
}
