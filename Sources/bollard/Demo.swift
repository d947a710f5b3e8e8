import ArgumentParser
import BollardCore
import BollardEPCIS
import BollardIngest
import BollardLedger
import BollardLog
import BollardStore
import BollardVerify
import Foundation

/// `bollard demo`: the Busan story of ../shared/SCENARIO.md, end to end on the embedded default
/// (a SQLite store in a fresh folder, no server): every party's EPCIS document is submitted to
/// the store, applied by a worker (mapped, checked by the provenance engine and, when accepted,
/// committed with its custody records as one log batch), the last checkpoint is anchored on the
/// local ledger, the exchange's collateral check is printed, a receipt's proof bundle is written
/// and verified with nothing but the two public keys, and the log is replayed and audited.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the Busan scenario on the embedded default and print what it proves.",
        discussion: """
            Reads fixtures/busan/epcis (the story in EPCIS 2.0 JSON-LD, story.tsv gives the
            order and who sends each document), writes the store (bollard.sqlite), ledger, keys and a proof bundle
            into --data (default: a new folder under the system temp directory; it must be empty
            or absent) and prints its path.

            Example:
              swift run -c release bollard demo
              swift run -c release bollard demo --data /var/tmp/bollard-demo
              bollard verify /var/tmp/bollard-demo/bundles/WR-W1-0001.json \\
                  --log-key /var/tmp/bollard-demo/log.pub --ledger-key /var/tmp/bollard-demo/ledger.pub
            """
    )

    @Option(help: "Folder for the log's tiles, the ledger, keys and bundles (empty or absent).")
    var data: String?

    @Option(help: "The Busan fixtures (EPCIS 2.0 JSON-LD documents and story.tsv).")
    var fixtures = "fixtures/busan/epcis"

    static let origin = "bollard.example/busan-bonded-1"

    func run() async throws {
        let folder = URL(fileURLWithPath: data ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("bollard-demo-\(Int(Date().timeIntervalSince1970))").path)
        if let existing = try? FileManager.default.contentsOfDirectory(atPath: folder.path), !existing.isEmpty {
            throw ValidationError("\(folder.path) is not empty; the demo writes a new log (give another --data)")
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let story = try DemoStory(directory: URL(fileURLWithPath: fixtures))
        let dir = try await DataDirectory.open(folder: folder, postgres: nil, origin: Self.origin)
        let store = try SQLiteStore(path: dir.location)
        try await tell(story, dir: dir, store: store)
        try await store.close()
    }

    /// Every document is submitted (stored and queued, as `bollard ingest --no-wait` would),
    /// then one worker applies the queue one document at a time so the story prints in order.
    private func tell(_ story: DemoStory, dir: DataDirectory, store: SQLiteStore) async throws {
        print("Bollard demo — the Busan story, \(story.entries.count) documents from \(fixtures)\n")
        var jobs: [JobID: String] = [:]
        for entry in story.entries {
            let submission = try await store.submit(try story.bytes(entry.stem + ".jsonld"), metadata: SubmissionMetadata(
                submitter: entry.submitter.description, channel: .cli, filename: entry.stem + ".jsonld"))
            jobs[submission.jobID] = entry.stem
        }
        let worker = Worker(store: store, signer: dir.logSigner,
                            configuration: WorkerConfiguration(name: DataDirectory.processName + "/demo", batchSize: 1))
        var supplies: [String: ExactDecimal] = ["BCU": ExactDecimal(significand: 25_120, exponent: -3), "BOIL": 150_000]
        var checks: [String: String] = [:]
        while true {
            let results = try await worker.processBatch()
            guard !results.isEmpty else { break }
            for r in results {
                let stem = jobs[JobID(r.jobID)] ?? r.fileName ?? r.documentID
                switch r.status {
                case .applied:
                    let first = r.firstLogIndex ?? 0
                    let flags = r.flags.map { Self.describe($0) }
                    print("✓ \(stem): \(r.events) events logged at \(first)…\(first + UInt64(r.events) - 1), checkpoint \(first + UInt64(r.events))"
                        + (flags.isEmpty ? "" : "\n    ⚑ " + Set(flags).sorted().joined(separator: "\n    ⚑ ")))
                case .refused:
                    let error = r.error.map { "\($0)" } ?? "?"
                    print(r.error?.code == .refused ? "✗ \(stem): refused, nothing applied — \(error)" : "✗ \(stem): refused — \(error)")
                case .notMapped:
                    print("· \(stem): not mapped — \(r.note ?? "")")
                }
            }
            let state = await worker.state
            // BDAX mints one BGLD per fine troy ounce bound when it lists the token.
            if supplies["BGLD"] == nil, let bound = try? state.collateralReport(for: TokenSymbol("BGLD"), statedSupply: 0) {
                supplies["BGLD"] = bound.collateral.value
            }
            for (symbol, supply) in supplies.sorted(by: { $0.key < $1.key }) {
                guard let report = try? state.collateralReport(for: TokenSymbol(symbol), statedSupply: supply) else { continue }
                let status = Self.describe(report.status)
                if checks[symbol] != status {
                    print("    ⚖ \(symbol) (supply \(supply)): \(status)")
                    checks[symbol] = status
                }
            }
        }

        // Anchor the final checkpoint on the local ledger (a key separate from the log's).
        let queries = ProofQueries(store: store, signer: dir.logSigner, logKey: dir.logKey, ledger: dir.ledger, ledgerKey: dir.ledgerKey,
                                   holder: DataDirectory.processName + "/demo")
        guard let note = try await queries.checkpoint() else { throw ValidationError("the log published no checkpoint") }
        let checkpoint = try Checkpoint.open(note, verifiers: NoteVerifiers([dir.logKey.verifier()]), origin: Self.origin)
        let submitted = try await dir.ledger.submit(AnchorSubmission(
            origin: checkpoint.origin, size: checkpoint.size, root: checkpoint.root, signedNote: note))
        let anchor = try await dir.ledger.awaitConfirmation(id: submitted.id)
        print("\nCheckpoint (size \(checkpoint.size)) anchored on the local ledger as \(anchor.id), \(anchor.confirmations) confirmation(s):")
        print(String(decoding: note, as: UTF8.self))

        let state = await worker.state
        print("The exchange's check (BDAX):")
        for symbol in ["BGLD", "BCU", "BOIL"] {
            guard let supply = supplies[symbol] else { continue }
            let report = try state.collateralReport(for: TokenSymbol(symbol), statedSupply: supply)
            let status = Self.describe(report.status)
            let live = report.receipts.filter(\.backing).map(\.receipt.number.value)
            print("  \(symbol): supply \(supply), collateral \(report.collateral) on \(live.count) receipt(s) — \(status)"
                + (report.discrepancies.isEmpty ? "" : ", \(report.discrepancies.count) discrepancy flag(s)")
                + (report.custodyGaps.isEmpty ? "" : ", \(report.custodyGaps.count) custody gap(s)"))
        }

        // A customs officer's proof bundle for receipt WR-W1-0001, verified offline.
        let bundle = try await queries.receiptBundle("WR-W1-0001")
        let bundles = dir.folder.appendingPathComponent("bundles")
        try FileManager.default.createDirectory(at: bundles, withIntermediateDirectories: true)
        let bundleFile = bundles.appendingPathComponent("WR-W1-0001.json")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(bundle).write(to: bundleFile)
        let report = BundleVerifier(logKey: dir.logKey, ledgerKey: dir.ledgerKey, eventHasher: GS1EventHashRecomputer()).verify(bundle)
        let indices = bundle.items.map { "\($0.index)" }.joined(separator: ", ")
        print("\nProof bundle for receipt WR-W1-0001 (log entries \(indices), GS1 hash \(bundle.items.first?.eventHash ?? "none")):")
        print("  \(report.passed ? "✓" : "✗") \(report.checks.count - report.failures.count - report.skipped.count) checks passed, \(report.failures.count) failed, \(report.skipped.count) skipped")
        for failure in report.failures { print("    \(failure)") }

        // The auditor's replay: every derived table rebuilt from the log alone.
        let scratchPath = dir.folder.appendingPathComponent("audit-replay.sqlite").path
        let scratch = try SQLiteStore(path: scratchPath)
        let audit = try await LogReplay.audit(live: store, scratch: scratch, signer: dir.logSigner, holder: DataDirectory.processName + "/demo")
        try await scratch.close()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: scratchPath + suffix) }
        print(audit.isClean ? "\nAudit: clean — \(audit.logSize) log entries replayed into a scratch store; every derived table matches"
            : "\nAudit: \(audit.differences.count) difference(s) \(audit.replayFailure ?? "")")

        let path = dir.folder.path
        print("\nData written to \(path)")
        print("  bollard.sqlite       the store: documents, queue, state tables, the log's tiles and signed checkpoint,")
        print("                       and the local ledger (hash-chained, signed anchor records)")
        print("  log.pub, ledger.pub  the two public keys a verifier needs (log.key, ledger.key: mode 0600)")
        print("  bundles/             WR-W1-0001.json — check it with:")
        print("    bollard verify \(bundleFile.path) --log-key \(path)/log.pub --ledger-key \(path)/ledger.pub")
        print("  more: bollard lot OPM26-0001 --data \(path) · bollard collateral BOIL --supply 150000 --data \(path) · bollard audit --data \(path)")
        if !report.passed || !audit.isClean { throw ExitCode.failure }
    }

    static func describe(_ status: CollateralReport.Status) -> String {
        switch status {
        case .backed: return "backed"
        case .shortfall(let q): return "SHORT by \(q)"
        }
    }

    static func describe(_ flag: BollardCore.Flag) -> String {
        switch flag {
        case .discrepancy(let d):
            let deviation = d.deviationPercent.map { "\($0)%" } ?? "?"
            return "discrepancy on \(d.lot): received \(d.received), manifest \(d.expected) (\(deviation), tolerance \(d.tolerancePercent)%)"
                + (d.receipt.map { ", receipt \($0.number.value)" } ?? "")
        case .custodyGap(let g):
            return "custody gap: \(g.lot) received with no prior arrival"
        }
    }
}

/// fixtures/busan/epcis/story.tsv: the documents in story order and who sends each.
struct DemoStory {
    struct Entry {
        var stem: String
        var submitter: PartyID
    }

    var directory: URL
    var entries: [Entry]

    init(directory: URL) throws {
        self.directory = directory
        let text = try String(contentsOf: directory.appendingPathComponent("story.tsv"), encoding: .utf8)
        entries = try text.split(separator: "\n").filter { !$0.hasPrefix("#") }.enumerated().map { n, line in
            let columns = line.split(separator: "\t")
            guard columns.count >= 2 else {
                throw ValidationError("story.tsv line \(n + 2): expected <stem> TAB <submitter>")
            }
            return Entry(stem: String(columns[0]), submitter: try PartyID(String(columns[1])))
        }
    }

    func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }
}

/// An Ed25519 key pair kept as C2SP signed-note strings: `<name>.key` (skey, mode 0600) and
/// `<name>.pub` (vkey).
struct KeyFiles {
    var skey: String
    var vkey: String

    static func create(in folder: URL, name: String, keyName: String) throws -> KeyFiles {
        let pair = try SignerKey.generateEncoded(name: keyName)
        let keyFile = folder.appendingPathComponent(name + ".key")
        guard FileManager.default.createFile(
            atPath: keyFile.path, contents: Data((pair.skey + "\n").utf8), attributes: [.posixPermissions: 0o600])
        else { throw ValidationError("cannot write \(keyFile.path)") }
        try Data((pair.vkey + "\n").utf8).write(to: folder.appendingPathComponent(name + ".pub"))
        return KeyFiles(skey: pair.skey, vkey: pair.vkey)
    }
}
