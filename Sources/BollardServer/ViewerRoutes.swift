import HTTPTypes
import Hummingbird

/// Where the provenance viewer's HTML pages (`/view/...`, BollardViewer) are mounted: the
/// command passes an implementation; the server adds its routes after the API's. The viewer
/// authorises as the JSON routes do, through `admit` (the server's `Gate`), with the key from
/// the `bollard_key` cookie or the Authorization header, e.g. `admit("Bearer " + cookie, .readLot)`.
/// Its pages are built from the same bundles as the JSON routes (`BollardServer.follower`,
/// `ProofQueries`).
public protocol ViewerRoutes: Sendable {
    func register(on router: Router<BollardRequestContext>,
                  admit: @escaping @Sendable (_ authorization: String?, _ operation: APIOperation) async throws -> Principal?)
}
