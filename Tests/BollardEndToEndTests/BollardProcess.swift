import BollardStore
import Foundation
import Testing

/// A `bollard` process running in the background (a worker), stopped by signal.
final class BollardProcess: Sendable {
    let process: Process
    let output: URL

    init(_ arguments: [String]) throws {
        let binary = try #require(DemoTests.binaryURL(), "the bollard binary was not built beside the tests")
        process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = BollardTestSupportRoot.packageRoot
        output = FileManager.default.temporaryDirectory.appendingPathComponent("bollard-proc-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    /// SIGKILL: the process gets no chance to clean up.
    func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM, then waits for a graceful exit; returns the exit status.
    func terminate() -> Int32 {
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Waits until the process has written `text` (e.g. a worker's "worker … on" line, logged
    /// once its signal handlers are installed).
    func waitForLog(containing text: String, timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        while !log.contains(text) {
            guard ContinuousClock.now < deadline, process.isRunning else {
                Issue.record("\(text) never appeared: \(log)")
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    var log: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

    deinit { try? FileManager.default.removeItem(at: output) }
}

import BollardTestSupport

enum BollardTestSupportRoot {
    static var packageRoot: URL { SharedData.packageRoot() }
}

/// Generated documents: each an EPCIS 2.0 JSON-LD document of two custody events on two new
/// lots, all distinct, submitted by Onsan (gln:8801234000017).
enum GeneratedDocuments {
    static let submitter = "gln:8801234000017"
    static let eventsPerDocument = 2

    static func write(count: Int, to folder: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try (0..<count).map { i in
            let t = String(format: "2026-03-01T%02d:%02d:%02d.000+09:00", 8 + i / 3600, (i / 60) % 60, i % 60)
            let text = """
                {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument",
                 "schemaVersion":"2.0","creationDate":"2026-03-01T08:00:00.000+09:00","epcisBody":{"eventList":[
                  {"type":"ObjectEvent","eventTime":"\(t)","eventTimeZoneOffset":"+09:00","action":"ADD","bizStep":"commissioning",
                   "epcList":["urn:epc:id:sgtin:8801234.000017.G\(i)-1","urn:epc:id:sgtin:8801234.000017.G\(i)-2"],
                   "bizLocation":{"id":"urn:epc:id:sgln:8801234.00001.0"}},
                  {"type":"ObjectEvent","eventTime":"\(t)","eventTimeZoneOffset":"+09:00","action":"OBSERVE","bizStep":"inspecting",
                   "epcList":["urn:epc:id:sgtin:8801234.000017.G\(i)-1"]}]}}
                """
            let url = folder.appendingPathComponent(String(format: "doc-%04d.jsonld", i))
            try Data(text.utf8).write(to: url)
            return url
        }
    }
}
