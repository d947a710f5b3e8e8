import BollardServer
import BollardStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Walks every route the router serves × every role (and no key), asserting each allow/deny
/// against the policy table. "Denied" is 401 without a key and 403 with one; "allowed" is
/// anything else (a 404 for an unknown id is still an allowed call).
@Suite struct RoleMatrixTests {
    /// A concrete request path for a route pattern.
    static func concrete(_ path: String) -> String {
        path.replacingOccurrences(of: "{id}", with: String(repeating: "0", count: 64))
            .replacingOccurrences(of: "{token}", with: "BGLD")
            .replacingOccurrences(of: "{receipt}", with: "WR-W1-0001")
            .replacingOccurrences(of: "**", with: "0/000")
    }

    @Test(arguments: Backend.selected)
    func everyRoleOnEveryRoute(_ backend: Backend) async throws {
        try await withServer(backend) { client, h in
            var checked = 0
            for spec in BollardServer<SQLiteStore>.routes {
                let uri = Self.concrete(spec.path)
                // A body that names no EDI sender, so the warehouse issuer check does not decide.
                let body = spec.method == .post ? ByteBuffer(string: "{\"matrix\":\"\(spec.path)\"}") : nil
                try await client.execute(uri: uri, method: spec.method, body: body) { (r) throws in
                    if spec.operation.allowedRoles == nil {
                        #expect(r.status != .unauthorized && r.status != .forbidden, "\(spec.method) \(spec.path) without a key: \(r.status)")
                    } else {
                        #expect(r.status == .unauthorized, "\(spec.method) \(spec.path) without a key: \(r.status)")
                    }
                }
                for role in Role.allCases {
                    try await client.execute(uri: uri, method: spec.method, headers: h.auth(role), body: body) { (r) throws in
                        if spec.operation.allows(role) {
                            #expect(r.status != .unauthorized && r.status != .forbidden,
                                    "\(role.rawValue) on \(spec.method) \(spec.path) should be allowed: \(r.status) \(String(buffer: r.body))")
                        } else {
                            #expect(r.status == .forbidden, "\(role.rawValue) on \(spec.method) \(spec.path) should be denied: \(r.status)")
                            #expect(r.headers[.contentType] == ProblemDetails.mediaType)
                        }
                    }
                    checked += 1
                }
            }
            #expect(checked == BollardServer<SQLiteStore>.routes.count * Role.allCases.count)
        }
    }

    /// The policy as a table, spelled out: a change to who may do what must change this test.
    @Test func policyTable() {
        let expected: [APIOperation: Set<Role>?] = [
            .health: nil, .metrics: nil, .readLog: nil,
            .submitDocument: [.warehouse, .carrier, .terminal],
            .readDocument: Set(Role.allCases),
            .readLot: [.customs, .auditor, .admin], .searchLots: [.customs, .auditor, .admin],
            .readReceipt: [.customs, .exchange, .auditor, .admin],
            .readCollateral: [.exchange, .customs, .auditor, .admin],
            .bindToken: [.exchange],
        ]
        #expect(expected.count == APIOperation.allCases.count)
        for op in APIOperation.allCases { #expect(op.allowedRoles == expected[op] ?? nil, "\(op)") }
        #expect(!APIOperation.submitDocument.allows(.customs))
    }
}
