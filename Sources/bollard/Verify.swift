import ArgumentParser
import BollardLog
import BollardVerify
import Foundation

/// `bollard verify`: checks a proof bundle with no database, only the two public keys.
struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Verify a proof bundle offline: inclusion proofs, checkpoint and anchor signatures, GS1 hashes.",
        discussion: """
            Exit status 0 only when every check holds. The bundle format is documented in
            integrations/bundle-format.md.

            Example:
              bollard verify bundles/WR-W1-0001.json --log-key log.pub --ledger-key ledger.pub
            """
    )

    @Argument(help: "The proof bundle (JSON).")
    var bundle: String

    @Option(help: "The log's verifier key: a C2SP vkey, or a file holding one.")
    var logKey: String

    @Option(help: "The local ledger's verifier key: a C2SP vkey, or a file holding one (not needed for Ethereum anchors).")
    var ledgerKey: String?

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() async throws {
        let verifier = BundleVerifier(
            logKey: try VerifierKey(parsing: Self.key(logKey)), ledgerKey: try ledgerKey.map { try VerifierKey(parsing: Self.key($0)) },
            eventHasher: GS1EventHashRecomputer())
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: bundle)))
        let report = verifier.verify(json: bytes)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            for check in report.checks { print(check) }
            print(report.passed ? "✓ all checks hold" : "✗ \(report.failures.count) check(s) failed")
        }
        if !report.passed { throw ExitCode.failure }
    }

    /// A vkey given inline, or the first line of a file.
    static func key(_ text: String) throws -> String {
        if FileManager.default.fileExists(atPath: text) {
            return try String(contentsOfFile: text, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return text
    }
}
