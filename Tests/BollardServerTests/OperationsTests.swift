import BollardServer
import BollardStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct OperationsTests {
    @Test(arguments: Backend.selected)
    func metricsUseTheContractNamesAndCountRequestsByRoute(_ backend: Backend) async throws {
        try await withServer(backend) { client, h in
            try await client.execute(uri: "/v1/documents", method: .post, headers: h.auth(.carrier), body: ByteBuffer(string: "{}")) {
                #expect($0.status == .accepted)
            }
            try await client.execute(uri: "/v1/documents/" + String(repeating: "1", count: 64), method: .get, headers: h.auth(.customs)) {
                #expect($0.status == .notFound)
            }
            let text = try await client.execute(uri: "/metrics", method: .get) { (r) throws in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType]?.hasPrefix("text/plain") == true)
                return String(buffer: r.body)
            }
            #expect(text.contains(#"bollard_http_requests_total{route="/v1/documents",status="202"} 1"#))
            #expect(text.contains(#"bollard_http_requests_total{route="/v1/documents/{id}",status="404"} 1"#))
            #expect(text.contains("bollard_http_request_duration_seconds_bucket"))
            #expect(text.contains("bollard_queue_depth 1"))
            #expect(text.contains("bollard_log_size 0"))
        }
    }

    @Test(arguments: Backend.selected)
    func aKeyOverItsRateGets429WithRetryAfter(_ backend: Backend) async throws {
        try await withServer(backend, configuration: ServerConfiguration(rateLimit: 0.1)) { client, h in
            let uri = "/v1/documents/" + String(repeating: "2", count: 64)
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<4 {
                let status = try await client.execute(uri: uri, method: .get, headers: h.auth(.customs)) { (r) throws in
                    if r.status == .tooManyRequests {
                        #expect(Int(r.headers[.retryAfter] ?? "") ?? 0 >= 1)
                        #expect(r.headers[.contentType] == ProblemDetails.mediaType)
                    }
                    return r.status
                }
                statuses.append(status)
            }
            // One request per 10 s, a burst of one: the first passes, the next three (well within
            // 10 s, however slow the machine) are refused.
            #expect(statuses.first == .notFound)
            #expect(statuses.dropFirst().allSatisfy { $0 == .tooManyRequests })
            // Another key has its own bucket.
            try await client.execute(uri: uri, method: .get, headers: h.auth(.auditor)) { #expect($0.status == .notFound) }
            let text = try await client.execute(uri: "/metrics", method: .get) { String(buffer: $0.body) }
            #expect(text.contains("bollard_rate_limited_total 3"))
        }
    }

    @Test func tokenBucketRefillsAtItsRate() async throws {
        let limiter = RateLimiter(rate: 20, burst: 1)
        #expect(await limiter.take("k") == nil)
        #expect(await limiter.take("k") == 1)
        try await Task.sleep(for: .milliseconds(120))
        #expect(await limiter.take("k") == nil)
    }
}
