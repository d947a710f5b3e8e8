import Foundation
import HTTPTypes
import Hummingbird

/// An error answer in RFC 9457 form (`application/problem+json`): `type` is a URI naming the
/// problem (`https://bollard.dev/problems/<code>`), `title` the short human summary of that
/// type, `detail` this occurrence's explanation. `code` and any `extensions` are extension
/// members (RFC 9457 §3.2) a client can branch on.
public struct ProblemDetails: HTTPResponseError, Sendable, Equatable {
    public var status: HTTPResponse.Status
    public var code: String
    public var title: String
    public var detail: String
    public var instance: String?
    /// Further members, e.g. `issuer` on a refused submission.
    public var extensions: [String: String]
    /// Seconds, sent as the `Retry-After` header (RFC 9110 §10.2.3) with 429 and 503.
    public var retryAfter: Int?

    public init(_ status: HTTPResponse.Status, code: String, title: String, detail: String, instance: String? = nil,
                extensions: [String: String] = [:], retryAfter: Int? = nil) {
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
        self.instance = instance
        self.extensions = extensions
        self.retryAfter = retryAfter
    }

    public static let mediaType = "application/problem+json"
    public var type: String { "https://bollard.dev/problems/\(code)" }

    /// The JSON body: the RFC 9457 members, then the extensions (sorted keys, stable bytes).
    public var json: [UInt8] {
        var members: [String: String] = extensions
        members["type"] = type
        members["title"] = title
        members["detail"] = detail
        members["code"] = code
        if let instance { members["instance"] = instance }
        var object: [String: Any] = members
        object["status"] = Int(status.code)
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return Array(data)
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var problem = self
        if problem.instance == nil { problem.instance = request.uri.path }
        var headers: HTTPFields = [.contentType: Self.mediaType]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: problem.json)))
    }
}

extension ProblemDetails {
    static func unauthorized(_ detail: String) -> ProblemDetails {
        ProblemDetails(.unauthorized, code: "unauthorized", title: "Missing or invalid API key", detail: detail)
    }

    static func forbidden(_ detail: String, extensions: [String: String] = [:]) -> ProblemDetails {
        ProblemDetails(.forbidden, code: "forbidden", title: "Not allowed for this key", detail: detail, extensions: extensions)
    }

    static func notFound(_ detail: String) -> ProblemDetails {
        ProblemDetails(.notFound, code: "not-found", title: "No such resource", detail: detail)
    }

    static func badRequest(_ detail: String, code: String = "bad-request") -> ProblemDetails {
        ProblemDetails(.badRequest, code: code, title: "Bad request", detail: detail)
    }

    /// Any other error, as a problem: Hummingbird's own HTTP errors keep their status.
    static func from(_ error: any Error) -> ProblemDetails {
        switch error {
        case let problem as ProblemDetails:
            return problem
        // Body collection throws NIO's NIOTooManyBytesError (an HTTPResponseError of status 413).
        case let http as any HTTPResponseError where http.status == .contentTooLarge:
            return ProblemDetails(.contentTooLarge, code: "body-too-large", title: "Request body too large",
                                  detail: "the request body exceeds the server's limit")
        case let http as HTTPError:
            return ProblemDetails(http.status, code: "http-\(http.status.code)", title: http.status.reasonPhrase,
                                  detail: http.body ?? http.status.reasonPhrase)
        case let http as any HTTPResponseError:
            return ProblemDetails(http.status, code: "http-\(http.status.code)", title: http.status.reasonPhrase,
                                  detail: "\(http)")
        default:
            return ProblemDetails(.internalServerError, code: "internal", title: "Internal error", detail: "the server failed to answer: \(error)")
        }
    }
}
