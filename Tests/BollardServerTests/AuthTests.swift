import BollardServer
import BollardStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct AuthTests {
    @Test(arguments: Backend.selected)
    func healthNeedsNoKeyAndReadinessReportsTheSchema(_ backend: Backend) async throws {
        try await withServer(backend) { client, h in
            let version = try await h.store.schemaVersion()
            #expect(version >= 6)
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/readyz", method: .get) { (response) throws in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("\(backend.rawValue) schema \(version)"))
            }
        }
    }

    @Test(arguments: Backend.selected)
    func missingMalformedUnknownAndRevokedKeysAre401Problems(_ backend: Backend) async throws {
        try await withServer(backend) { client, h in
            let uri = "/v1/documents/" + String(repeating: "a", count: 64)
            for headers: HTTPFields in [[:], [.authorization: "Basic abc"], [.authorization: "Bearer bk_not-a-key"]] {
                try await client.execute(uri: uri, method: .get, headers: headers) { (response) throws in
                    #expect(response.status == .unauthorized)
                    #expect(response.headers[.contentType] == ProblemDetails.mediaType)
                    let problem = try json(response.body)
                    #expect(problem["status"] as? Int == 401)
                    #expect(problem["type"] as? String == "https://bollard.dev/problems/unauthorized")
                    #expect(problem["instance"] as? String == uri)
                }
            }
            // The customs key works, then stops working once revoked.
            try await client.execute(uri: uri, method: .get, headers: h.auth(.customs)) { #expect($0.status == .notFound) }
            let id = try #require(try await h.store.apiKeys().first { $0.role == "customs" }?.id)
            #expect(try await h.store.revokeAPIKey(id: id))
            try await client.execute(uri: uri, method: .get, headers: h.auth(.customs)) { (response) throws in
                #expect(response.status == .unauthorized)
                #expect(try json(response.body)["detail"] as? String == "API key \(id) is revoked")
            }
        }
    }

    @Test(arguments: Backend.selected)
    func keysAreStoredHashedOnly(_ backend: Backend) async throws {
        try await withServer(backend) { _, h in
            let stored = try await h.store.apiKeys()
            #expect(stored.count == Role.allCases.count + 1)
            for (role, key) in h.keys {
                let record = try #require(try await h.store.apiKey(hash: APIKeys.hash(key)))
                #expect(record.role == role.rawValue)
                #expect(record.keyHash != key && !record.keyHash.contains(key))
            }
            #expect(try await h.store.apiKey(hash: APIKeys.hash("bk_unknown")) == nil)
            #expect(try await h.store.revokeAPIKey(id: "nope") == false)
        }
    }
}
