import Foundation
import Testing

/// The user's commands on one data folder: ingest (refusals exit non-zero, --json), lot and
/// receipt bundles that verify offline, checkpoint, and an audit that is clean until a row is
/// edited behind Bollard's back.
struct IngestCommandTests {
    @Test func ingestQueryVerifyAndAuditAsAUserWould() throws {
        let data = DemoTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: data) }
        let root = BollardTestSupportRoot.packageRoot.path
        let files = try FileManager.default.contentsOfDirectory(atPath: root + "/fixtures/busan/epcis")
            .filter { $0.hasSuffix(".jsonld") }.sorted().map { "fixtures/busan/epcis/" + $0 }
        #expect(files.count == 23)

        let ingest = try DemoTests.bollard(["ingest", "--data", data.path, "--json"] + files)
        #expect(ingest.status != 0, "4 documents are refused, so ingest must fail")
        let results = try #require(try JSONSerialization.jsonObject(with: Data(ingest.output.utf8)) as? [[String: Any]], "\(ingest.output)")
        #expect(results.count == 23)
        #expect(results.filter { $0["status"] as? String == "applied" }.count == 19)
        #expect(results.filter { $0["status"] as? String == "refused" }.count == 4)

        // Submitting the same files again applies nothing twice: every result is as before.
        let again = try DemoTests.bollard(["ingest", "--data", data.path] + files.prefix(2))
        #expect(again.status == 0, "\(again.output)")
        #expect(again.output.contains("2 document(s): 2 accepted, 0 refused"))

        let keys = ["--log-key", data.appendingPathComponent("log.pub").path, "--ledger-key", data.appendingPathComponent("ledger.pub").path]
        for (command, id) in [("lot", "OPM26-0001"), ("receipt", "WR-W1-0001"), ("collateral", "BOIL")] {
            let bundle = data.appendingPathComponent("\(command).json")
            let run = try DemoTests.bollard([command, id, "--data", data.path, "--json", "--out", bundle.path])
            #expect(run.status == 0, "\(command): \(run.output)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
            #expect((json["items"] as? [Any])?.isEmpty == false, "\(command)")
            let verified = try DemoTests.bollard(["verify", bundle.path] + keys)
            #expect(verified.status == 0 && verified.output.contains("✓ all checks hold"), "\(command): \(verified.output)")
        }

        let checkpoint = try DemoTests.bollard(["checkpoint", "--data", data.path])
        #expect(checkpoint.status == 0)
        #expect(checkpoint.output.split(separator: "\n").prefix(2).map(String.init) == ["bollard.example/busan-bonded-1", "122"])

        let clean = try DemoTests.bollard(["audit", "--data", data.path])
        #expect(clean.status == 0 && clean.output.contains("✓ audit clean: 122 log entries"), "\(clean.output)")

        let unknown = try DemoTests.bollard(["lot", "NO-SUCH-LOT", "--data", data.path])
        #expect(unknown.status != 0 && unknown.output.contains("no lot NO-SUCH-LOT"))
        for command in ["ingest", "worker", "lot", "receipt", "collateral", "audit", "checkpoint"] {
            let help = try DemoTests.bollard([command, "--help"])
            #expect(help.status == 0 && help.output.contains("Example:"), "\(command) --help")
        }
    }
}
