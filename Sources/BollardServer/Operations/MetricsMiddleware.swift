import HTTPTypes
import Hummingbird

/// Counts every request by its route pattern (not its path, so ids do not explode the label
/// set) and final status, and times it.
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = BollardRequestContext
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            let problem = ProblemDetails.from(error)
            metrics.request(route: context.endpointPath ?? "unmatched", status: Int(problem.status.code), duration: ContinuousClock.now - start)
            throw error
        }
        metrics.request(route: context.endpointPath ?? "unmatched", status: Int(response.status.code), duration: ContinuousClock.now - start)
        return response
    }
}
