import BollardStore
import HTTPTypes
import Hummingbird

/// Authentication (`Authorization: Bearer <key>`, RFC 6750 §2.1) and authorisation by the
/// route's operation. Fails closed: an unknown, revoked or malformed key is 401 whatever the
/// route, a known key whose role the operation does not allow is 403.
public struct Gate<Keys: APIKeyStore>: Sendable {
    public let keys: Keys
    public let limiter: RateLimiter?
    let metrics: ServerMetrics?

    public init(keys: Keys, limiter: RateLimiter? = nil, metrics: ServerMetrics? = nil) {
        self.keys = keys
        self.limiter = limiter
        self.metrics = metrics
    }

    /// The caller for this request, or nil on a public route called without a key.
    public func admit(_ request: Request, for operation: APIOperation) async throws -> Principal? {
        try await admit(authorization: request.headers[.authorization], for: operation)
    }

    /// The same decision from an Authorization header value (`Bearer <key>`): the viewer builds
    /// one from its `bollard_key` cookie.
    public func admit(authorization header: String?, for operation: APIOperation) async throws -> Principal? {
        guard let header else {
            if operation.allowedRoles == nil { return nil }
            throw ProblemDetails.unauthorized("send the API key as `Authorization: Bearer <key>`")
        }
        let principal = try await authenticate(header)
        if let limiter, let wait = await limiter.take(principal.keyID) {
            metrics?.rateLimited()
            throw ProblemDetails(.tooManyRequests, code: "rate-limited", title: "Too many requests",
                                 detail: "key \(principal.keyID) is limited to \(limiter.rate) requests per second; retry in \(wait) s",
                                 retryAfter: wait)
        }
        guard operation.allows(principal.role) else {
            throw ProblemDetails.forbidden("role \(principal.role.rawValue) may not \(operation.rawValue)",
                                           extensions: ["role": principal.role.rawValue, "operation": operation.rawValue])
        }
        return principal
    }

    func authenticate(_ header: String) async throws -> Principal {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty else {
            throw ProblemDetails.unauthorized("the Authorization header is not `Bearer <key>`")
        }
        guard let record = try await keys.apiKey(hash: APIKeys.hash(String(parts[1]))) else {
            throw ProblemDetails.unauthorized("unknown API key")
        }
        guard !record.isRevoked else { throw ProblemDetails.unauthorized("API key \(record.id) is revoked") }
        guard let role = Role(rawValue: record.role) else {
            throw ProblemDetails.unauthorized("API key \(record.id) has an unknown role \(record.role)")
        }
        return Principal(keyID: record.id, party: record.party, role: role)
    }
}
