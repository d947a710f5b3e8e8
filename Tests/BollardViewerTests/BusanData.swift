import BollardCore
import BollardIngest
import BollardLedger
import BollardLog
import BollardStore
import BollardTestSupport
import BollardVerify
import BollardViewer
import Foundation

/// The Busan story (fixtures/busan/epcis, story.tsv order and submitters) run in process the way
/// `bollard demo` runs it: every document submitted to a SQLite store, applied by a worker, the
/// checkpoint anchored on a local ledger, and the proof bundles built by `ProofQueries` — once
/// per test run, shared by every test (it takes seconds in a debug build).
///
/// Two moments are kept: just after step 21 (WR-T07-0001 cancelled, WR-T07-0002 issued but not
/// yet bound: BOIL under-collateralised, SCENARIO.md), and after the whole story.
struct BusanData: Sendable {
    struct Rendered: Sendable {
        var bundle: ProofBundle
        var report: VerificationReport
    }

    static let origin = "bollard.test/viewer"
    static let logKey = try! SignerKey(name: origin, seed: [UInt8](repeating: 11, count: 32))
    static let ledgerSignerKey = try! SignerKey(name: origin + "/ledger", seed: [UInt8](repeating: 12, count: 32))

    var state: ProvenanceState
    var stateBeforeBOILRebind: ProvenanceState
    var lots: [String: Rendered]
    var receipts: [String: Rendered]
    var tokens: [String: Rendered]
    var boilBeforeRebind: Rendered
    var parties: PartyDirectory

    static let shared = Task { try await BusanData.make() }

    static func get() async throws -> BusanData { try await shared.value }

    static func verifier() -> BundleVerifier {
        BundleVerifier(logKey: logKey.verifierKey, ledgerKey: ledgerSignerKey.verifierKey, eventHasher: GS1EventHashRecomputer())
    }

    static func verified(_ bundle: ProofBundle) -> Rendered { Rendered(bundle: bundle, report: verifier().verify(bundle)) }

    static let lotIDs = ["OPM26-0001", "OPM26-0041", "CU26-B", "P-2026-114-B"]
    static let receiptIDs = ["WR-W1-0001", "WR-W2-0002", "WR-T07-0001"]
    static let tokenSymbols = ["BGLD", "BCU", "BOIL"]

    private static func make() async throws -> BusanData {
        let root = SharedData.packageRoot()
        let parties = try PartyDirectory(json: Array(try Data(contentsOf: root.appendingPathComponent("fixtures/busan/parties.json"))))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bollard-viewer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try SQLiteStore(path: dir.appendingPathComponent("bollard.sqlite").path)
        let signer = try CheckpointSigner(origin: origin, signers: [logKey.signer])
        let ledger = try await LocalLedger.open(store: MemoryLedgerStore(), key: ledgerSignerKey)
        let queries = ProofQueries(store: store, signer: signer, logKey: logKey.verifierKey, ledger: ledger,
                                   ledgerKey: ledgerSignerKey.verifierKey, holder: "viewer-tests")
        let worker = Worker(store: store, signer: signer, configuration: WorkerConfiguration(name: "viewer-tests", batchSize: 4))

        let story = try Story.documents()
        let split = try require(story.firstIndex { $0.stem == "22-bdax-bind-boil" }, "step 22 in story.tsv")
        for doc in story[..<split] { try await Story.submit(doc, to: store) }
        _ = try await worker.drain()
        let before = try await queries.state()
        let boil = verified(try await queries.collateralBundle("BOIL").0)
        for doc in story[split...] { try await Story.submit(doc, to: store) }
        _ = try await worker.drain()

        var lots: [String: Rendered] = [:]
        for id in lotIDs { lots[id] = verified(try await queries.lotBundle(id)) }
        var receipts: [String: Rendered] = [:]
        for id in receiptIDs { receipts[id] = verified(try await queries.receiptBundle(id)) }
        var tokens: [String: Rendered] = [:]
        for symbol in tokenSymbols { tokens[symbol] = verified(try await queries.collateralBundle(symbol).0) }
        let state = try await queries.state()
        try await store.close()
        return BusanData(state: state, stateBeforeBOILRebind: before, lots: lots, receipts: receipts, tokens: tokens,
                         boilBeforeRebind: boil, parties: parties)
    }
}

struct MissingStep: Error, CustomStringConvertible {
    var description: String
}

func require<T>(_ value: T?, _ what: String) throws -> T {
    guard let value else { throw MissingStep(description: what) }
    return value
}

/// fixtures/busan/epcis/story.tsv.
enum Story {
    struct Document: Sendable {
        var stem: String
        var submitter: String
        var bytes: [UInt8]
    }

    static let directory = SharedData.packageRoot().appendingPathComponent("fixtures/busan/epcis")

    static func documents() throws -> [Document] {
        let text = try String(contentsOf: directory.appendingPathComponent("story.tsv"), encoding: .utf8)
        return try text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let c = line.split(separator: "\t")
            let stem = String(c[0])
            return Document(stem: stem, submitter: String(c[1]),
                            bytes: Array(try Data(contentsOf: directory.appendingPathComponent(stem + ".jsonld"))))
        }
    }

    static func submit(_ doc: Document, to store: some Store) async throws {
        _ = try await store.submit(doc.bytes, metadata: SubmissionMetadata(submitter: doc.submitter, channel: .cli, filename: doc.stem + ".jsonld"))
    }
}
