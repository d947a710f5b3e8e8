import ArgumentParser
import BollardCore
import BollardEPCIS
import BollardLedger
import BollardLog
import BollardVerify
import Foundation

/// `bollard demo`: the Busan story of ../shared/SCENARIO.md, end to end on the embedded default
/// (files, no server): every party's EPCIS document is mapped, checked by the provenance engine
/// and, when accepted, appended to the log as one batch with its own signed checkpoint; the last
/// checkpoint is anchored on the local ledger; the exchange's collateral check is printed; and a
/// receipt's proof bundle is written and verified with nothing but the two public keys.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the Busan scenario on the embedded default and print what it proves.",
        discussion: """
            Reads fixtures/busan/epcis (the story in EPCIS 2.0 JSON-LD, story.tsv gives the
            order and who sends each document), writes the log, ledger, keys and a proof bundle
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

        let logKey = try KeyFiles.create(in: folder, name: "log", keyName: Self.origin)
        let ledgerKey = try KeyFiles.create(in: folder, name: "ledger", keyName: Self.origin + "/ledger")
        let store = try FileTileStore(directory: folder.appendingPathComponent("log").path)
        let log = try await TransparencyLog.open(store: store, signer: CheckpointSigner(skey: logKey.skey))
        let ledger = try await LocalLedger.open(
            store: FileLedgerStore.open(path: folder.appendingPathComponent("ledger").path),
            key: SignerKey(parsing: ledgerKey.skey))

        print("Bollard demo — the Busan story, \(story.entries.count) documents from \(fixtures)\n")
        var engine = ProvenanceEngine()
        var supplies: [String: ExactDecimal] = ["BCU": ExactDecimal(significand: 25_120, exponent: -3), "BOIL": 150_000]
        var receipt: (index: UInt64, hash: String?)?
        var checks: [String: String] = [:]
        for entry in story.entries {
            let bytes = try story.bytes(entry.stem + ".jsonld")
            let mapped: MappedDocument
            do {
                mapped = try EPCISCoreMapper().map(bytes, fileName: entry.stem + ".jsonld")
            } catch {
                print("✗ \(entry.stem): refused — \(error)")
                continue
            }
            let outcomes: [ApplyOutcome]
            do {
                outcomes = try engine.apply(mapped, submitter: entry.submitter)
            } catch {
                print("✗ \(entry.stem): refused, nothing applied — \(error)")
                continue
            }
            let hashes = try EPCISEventHasher().hashes(documentBytes: bytes, fileName: entry.stem + ".jsonld")
            let leaves = try mapped.events.map { try JCS.encode($0.event) }
            let appended = try await log.append(leaves)
            let flags = outcomes.flatMap(\.flags).map { Self.describe($0) }
            print("✓ \(entry.stem): \(leaves.count) events logged at \(appended.indices.lowerBound)…\(appended.indices.upperBound - 1), checkpoint \(appended.treeHead.size)"
                + (flags.isEmpty ? "" : "\n    ⚑ " + Set(flags).sorted().joined(separator: "\n    ⚑ ")))
            for (i, event) in mapped.events.enumerated() {
                if case .issueReceipt(let issuance) = event.command, issuance.receipt.number.value == "WR-W1-0001" {
                    receipt = (appended.firstIndex + UInt64(i), hashes.indices.contains(i) ? hashes[i].hash : nil)
                }
            }
            // BDAX mints one BGLD per fine troy ounce bound when it lists the token.
            if supplies["BGLD"] == nil, let bound = try? engine.state.collateralReport(for: TokenSymbol("BGLD"), statedSupply: 0) {
                supplies["BGLD"] = bound.collateral.value
            }
            for (symbol, supply) in supplies.sorted(by: { $0.key < $1.key }) {
                guard let report = try? engine.state.collateralReport(for: TokenSymbol(symbol), statedSupply: supply) else { continue }
                let status = Self.describe(report.status)
                if checks[symbol] != status {
                    print("    ⚖ \(symbol) (supply \(supply)): \(status)")
                    checks[symbol] = status
                }
            }
        }

        // Anchor the final checkpoint on the local ledger (a key separate from the log's).
        guard let note = try await store.readCheckpoint() else { throw ValidationError("the log published no checkpoint") }
        let checkpoint = try Checkpoint.open(note, verifiers: NoteVerifiers(vkeys: [logKey.vkey]), origin: Self.origin)
        let submitted = try await ledger.submit(AnchorSubmission(
            origin: checkpoint.origin, size: checkpoint.size, root: checkpoint.root, signedNote: note))
        let anchor = try await ledger.awaitConfirmation(id: submitted.id)
        print("\nCheckpoint (size \(checkpoint.size)) anchored on the local ledger as \(anchor.id), \(anchor.confirmations) confirmation(s):")
        print(String(decoding: note, as: UTF8.self))

        print("The exchange's check (BDAX):")
        for symbol in ["BGLD", "BCU", "BOIL"] {
            guard let supply = supplies[symbol] else { continue }
            let report = try engine.state.collateralReport(for: TokenSymbol(symbol), statedSupply: supply)
            let status = Self.describe(report.status)
            let live = report.receipts.filter(\.backing).map(\.receipt.number.value)
            print("  \(symbol): supply \(supply), collateral \(report.collateral) on \(live.count) receipt(s) — \(status)"
                + (report.discrepancies.isEmpty ? "" : ", \(report.discrepancies.count) discrepancy flag(s)")
                + (report.custodyGaps.isEmpty ? "" : ", \(report.custodyGaps.count) custody gap(s)"))
        }

        // A customs officer's proof bundle for receipt WR-W1-0001, verified offline.
        guard let receipt else { throw ValidationError("the story never issued WR-W1-0001") }
        let leaf = try await log.entry(at: receipt.index)
        let record = try JCS.parse(leaf)
        let summary = JCSValue.object(["type", "bizStep", "eventTime"].compactMap { name in
            record[name].map { JCSMember(name, $0) }
        })
        let bundle = try await ProofBundleBuilder.build(
            subject: .init(kind: "receipt", id: "WR-W1-0001"), log: log, logKey: VerifierKey(parsing: logKey.vkey),
            checkpointNote: note,
            entries: [.init(index: receipt.index, summary: summary, eventHash: receipt.hash)],
            anchors: [anchor], ledgerKey: VerifierKey(parsing: ledgerKey.vkey))
        let bundles = folder.appendingPathComponent("bundles")
        try FileManager.default.createDirectory(at: bundles, withIntermediateDirectories: true)
        let bundleFile = bundles.appendingPathComponent("WR-W1-0001.json")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(bundle).write(to: bundleFile)
        let report = BundleVerifier(
            logKey: try VerifierKey(parsing: logKey.vkey), ledgerKey: try VerifierKey(parsing: ledgerKey.vkey),
            eventHasher: GS1EventHashRecomputer()
        ).verify(bundle)
        print("\nProof bundle for receipt WR-W1-0001 (log index \(receipt.index), GS1 hash \(receipt.hash ?? "none")):")
        print("  \(report.passed ? "✓" : "✗") \(report.checks.count - report.failures.count - report.skipped.count) checks passed, \(report.failures.count) failed, \(report.skipped.count) skipped")
        for failure in report.failures { print("    \(failure)") }

        print("\nData written to \(folder.path)")
        print("  log/                 C2SP tlog-tiles and the signed checkpoint (publishable as static files)")
        print("  ledger               the local ledger: hash-chained, signed anchor records")
        print("  log.pub, ledger.pub  the two public keys a verifier needs (log.key, ledger.key: mode 0600)")
        print("  bundles/             WR-W1-0001.json — check it with:")
        print("    bollard verify \(bundleFile.path) --log-key \(folder.path)/log.pub --ledger-key \(folder.path)/ledger.pub")
        if !report.passed { throw ExitCode.failure }
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
