import BollardIngest
import BollardServer
import BollardStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct DocumentRouteTests {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!

    @Test(arguments: Backend.selected)
    func submitIsDurableIdempotentAndReportsItsAcknowledgment(_ backend: Backend) async throws {
        try await withServer(backend) { client, h in
            let doc = try fixture("edifact/09-w1-receipts.edi")
            var headers = h.auth(.warehouse)
            headers[Self.idempotencyKey] = "w1-2026-03-02-0009"
            headers[.contentType] = "application/EDIFACT"
            let first = try await client.execute(uri: "/v1/documents", method: .post, headers: headers, body: ByteBuffer(bytes: doc)) { (r) throws in
                #expect(r.status == .accepted)
                return try json(r.body)
            }
            let id = try #require(first["id"] as? String)
            #expect(id == DocumentID(of: doc).hex)
            #expect(first["status_url"] as? String == "/v1/documents/\(id)")
            #expect(first["duplicate"] as? Bool == false)
            // Durable before the answer: the store has the bytes and a queued job.
            #expect(try await h.store.document(try #require(DocumentID(hex: id)))?.bytes == doc)
            #expect(try await h.store.document(try #require(DocumentID(hex: id)))?.metadata.submitter == Parties.w1)

            // Same key, same bytes: the same answer, nothing new queued.
            try await client.execute(uri: "/v1/documents", method: .post, headers: headers, body: ByteBuffer(bytes: doc)) { (r) throws in
                #expect(r.status == .accepted)
                let again = try json(r.body)
                #expect(again["id"] as? String == id)
                #expect(again["job"] as? Int == first["job"] as? Int)
                #expect(again["duplicate"] as? Bool == true)
            }
            #expect(try await h.store.jobCounts()[.queued] == 1)
            // Same key, other bytes: 409, and nothing stored.
            let other = try fixture("edifact/08-w1-receiving.edi")
            try await client.execute(uri: "/v1/documents", method: .post, headers: headers, body: ByteBuffer(bytes: other)) { (r) throws in
                #expect(r.status == .conflict)
                #expect(try json(r.body)["code"] as? String == "idempotency-key-reused")
            }
            #expect(try await h.store.document(DocumentID(of: other)) == nil)

            // Queued until a worker applies it; then its CONTRL acknowledgment is served.
            try await client.execute(uri: "/v1/documents/\(id)", method: .get, headers: h.auth(.warehouse)) { (r) throws in
                #expect(r.status == .ok)
                #expect(try json(r.body)["status"] as? String == "queued")
            }
            try await drain(h.store)
            let status = try await client.execute(uri: "/v1/documents/\(id)", method: .get, headers: h.auth(.warehouse)) { (r) throws in
                #expect(r.status == .ok)
                return try json(r.body)
            }
            let ack = try #require(status["acknowledgment"] as? String)
            #expect(ack.contains("UNH") && ack.contains("CONTRL"))
            #expect(["applied", "not-mapped"].contains(status["status"] as? String))
            try await client.execute(uri: "/v1/documents/\(id)/acknowledgment", method: .get, headers: h.auth(.warehouse)) { (r) throws in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType] == "application/EDIFACT")
                #expect(String(buffer: r.body) == ack)
            }
            // Another warehouse cannot see it; customs can.
            try await client.execute(uri: "/v1/documents/\(id)", method: .get, headers: [.authorization: "Bearer \(h.w2Key)"]) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: "/v1/documents/\(id)", method: .get, headers: h.auth(.customs)) { #expect($0.status == .ok) }
        }
    }

    @Test(arguments: Backend.selected)
    func aWarehouseSubmitsOnlyUnderItsOwnGLN(_ backend: Backend) async throws {
        try await withServer(backend) { client, h in
            let doc = try fixture("edifact/09-w1-receipts.edi")
            try await client.execute(uri: "/v1/documents", method: .post, headers: [.authorization: "Bearer \(h.w2Key)"],
                                     body: ByteBuffer(bytes: doc)) { (r) throws in
                #expect(r.status == .forbidden)
                let problem = try json(r.body)
                #expect(problem["issuer"] as? String == Parties.w1)
                #expect((problem["detail"] as? String)?.contains("14:8801234000048") == true)
            }
            #expect(try await h.store.document(DocumentID(of: doc)) == nil)
            // X12 senders (ISA05 ZZ) name a party only through the sender directory.
            let x12 = try fixture("x12/09-w1-receipts.x12")
            try await client.execute(uri: "/v1/documents", method: .post, headers: h.auth(.warehouse), body: ByteBuffer(bytes: x12)) { (r) throws in
                #expect(r.status == .forbidden)
                #expect(try json(r.body)["issuer"] as? String == "ZZ:8801234000048")
            }
        }
        let mapped = ServerConfiguration(senderDirectory: ["ZZ:8801234000048": Parties.w1])
        try await withServer(backend, configuration: mapped) { client, h in
            let x12 = try fixture("x12/09-w1-receipts.x12")
            try await client.execute(uri: "/v1/documents", method: .post, headers: h.auth(.warehouse), body: ByteBuffer(bytes: x12)) {
                #expect($0.status == .accepted)
            }
        }
    }

    @Test(arguments: Backend.selected)
    func bodiesOverTheLimitAre413AndNothingIsStored(_ backend: Backend) async throws {
        try await withServer(backend, configuration: ServerConfiguration(maxBodyBytes: 1024)) { client, h in
            let big = [UInt8](repeating: UInt8(ascii: "x"), count: 4096)
            try await client.execute(uri: "/v1/documents", method: .post, headers: h.auth(.carrier), body: ByteBuffer(bytes: big)) { (r) throws in
                #expect(r.status == .contentTooLarge)
                #expect(r.headers[.contentType] == ProblemDetails.mediaType)
                #expect(try json(r.body)["code"] as? String == "body-too-large")
            }
            #expect(try await h.store.jobCounts().values.reduce(0, +) == 0)
            try await client.execute(uri: "/v1/documents", method: .post, headers: h.auth(.carrier), body: ByteBuffer(bytes: Array(big.prefix(1024)))) {
                #expect($0.status == .accepted)
            }
        }
    }

    @Test(arguments: Backend.selected)
    func aRefusedDocumentReportsItsPosition(_ backend: Backend) async throws {
        try await withServer(backend) { client, h in
            let bad = Array("UNA:+.? '\nUNB+UNOC:3+8801234000017:14+8801234000048:14+260302:0034+X1'\nUNH+1+IFTMIN:D:96A:UN'\nUNZ+1+X1'\n".utf8)
            let id = try await client.execute(uri: "/v1/documents", method: .post, headers: h.auth(.carrier), body: ByteBuffer(bytes: bad)) {
                try #require(try json($0.body)["id"] as? String)
            }
            try await drain(h.store)
            let status = try await client.execute(uri: "/v1/documents/\(id)", method: .get, headers: h.auth(.carrier)) { try json($0.body) }
            #expect(status["status"] as? String == "refused")
            let errors = try #require(status["errors"] as? [[String: Any]])
            #expect(errors.first?["position"] as? String != nil)
        }
    }
}
