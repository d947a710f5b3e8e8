import BollardTestSupport
import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `bollard keys add` then `bollard serve --workers 1` as a real process: a document posted
/// over HTTP is applied by the in-process worker, its lot answers with a bundle, the metrics
/// count it, and SIGTERM stops the whole service group gracefully.
@Suite struct ServeTests {
    static func key(_ data: URL, party: String, role: String) throws -> String {
        let run = try DemoTests.bollard(["keys", "add", "--data", data.path, "--party", party, "--role", role])
        #expect(run.status == 0, "\(run.output)")
        return try #require(run.output.split(separator: "\n").first { $0.hasPrefix("bk_") }.map(String.init), "\(run.output)")
    }

    static func request(_ url: URL, method: String = "GET", key: String?, body: Data? = nil) async throws -> (Int, Data) {
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.httpBody = body
        if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    @Test func serveAppliesPostedDocumentsAndStopsGracefully() async throws {
        let data = DemoTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: data) }
        let carrier = try Self.key(data, party: "gln:8801234000017", role: "carrier")
        let customs = try Self.key(data, party: "customs:KR-BMC", role: "customs")
        let list = try DemoTests.bollard(["keys", "list", "--data", data.path])
        #expect(list.output.contains("customs:KR-BMC\tcustoms") && !list.output.contains(customs))

        let port = Int.random(in: 30000..<60000)
        let server = try BollardProcess(["serve", "--data", data.path, "--port", String(port), "--workers", "1"])
        try await server.waitForLog(containing: "listening")
        let base = URL(string: "http://127.0.0.1:\(port)")!

        let document = try Data(contentsOf: SharedData.packageRoot().appendingPathComponent("fixtures/busan/epcis/01-onsan-commissioning.jsonld"))
        let (status, body) = try await Self.request(base.appendingPathComponent("v1/documents"), method: "POST", key: carrier, body: document)
        #expect(status == 202, "\(String(decoding: body, as: UTF8.self))")
        let accepted = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        let statusURL = base.appendingPathComponent(try #require(accepted["status_url"] as? String))

        var state = ""
        let deadline = ContinuousClock.now + .seconds(60)
        while state != "applied", ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(200))
            let (_, body) = try await Self.request(statusURL, key: carrier)
            state = (try JSONSerialization.jsonObject(with: body) as? [String: Any])?["status"] as? String ?? ""
        }
        #expect(state == "applied")

        let (lotStatus, lot) = try await Self.request(base.appendingPathComponent("v1/lots/OPM26-0001"), key: customs)
        #expect(lotStatus == 200, "\(String(decoding: lot, as: UTF8.self))")
        let bundleFile = data.appendingPathComponent("lot.json")
        try lot.write(to: bundleFile)
        let verify = try DemoTests.bollard(["verify", bundleFile.path, "--log-key", data.appendingPathComponent("log.pub").path,
                                            "--ledger-key", data.appendingPathComponent("ledger.pub").path])
        #expect(verify.status == 0, "\(verify.output)")
        let (_, metrics) = try await Self.request(base.appendingPathComponent("metrics"), key: nil)
        #expect(String(decoding: metrics, as: UTF8.self).contains(#"bollard_documents_total{format="epcis-jsonld",outcome="applied"} 1"#))

        #expect(server.terminate() == 0)
        #expect(server.log.contains("server stopped"), "\(server.log)")
    }
}
