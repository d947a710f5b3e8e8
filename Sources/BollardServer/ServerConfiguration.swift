/// What `bollard serve` passes to the server besides the store.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Largest accepted request body (413 above it).
    public var maxBodyBytes: Int
    /// EDI sender ids → party id text, for the warehouse issuer check (`DocumentIssuer`).
    public var senderDirectory: [String: String]
    /// Requests per second per API key (token bucket, bursts of twice that); nil: no limit.
    public var rateLimit: Double?

    public init(host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = 16 * 1024 * 1024,
                senderDirectory: [String: String] = [:], rateLimit: Double? = nil) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.senderDirectory = senderDirectory
        self.rateLimit = rateLimit
    }
}

/// The HTTP API's version segment (`/v1`): bumped only for incompatible route changes.
public enum ServerAPI {
    public static let version = "v1"
}
