import ArgumentParser
import BollardCore
import BollardIngest
import BollardStore
import BollardVerify
import Foundation

/// Shared by `lot`, `receipt` and `collateral`: the bundle as JSON (`--json`), or a summary.
struct QueryOutput: ParsableArguments {
    @ArgumentParser.Flag(help: "Print the proof bundle as JSON (integrations/bundle-format.md).")
    var json = false

    @Option(help: "Also write the bundle to this file.")
    var out: String?

    func emit(_ bundle: ProofBundle, headline: String, dir: DataDirectory) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let bytes = try encoder.encode(bundle)
        if let out { try bytes.write(to: URL(fileURLWithPath: out)) }
        if json {
            print(String(decoding: bytes, as: UTF8.self))
            return
        }
        print(headline)
        for item in bundle.items {
            let summary = (try? String(decoding: JCS.canonicalize(item.summary), as: UTF8.self)) ?? ""
            print("  #\(item.index) \(summary)")
        }
        let size = bundle.log.checkpoint.split(separator: "\n").dropFirst().first ?? "?"
        print("checkpoint size \(size), anchored as \(bundle.anchors.map(\.id).joined(separator: ", "))")
        if let out {
            let ledgerKey = bundle.anchors.contains { $0.ledger == "local" } ? " --ledger-key \(dir.folder.path)/ledger.pub" : ""
            print("bundle: \(out) — bollard verify \(out) --log-key \(dir.folder.path)/log.pub" + ledgerKey)
        }
    }
}

func queries<S: Store>(_ dir: DataDirectory, _ store: S, _ anchoring: AnchorOptions) throws -> ProofQueries<S> {
    try queries(dir, store, try anchoring.configuration())
}

func queries<S: Store>(_ dir: DataDirectory, _ store: S, _ configuration: AnchorConfiguration) throws -> ProofQueries<S> {
    return ProofQueries(store: store, signer: dir.logSigner, logKey: dir.logKey, ledger: try configuration.anchor(dir: dir),
                        ledgerKey: dir.ledgerKey, holder: DataDirectory.processName + "/query", ledgerKind: configuration.ledgerKind)
}

struct LotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lot",
        abstract: "A lot's chain of custody as a proof bundle.",
        discussion: """
            ID is an EPC URI or its last component. Every event of the lot, its containers while
            it was inside them and the lots it was made from, each with its log inclusion proof,
            the signed checkpoint and its anchor.

            Example:
              bollard lot OPM26-0001 --data /var/tmp/b --json > lot.json
            """
    )
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: QueryOutput
    @OptionGroup var anchorOptions: AnchorOptions
    @Argument(help: "The lot (EPC URI, or its serial / lot number).") var id: String

    func run() async throws {
        let dir = try await storeOptions.open()
        try await show(dir, dir.store)
    }

    private func show<S: Store>(_ dir: DataDirectory, _ store: S) async throws {
        let bundle = try await queries(dir, store, anchorOptions).lotBundle(id)
        try output.emit(bundle, headline: "lot \(bundle.subject.id): \(bundle.items.count) event(s)", dir: dir)
    }
}

struct ReceiptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receipt",
        abstract: "A warehouse receipt's records (issue, encumbrances, close) as a proof bundle.",
        discussion: """
            Example:
              bollard receipt WR-W1-0001 --data /var/tmp/b --json > receipt.json
              bollard verify receipt.json --log-key /var/tmp/b/log.pub --ledger-key /var/tmp/b/ledger.pub
            """
    )
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: QueryOutput
    @OptionGroup var anchorOptions: AnchorOptions
    @Argument(help: "The receipt number, or warehouse-GLN/number.") var id: String

    func run() async throws {
        let dir = try await storeOptions.open()
        try await show(dir, dir.store)
    }

    private func show<S: Store>(_ dir: DataDirectory, _ store: S) async throws {
        let q = try queries(dir, store, anchorOptions)
        let bundle = try await q.receiptBundle(id)
        let receipt = try q.receipt(id, in: try await q.state())
        try output.emit(bundle, headline: "receipt \(receipt.key): \(receipt.state.rawValue)"
            + (receipt.encumbrance.map { ", \($0)" } ?? ""), dir: dir)
    }
}

struct CollateralCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collateral",
        abstract: "Is a token fully backed? The receipts bound to it, with proofs.",
        discussion: """
            Without --supply the check reports the collateral bound; with it, backed or the
            shortfall in the token's unit.

            Example:
              bollard collateral BOIL --supply 150000 --data /var/tmp/b
              bollard collateral BGLD --data /var/tmp/b --json > bgld.json
            """
    )
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: QueryOutput
    @OptionGroup var anchorOptions: AnchorOptions
    @Argument(help: "The token symbol.") var token: String
    @Option(help: "Tokens in circulation, as the exchange states them.") var supply: String?

    func run() async throws {
        let dir = try await storeOptions.open()
        try await show(dir, dir.store)
    }

    private func show<S: Store>(_ dir: DataDirectory, _ store: S) async throws {
        let (bundle, state) = try await queries(dir, store, anchorOptions).collateralBundle(token)
        let stated = try supply.map { try ExactDecimal($0) }
        let report = try state.collateralReport(for: TokenSymbol(token), statedSupply: stated ?? 0)
        let live = report.receipts.filter(\.backing).map(\.receipt.number.value)
        let status = stated == nil ? "" : " — " + Demo.describe(report.status)
        try output.emit(bundle, headline: "\(token): collateral \(report.collateral) on \(live.count) receipt(s) (\(live.joined(separator: ", ")))"
            + status + (report.discrepancies.isEmpty ? "" : ", \(report.discrepancies.count) discrepancy flag(s)"), dir: dir)
    }
}

struct CheckpointCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Print the log's latest signed checkpoint (C2SP tlog-checkpoint).",
        discussion: """
            Integrates anything sequenced first, so the checkpoint covers every acknowledged document.

            Example:
              bollard checkpoint --data /var/tmp/b
            """
    )
    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let dir = try await storeOptions.open()
        try await show(dir, dir.store)
    }

    private func show<S: Store>(_ dir: DataDirectory, _ store: S) async throws {
        guard let note = try await queries(dir, store, AnchorConfiguration.local).checkpoint() else { throw ValidationError("the log has no checkpoint yet") }
        print(String(decoding: note, as: UTF8.self), terminator: "")
    }
}

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Replay the log into a scratch store and compare every derived table.",
        discussion: """
            Any row that differs (edited behind Bollard's back) is reported with its table and
            key; exit status 1 then. Run it while no worker is writing.

            Example:
              bollard audit --data /var/tmp/b
            """
    )
    @OptionGroup var storeOptions: StoreOptions
    @ArgumentParser.Flag(help: "Print the differences as JSON.") var json = false

    func run() async throws {
        let dir = try await storeOptions.open()
        let scratchDir = FileManager.default.temporaryDirectory.appendingPathComponent("bollard-audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratchDir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratchDir) }
        let scratch = try SQLiteStore(path: scratchDir.appendingPathComponent("replay.sqlite").path)
        let report = try await audit(dir, dir.store, scratch)
        try await scratch.close()
        if json {
            try printJSON(AuditOutput(report))
        } else {
            if let failure = report.replayFailure { print("✗ the log does not replay: \(failure)") }
            for d in report.differences { print("✗ \(d.table.sqlName) [\(d.key)]: \(d.kind.rawValue)") }
            if report.isClean { print("✓ audit clean: \(report.logSize) log entries replayed; every derived table matches") }
        }
        if !report.isClean { throw ExitCode.failure }
    }

    private func audit<S: Store>(_ dir: DataDirectory, _ store: S, _ scratch: SQLiteStore) async throws -> LogReplay.Report {
        try await LogReplay.audit(live: store, scratch: scratch, signer: dir.logSigner, holder: DataDirectory.processName + "/audit")
    }
}

/// `bollard audit --json`.
struct AuditOutput: Encodable {
    struct Difference: Encodable {
        var table: String
        var key: String
        var kind: String
    }

    var logSize: UInt64
    var clean: Bool
    var replayFailure: String?
    var differences: [Difference]

    init(_ report: LogReplay.Report) {
        logSize = report.logSize
        clean = report.isClean
        replayFailure = report.replayFailure
        differences = report.differences.map { Difference(table: $0.table.sqlName, key: $0.key, kind: $0.kind.rawValue) }
    }
}
