import BollardTestSupport
import Foundation
import Testing

/// Runs the `bollard` command as a user would: the demo on the Busan fixtures, then an offline
/// verification of the bundle it wrote, then the same verification on tampered copies.
struct DemoTests {
    struct Run {
        var status: Int32
        var output: String
    }

    static func bollard(_ arguments: [String]) throws -> Run {
        let binary = try #require(Self.binaryURL(), "the bollard binary was not built beside the tests")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = SharedData.packageRoot()
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    static func binaryURL() -> URL? {
        var dir = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("bollard")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }

    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("bollard-e2e-\(UUID().uuidString)")
    }

    @Test func demoTellsTheStoryAndItsBundleVerifiesOfflineButNotWhenTampered() throws {
        let data = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: data) }
        let demo = try Self.bollard(["demo", "--data", data.path])
        #expect(demo.status == 0, "\(demo.output)")
        let lines = demo.output.split(separator: "\n").map(String.init)

        // SCENARIO.md's refusals, each with its rule, and nothing applied.
        for (stem, rule) in [("10-w1-duplicate-receipt", "uniqueReceiptNumber"), ("11-w1-receipt-on-live-lots", "oneLiveReceiptPerLot"),
                             ("12-w1-receipt-for-w2", "submitterAuthority"), ("19-suyeong-pledge", "singleEncumbrance")] {
            #expect(lines.contains { $0.hasPrefix("✗ \(stem): refused, nothing applied") && $0.contains("[\(rule)]") }, "\(stem)")
        }
        #expect(lines.filter { $0.hasPrefix("✓ ") }.count == 19)
        #expect(lines.contains { $0.contains("custody gap") && $0.contains("OPM26-0041") })
        #expect(lines.contains { $0.contains("discrepancy on") && $0.contains("CU26-B") && $0.contains("-6.100%") })
        // BOIL goes short when WR-T07-0001 is cancelled and is backed again once WR-T07-0002 is bound.
        let boil = lines.filter { $0.contains("⚖ BOIL") }
        #expect(boil.count == 3 && boil[1].contains("SHORT by 150000 BLL") && boil[2].hasSuffix("backed"), "\(boil)")
        #expect(lines.contains { $0.hasPrefix("  BGLD:") && $0.contains("on 8 receipt(s)") && $0.hasSuffix("backed") })
        #expect(lines.contains { $0.contains("✓ ") && $0.contains("checks passed, 0 failed, 0 skipped") })
        #expect(lines.contains { $0.hasPrefix("Audit: clean — 122 log entries replayed") })
        #expect(FileManager.default.fileExists(atPath: data.appendingPathComponent("bollard.sqlite").path), "the demo runs on the Store")

        let bundle = data.appendingPathComponent("bundles/WR-W1-0001.json")
        let keys = ["--log-key", data.appendingPathComponent("log.pub").path,
                    "--ledger-key", data.appendingPathComponent("ledger.pub").path]
        let verified = try Self.bollard(["verify", bundle.path] + keys)
        #expect(verified.status == 0, "\(verified.output)")
        #expect(verified.output.contains("✓ all checks hold"))

        // Tampering with the receipt record, the checkpoint or the anchor is caught.
        let original = try String(contentsOf: bundle, encoding: .utf8)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(original.utf8)) as? [String: Any])
        let items = try #require(json["items"] as? [[String: Any]])
        let leaf = try #require(items.first?["leaf"] as? String)
        var forgedLeaf = Array(leaf)
        forgedLeaf[10] = forgedLeaf[10] == "A" ? "B" : "A"
        var log = try #require(json["log"] as? [String: Any])
        let checkpoint = try #require(log["checkpoint"] as? String)
        var lines2 = checkpoint.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines2[1] = String((UInt64(lines2[1]) ?? 1) - 1)
        log["checkpoint"] = lines2.joined(separator: "\n")
        var shrunk = json
        shrunk["log"] = log
        let shrunkText = String(decoding: try JSONSerialization.data(withJSONObject: shrunk), as: UTF8.self)
        let tampered = [original.replacingOccurrences(of: leaf, with: String(forgedLeaf)), shrunkText]
        for (i, text) in tampered.enumerated() {
            #expect(text != original)
            let copy = data.appendingPathComponent("tampered-\(i).json")
            try text.write(to: copy, atomically: true, encoding: .utf8)
            let run = try Self.bollard(["verify", copy.path] + keys)
            #expect(run.status != 0, "tampered copy \(i) verified:\n\(run.output)")
            #expect(run.output.contains("FAILED"))
        }
        // A key that is not the log's.
        let stranger = try Self.bollard(["verify", bundle.path, "--log-key", data.appendingPathComponent("ledger.pub").path,
                                         "--ledger-key", data.appendingPathComponent("ledger.pub").path])
        #expect(stranger.status != 0)
    }

    @Test func demoRefusesAFolderThatIsNotEmpty() throws {
        let data = Self.temporaryFolder()
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: data) }
        try Data("x".utf8).write(to: data.appendingPathComponent("something"))
        let run = try Self.bollard(["demo", "--data", data.path])
        #expect(run.status != 0)
        #expect(run.output.contains("is not empty"))
    }
}
