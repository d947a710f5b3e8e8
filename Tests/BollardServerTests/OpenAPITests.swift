import BollardServer
import BollardStore
import BollardTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import Testing

/// integrations/openapi.yaml and the router describe the same routes, with the same roles.
@Suite struct OpenAPITests {
    struct Documented: Hashable {
        var method: String
        var path: String
        var roles: Set<String>?
    }

    /// The operations under `paths:` (two-space path keys, four-space method keys; the file's
    /// own layout), with `x-bollard-route` overriding the path and `x-bollard-roles`.
    static func documented() throws -> [Documented] {
        let url = SharedData.packageRoot().appendingPathComponent("integrations/openapi.yaml")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: "paths:") else { throw Unexpected(description: "no paths: in openapi.yaml") }
        var out: [Documented] = []
        var path = ""
        for line in lines[(start + 1)...] {
            if !line.hasPrefix(" "), !line.isEmpty { break }
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":"),
                      ["get", "post", "put", "delete", "patch"].contains(line.trimmingCharacters(in: .whitespaces).dropLast()) {
                out.append(Documented(method: line.trimmingCharacters(in: .whitespaces).dropLast().uppercased(), path: path, roles: nil))
            } else if line.hasPrefix("      x-bollard-route: "), !out.isEmpty {
                out[out.count - 1].path = String(line.dropFirst("      x-bollard-route: ".count))
            } else if line.hasPrefix("      x-bollard-roles: ["), line.hasSuffix("]"), !out.isEmpty {
                let list = line.dropFirst("      x-bollard-roles: [".count).dropLast()
                out[out.count - 1].roles = Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            }
        }
        return out
    }

    @Test func everyRouterRouteIsDocumentedAndViceVersa() throws {
        let docs = try Self.documented()
        let routes = BollardServer<SQLiteStore>.routes
        #expect(Set(docs.map { "\($0.method) \($0.path)" }).count == docs.count, "an operation is documented twice")
        #expect(Set(docs.map { "\($0.method) \($0.path)" }) == Set(routes.map { "\($0.method.rawValue) \($0.path)" }))
        for spec in routes {
            let doc = docs.first { $0.method == spec.method.rawValue && $0.path == spec.path }
            let expected = spec.operation.allowedRoles.map { Set($0.map(\.rawValue)) }
            #expect(doc?.roles == expected, "\(spec.method) \(spec.path): documented roles \(String(describing: doc?.roles))")
        }
    }

    /// The router itself (not only the table) serves each documented route: an undocumented
    /// path is 404, a documented one is not.
    @Test func theRouterAnswersExactlyTheDocumentedPaths() async throws {
        try await withServer(.sqlite) { client, _ in
            for doc in try Self.documented() {
                let uri = RoleMatrixTests.concrete(doc.path.replacingOccurrences(of: "{tilePath}", with: "**"))
                try await client.execute(uri: uri, method: HTTPRequest.Method(rawValue: doc.method) ?? .get) { (r) throws in
                    let code = r.headers[.contentType] == ProblemDetails.mediaType ? try json(r.body)["code"] as? String : nil
                    #expect(code != "http-404", "\(doc.method) \(doc.path) is not routed")
                }
            }
            try await client.execute(uri: "/v1/nothing-here", method: .get) { (r) throws in
                #expect(r.status == .notFound)
                #expect(r.headers[.contentType] == ProblemDetails.mediaType)
            }
        }
    }
}
