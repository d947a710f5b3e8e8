import BollardCore
import BollardIngest
import BollardServer
import BollardStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Bind and unbind go through the pipeline as EPCIS documents: applied by a worker, in the log.
@Suite struct TokenRouteTests {
    func backing(_ client: any TestClientProtocol, _ h: Harness, _ receipt: String) async throws -> Bool? {
        try await client.execute(uri: "/v1/tokens/BGLD/collateral?supply=1", method: .get, headers: h.auth(.exchange)) { (r) throws in
            let receipts = try json(r.body)["receipts"] as? [[String: Any]] ?? []
            return receipts.first { ($0["receipt"] as? String)?.hasSuffix(receipt) == true }?["backing"] as? Bool
        }
    }

    @Test(arguments: Backend.selected)
    func theExchangeUnbindsAndRebindsItsOwnTokenThroughTheLog(_ backend: Backend) async throws {
        try await LookupRouteTests.withStoryServer(backend) { client, h, _, _ in
            #expect(try await backing(client, h, "WR-W1-0001") == true)
            let sizeBefore = try await h.store.sequencedLogSize()
            let unbind = try await client.execute(uri: "/v1/tokens/BGLD/receipts/WR-W1-0001/unbind", method: .post,
                                                  headers: h.auth(.exchange)) { (r) throws in
                #expect(r.status == .accepted, "\(String(buffer: r.body))")
                return try json(r.body)
            }
            let idText = try #require(unbind["id"] as? String)
            let id = try #require(DocumentID(hex: idText))
            // Stored as a document of the exchange, not applied until a worker runs.
            #expect(try await h.store.document(id)?.metadata.submitter == Parties.bdax)
            #expect(try await backing(client, h, "WR-W1-0001") == true)
            try await LookupRouteTests.ingest(h.store, [])
            #expect(try await h.store.sequencedLogSize() == sizeBefore + 1)
            // No longer bound: the report lists only receipts bound to the token.
            #expect(try await backing(client, h, "WR-W1-0001") == nil)
            try await client.execute(uri: "/v1/documents/\(id.hex)", method: .get, headers: h.auth(.exchange)) { (r) throws in
                #expect(try json(r.body)["status"] as? String == "applied")
            }
            // Unbinding again: it is no longer bound.
            try await client.execute(uri: "/v1/tokens/BGLD/receipts/WR-W1-0001/unbind", method: .post, headers: h.auth(.exchange)) {
                #expect($0.status == .conflict)
            }
            // Bind it back, with a stated time: a retry with the same key is the same document.
            var headers = h.auth(.exchange)
            headers[HTTPField.Name("Idempotency-Key")!] = "rebind-1"
            let body = ByteBuffer(string: #"{"receipt":"WR-W1-0001","time":"2026-03-03T10:00:00.000+09:00"}"#)
            let first = try await client.execute(uri: "/v1/tokens/BGLD/receipts", method: .post, headers: headers, body: body) { (r) throws in
                #expect(r.status == .accepted, "\(String(buffer: r.body))")
                return try json(r.body)["id"] as? String
            }
            let again = try await client.execute(uri: "/v1/tokens/BGLD/receipts", method: .post, headers: headers, body: body) {
                try json($0.body)["id"] as? String
            }
            #expect(first != nil && first == again)
            try await LookupRouteTests.ingest(h.store, [])
            #expect(try await backing(client, h, "WR-W1-0001") == true)
        }
    }

    @Test(arguments: Backend.selected)
    func anotherExchangeCannotTouchTheToken(_ backend: Backend) async throws {
        try await LookupRouteTests.withStoryServer(backend) { client, h, _, _ in
            let other = try APIKeys.issue(party: "lei:98450012SUYE00000057", role: .exchange, name: "other exchange")
            try await h.store.addAPIKey(other.record)
            let headers: HTTPFields = [.authorization: "Bearer \(other.key)"]
            try await client.execute(uri: "/v1/tokens/BGLD/receipts/WR-W1-0001/unbind", method: .post, headers: headers) { (r) throws in
                #expect(r.status == .forbidden)
                #expect(try json(r.body)["issuer"] as? String == Parties.bdax)
            }
            try await client.execute(uri: "/v1/tokens/BGLD/receipts", method: .post, headers: headers,
                                     body: ByteBuffer(string: #"{"receipt":"WR-W1-0101"}"#)) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/v1/tokens/BGLD/receipts", method: .post, headers: h.auth(.exchange),
                                     body: ByteBuffer(string: #"{"receipt":"WR-NOPE"}"#)) { #expect($0.status == .notFound) }
            #expect(try await h.store.jobCounts()[.queued] == nil)
        }
    }
}
