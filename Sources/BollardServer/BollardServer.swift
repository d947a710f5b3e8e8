import BollardIngest
import BollardStore
import HTTPTypes
import Hummingbird
import Logging
import ServiceLifecycle

/// The HTTP service: the routes of SERVICE-CONTRACT.md over one store. Every route is declared
/// once in `routes` with its operation; `router()` registers exactly those, each behind the
/// `Gate` (authentication, then the operation's role policy) and answering errors as RFC 9457
/// problems.
public struct BollardServer<S: Store>: Sendable {
    public let store: S
    public let configuration: ServerConfiguration
    public let proofs: ProofSettings?
    public let viewer: (any ViewerRoutes)?
    /// Shared by every request: the state the lookups answer from.
    public let follower: ProvenanceFollower<S>
    /// Shared by every request: the anchored checkpoint bundles are proved against, and the
    /// records and tiles already read (nil without `proofs`).
    public let anchored: AnchoredLog<S>?
    /// Also fed by in-process workers (`bollard serve --workers N`).
    public let metrics: ServerMetrics
    let limiter: RateLimiter?

    /// - Parameters:
    ///   - proofs: the log key and ledger; without them the bundle routes answer 503.
    ///   - follower: the state the lookups answer from, when the viewer's pages share it.
    ///   - anchored: where bundles are built, when the viewer's pages share it.
    public init(store: S, configuration: ServerConfiguration = ServerConfiguration(), proofs: ProofSettings? = nil,
                follower: ProvenanceFollower<S>? = nil, anchored: AnchoredLog<S>? = nil, viewer: (any ViewerRoutes)? = nil) {
        self.store = store
        self.configuration = configuration
        self.proofs = proofs
        self.viewer = viewer
        self.follower = follower ?? ProvenanceFollower(store: store)
        self.anchored = anchored ?? proofs.map { $0.anchoredLog(store) }
        metrics = ServerMetrics()
        limiter = configuration.rateLimit.map { RateLimiter(rate: $0) }
    }

    typealias Handler = @Sendable (Request, BollardRequestContext, Principal?) async throws -> Response

    /// Every route of the API, with what guards it.
    public static var routes: [RouteSpec] {
        [
            RouteSpec(.get, "/healthz", .health),
            RouteSpec(.get, "/readyz", .health),
            RouteSpec(.get, "/metrics", .metrics),
            RouteSpec(.post, "/v1/documents", .submitDocument),
            RouteSpec(.get, "/v1/documents/{id}", .readDocument),
            RouteSpec(.get, "/v1/documents/{id}/acknowledgment", .readDocument),
            RouteSpec(.get, "/v1/lots", .searchLots),
            RouteSpec(.get, "/v1/lots/{id}", .readLot),
            RouteSpec(.get, "/v1/receipts/{id}", .readReceipt),
            RouteSpec(.get, "/v1/tokens/{token}/collateral", .readCollateral),
            RouteSpec(.post, "/v1/tokens/{token}/receipts", .bindToken),
            RouteSpec(.post, "/v1/tokens/{token}/receipts/{receipt}/unbind", .bindToken),
            RouteSpec(.get, "/v1/log/checkpoint", .readLog),
            RouteSpec(.get, "/v1/log/tile/**", .readLog),
            RouteSpec(.get, "/v1/log/proof/inclusion", .readLog),
            RouteSpec(.get, "/v1/log/proof/consistency", .readLog),
        ]
    }

    func handler(for spec: RouteSpec) -> Handler {
        let documents = DocumentRoutes(store: store, maxBodyBytes: configuration.maxBodyBytes,
                                       issuers: IssuerCheck(issuer: DocumentIssuer(directory: configuration.senderDirectory)))
        let health = HealthRoutes(store: store)
        let lookups = LookupRoutes(follower: follower, proofs: proofs, anchored: anchored)
        let log = LogRoutes(store: store)
        let tokens = TokenRoutes(follower: follower, documents: documents)
        switch (spec.method, spec.path) {
        case (.get, "/healthz"): return { _, _, _ in health.live() }
        case (.get, "/readyz"): return { _, _, _ in try await health.ready() }
        case (.get, "/metrics"):
            return { [metrics, store, proofs] _, _, _ in
                Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                         body: .init(byteBuffer: ByteBuffer(bytes: await metrics.scrape(store: store, anchor: proofs?.ledger))))
            }
        case (.post, "/v1/documents"): return { try await documents.submit($0, $1, try Self.require($2)) }
        case (.get, "/v1/documents/{id}"): return { try await documents.status($0, $1, try Self.require($2)) }
        case (.get, "/v1/documents/{id}/acknowledgment"): return { try await documents.acknowledgment($0, $1, try Self.require($2)) }
        case (.get, "/v1/lots"): return { request, _, _ in try await lookups.search(request) }
        case (.get, "/v1/lots/{id}"): return { _, context, _ in try await lookups.lot(context) }
        case (.get, "/v1/receipts/{id}"): return { _, context, _ in try await lookups.receipt(context) }
        case (.get, "/v1/tokens/{token}/collateral"): return { request, context, _ in try await lookups.collateral(request, context) }
        case (.post, "/v1/tokens/{token}/receipts"): return { try await tokens.bind($0, $1, try Self.require($2)) }
        case (.post, "/v1/tokens/{token}/receipts/{receipt}/unbind"): return { try await tokens.unbind($0, $1, try Self.require($2)) }
        case (.get, "/v1/log/checkpoint"): return { _, _, _ in try await log.checkpoint() }
        case (.get, "/v1/log/tile/**"): return { _, context, _ in try await log.tile(context) }
        case (.get, "/v1/log/proof/inclusion"): return { request, _, _ in try await log.inclusion(request) }
        case (.get, "/v1/log/proof/consistency"): return { request, _, _ in try await log.consistency(request) }
        default: return { _, _, _ in throw ProblemDetails.notFound("route \(spec.method) \(spec.path) has no handler") }
        }
    }

    static func require(_ principal: Principal?) throws -> Principal {
        guard let principal else { throw ProblemDetails.unauthorized("this route needs an API key") }
        return principal
    }

    public func router() -> Router<BollardRequestContext> {
        let router = Router(context: BollardRequestContext.self)
        router.add(middleware: MetricsMiddleware(metrics: metrics))
        router.add(middleware: ProblemMiddleware())
        let gate = Gate(keys: store, limiter: limiter, metrics: metrics)
        for spec in Self.routes {
            let handle = handler(for: spec)
            router.on(RouterPath(spec.path), method: spec.method, use: { @Sendable (request: Request, context: BollardRequestContext) async throws -> Response in
                var context = context
                context.principal = try await gate.admit(request, for: spec.operation)
                return try await handle(request, context, context.principal)
            })
        }
        viewer?.register(on: router) { header, operation in try await gate.admit(authorization: header, for: operation) }
        return router
    }

    /// The application on `configuration.host:port`, running `services` (in-process workers)
    /// and the follower's catch-up in its service group, so one SIGTERM stops them all gracefully.
    public func application(services: [any Service] = [], logger: Logger = Logger(label: "bollard.server"))
        -> some ApplicationProtocol
    {
        Application(router: router(), configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                                           serverName: "bollard"),
                    services: services + [FollowerService(follower: follower, anchored: anchored)], logger: logger)
    }
}

/// Turns every error into an `application/problem+json` answer (RFC 9457).
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = BollardRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return try ProblemDetails.from(error).response(from: request, context: context)
        }
    }
}
