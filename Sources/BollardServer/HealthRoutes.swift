import BollardStore
import HTTPTypes
import Hummingbird

/// `/healthz` (the process answers) and `/readyz` (the store answers and is migrated to this
/// build's schema), for load balancers and Kubernetes probes.
struct HealthRoutes<S: Store>: Sendable {
    let store: S

    func live() -> Response {
        Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
    }

    func ready() async throws -> Response {
        do {
            let version = try await store.schemaVersion()
            return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: "ready: \(store.backend.rawValue) schema \(version)\n")))
        } catch {
            throw ProblemDetails(.serviceUnavailable, code: "store-unavailable", title: "Store unavailable",
                                 detail: "the store does not answer: \(error)", retryAfter: 5)
        }
    }
}
