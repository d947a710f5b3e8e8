import HTTPTypes
import Hummingbird

/// The per-request context: Hummingbird's core storage and the caller, once authenticated.
public struct BollardRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var principal: Principal?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        principal = nil
    }
}
