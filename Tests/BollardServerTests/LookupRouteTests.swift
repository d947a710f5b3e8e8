import BollardCore
import BollardIngest
import BollardLedger
import BollardLog
import BollardServer
import BollardStore
import BollardTestSupport
import BollardVerify
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The Busan story (fixtures/busan/epcis, JSON-LD) ingested, then looked up over HTTP: every
/// bundle must verify offline with the log and ledger keys alone.
@Suite struct LookupRouteTests {
    static let origin = "bollard.test/server"
    static let seed = [UInt8](repeating: 9, count: 32)

    struct Story {
        var stem: String
        var submitter: String
        var bytes: [UInt8]
    }

    static func story(through last: String? = nil) throws -> [Story] {
        let dir = SharedData.packageRoot().appendingPathComponent("fixtures/busan/epcis")
        let text = try String(contentsOf: dir.appendingPathComponent("story.tsv"), encoding: .utf8)
        var out: [Story] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let c = line.split(separator: "\t")
            out.append(Story(stem: String(c[0]), submitter: String(c[1]),
                             bytes: Array(try Data(contentsOf: dir.appendingPathComponent(String(c[0]) + ".jsonld")))))
            if let last, c[0] == last { break }
        }
        return out
    }

    static func ingest(_ store: some Store, _ docs: [Story]) async throws {
        for d in docs {
            _ = try await store.submit(d.bytes, metadata: SubmissionMetadata(submitter: d.submitter, channel: .cli, filename: d.stem))
        }
        _ = try await Worker(store: store, signer: try CheckpointSigner(origin: origin, seed: seed),
                             configuration: WorkerConfiguration(name: "t", batchSize: 4)).drain()
    }

    static func withStoryServer(_ backend: Backend, through last: String? = nil,
                                _ body: @Sendable (any TestClientProtocol, Harness, VerifierKey, VerifierKey) async throws -> Void)
        async throws
    {
        let logKey = try SignerKey(name: origin, seed: seed)
        let ledgerKey = try SignerKey(name: origin + "/ledger", seed: [UInt8](repeating: 3, count: 32))
        let ledger = try await LocalLedger.open(store: MemoryLedgerStore(), key: ledgerKey)
        let proofs = ProofSettings(signer: try CheckpointSigner(origin: origin, seed: seed), logKey: logKey.verifierKey, ledger: ledger,
                                   ledgerKey: ledgerKey.verifierKey, holder: "test/serve")
        try await withServer(backend, proofs: proofs) { client, h in
            try await ingest(h.store, try story(through: last))
            try await body(client, h, logKey.verifierKey, ledgerKey.verifierKey)
        }
    }

    @Test(arguments: Backend.selected)
    func lotReceiptAndCollateralBundlesVerifyOffline(_ backend: Backend) async throws {
        try await Self.withStoryServer(backend) { client, h, logKey, ledgerKey in
            let verifier = BundleVerifier(logKey: logKey, ledgerKey: ledgerKey, eventHasher: GS1EventHashRecomputer())
            try await client.execute(uri: "/v1/lots/OPM26-0001", method: .get, headers: h.auth(.customs)) { (r) throws in
                #expect(r.status == .ok)
                let report = verifier.verify(json: Array(r.body.readableBytesView))
                #expect(report.passed, "\(report.failures)")
                let bundle = try JSONDecoder().decode(ProofBundle.self, from: Data(r.body.readableBytesView))
                #expect(bundle.subject.kind == "lot" && bundle.subject.id.hasSuffix("OPM26-0001"))
                #expect(bundle.items.count >= 5)
            }
            try await client.execute(uri: "/v1/receipts/WR-W1-0001", method: .get, headers: h.auth(.exchange)) { (r) throws in
                #expect(r.status == .ok)
                #expect(verifier.verify(json: Array(r.body.readableBytesView)).passed)
            }
            try await client.execute(uri: "/v1/tokens/BGLD/collateral?supply=1", method: .get, headers: h.auth(.exchange)) { (r) throws in
                #expect(r.status == .ok)
                let answer = try json(r.body)
                #expect(answer["backed"] as? Bool == true)
                #expect((answer["receipts"] as? [[String: Any]])?.isEmpty == false)
                let bundle = try JSONSerialization.data(withJSONObject: try #require(answer["bundle"]))
                #expect(verifier.verify(json: Array(bundle)).passed)
            }
            try await client.execute(uri: "/v1/lots/NO-SUCH-LOT", method: .get, headers: h.auth(.customs)) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/v1/tokens/NOPE/collateral", method: .get, headers: h.auth(.exchange)) {
                #expect($0.status == .notFound)
            }
        }
    }

    @Test(arguments: Backend.selected)
    func customsLookupsFindLotsByContainerBillReceiptHSAndDate(_ backend: Backend) async throws {
        try await Self.withStoryServer(backend) { client, h, _, _ in
            func lots(_ query: String) async throws -> [String] {
                try await client.execute(uri: "/v1/lots?" + query, method: .get, headers: h.auth(.customs)) { (r) throws in
                    #expect(r.status == .ok, "\(query): \(String(buffer: r.body))")
                    return try json(r.body)["lots"] as? [String] ?? []
                }
            }
            let gold = try await lots("container=BDXU2001011")
            #expect(gold.count == 40)
            #expect(gold.contains { $0.hasSuffix("OPM26-0001") })
            let bill = try await lots("bl=HDLN26BUS00871")
            #expect(Set(gold).isSubset(of: Set(bill)) && bill.count > gold.count)
            let receipt = try await lots("receipt=WR-W1-0001")
            #expect(receipt.count == 5 && Set(receipt).isSubset(of: Set(gold)))
            #expect(try await lots("container=BDXU2001011&receipt=WR-W1-0001") == receipt)
            #expect(try await lots("container=bdxu2001011").count == 40)
            #expect(try await lots("from=1990-01-01&to=1990-12-31").isEmpty)
            #expect(try await lots("from=2026-01-01").count >= gold.count)
            let hsCopper = try await lots("hs=74")
            #expect(!hsCopper.isEmpty && Set(hsCopper).isDisjoint(with: Set(gold)))
            try await client.execute(uri: "/v1/lots", method: .get, headers: h.auth(.customs)) { #expect($0.status == .badRequest) }
            try await client.execute(uri: "/v1/lots?from=yesterday", method: .get, headers: h.auth(.customs)) { #expect($0.status == .badRequest) }
        }
    }

    @Test(arguments: Backend.selected)
    func theFollowerCatchesUpWithNewRecordsOnly(_ backend: Backend) async throws {
        try await Self.withStoryServer(backend, through: "09-w1-receipts") { client, h, _, _ in
            try await client.execute(uri: "/v1/receipts/WR-W2-0001", method: .get, headers: h.auth(.customs)) { #expect($0.status == .notFound) }
            try await Self.ingest(h.store, try Self.story().filter { $0.stem.hasPrefix("14-") || $0.stem.hasPrefix("15-") })
            try await client.execute(uri: "/v1/receipts/WR-W2-0001", method: .get, headers: h.auth(.customs)) { #expect($0.status == .ok) }
        }
    }

    /// While workers commit, a lot lookup answers from the lookup index it already has; a short
    /// name that index does not know (a lot committed since) rebuilds it rather than answering 404.
    @Test(arguments: Backend.selected)
    func aLotCommittedSinceTheIndexIsFoundByItsShortName(_ backend: Backend) async throws {
        try await Self.withStoryServer(backend, through: "15-w2-receipts") { client, h, _, _ in
            try await client.execute(uri: "/v1/lots/OPM26-0001", method: .get, headers: h.auth(.customs)) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/lots/P-2026-114-B", method: .get, headers: h.auth(.customs)) { #expect($0.status == .notFound) }
            try await Self.ingest(h.store, try Self.story().filter { ["16-", "17-", "18-", "19-", "20-", "21-"].contains(String($0.stem.prefix(3))) })
            try await client.execute(uri: "/v1/lots/OPM26-0001", method: .get, headers: h.auth(.customs)) { #expect($0.status == .ok) }
            let subject = try await client.execute(uri: "/v1/lots/P-2026-114-B", method: .get, headers: h.auth(.customs)) { (r) throws in
                #expect(r.status == .ok)
                return (try json(r.body)["subject"] as? [String: Any])?["id"] as? String
            }
            #expect(subject?.hasSuffix("P-2026-114-B") == true)
        }
    }

    @Test(arguments: Backend.selected)
    func logRoutesServeTheCheckpointTilesAndVerifiableProofs(_ backend: Backend) async throws {
        try await Self.withStoryServer(backend) { client, h, logKey, _ in
            // Bundles integrate and publish; make sure a checkpoint exists.
            try await client.execute(uri: "/v1/lots/OPM26-0001", method: .get, headers: h.auth(.customs)) { #expect($0.status == .ok) }
            let note = try await client.execute(uri: "/v1/log/checkpoint", method: .get) { (r) throws in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType] == "text/plain; charset=utf-8")
                return Array(r.body.readableBytesView)
            }
            let checkpoint = try Checkpoint.open(note, verifiers: NoteVerifiers([logKey.verifier()]))
            // The story is under one tile (fewer than 256 entries): its tiles are partial, cached briefly.
            #expect(checkpoint.size > 100 && checkpoint.size < 256)
            try await client.execute(uri: "/v1/log/tile/0/000.p/\(checkpoint.size)", method: .get) { (r) throws in
                #expect(r.status == .ok)
                #expect(r.headers[.cacheControl] == "public, max-age=60")
                #expect(r.body.readableBytes == Int(checkpoint.size) * 32)
            }
            try await client.execute(uri: "/v1/log/tile/entries/000.p/\(checkpoint.size)", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/log/tile/0/000", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/v1/log/tile/0/0", method: .get) { #expect($0.status == .badRequest) }
            // An inclusion proof for entry 3 leads to the signed root.
            let leaf = try #require(try await h.store.row(.custodyEvents, key: StateProjection.eventKey(3)))
            let proof = try await client.execute(uri: "/v1/log/proof/inclusion?index=3", method: .get) { try json($0.body) }
            let hashes = try (proof["hashes"] as? [String] ?? []).map { try #require(MerkleHash(base64: $0)) }
            try ProofVerification.verifyInclusion(leafHash: RFC9162.leafHash(leaf), index: 3, treeSize: checkpoint.size, proof: hashes,
                                                  root: checkpoint.root)
            let consistency = try await client.execute(uri: "/v1/log/proof/consistency?from=10&to=\(checkpoint.size)", method: .get) {
                try json($0.body)
            }
            #expect((consistency["hashes"] as? [String])?.isEmpty == false)
            try await client.execute(uri: "/v1/log/proof/inclusion?index=3&size=\(checkpoint.size + 1)", method: .get) {
                #expect($0.status == .badRequest)
            }
        }
    }
}
