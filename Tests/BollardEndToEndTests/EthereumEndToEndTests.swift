import BollardLedger
import BollardLog
import BollardVerify
import Foundation
import Testing

/// The devnet ops/test starts (ops/devnet/devnet.sh) and names in BOLLARD_TEST_DEVNET_URL.
/// Under CI=true this suite always runs, so a missing devnet fails it rather than skipping.
enum EndToEndDevnet {
    static var url: String? {
        let value = ProcessInfo.processInfo.environment["BOLLARD_TEST_DEVNET_URL"]
        return value?.isEmpty == false ? value : nil
    }

    static var shouldRun: Bool { url != nil || ProcessInfo.processInfo.environment["CI"] == "true" }

    /// A fresh account of its own (so no other devnet test shares its nonces), funded with
    /// 10 ETH by funded devnet account 0x…0a.
    static func freshOwner(rpc: EthereumRPC) async throws -> (key: EthereumPrivateKey, secret: [UInt8]) {
        var rng = SystemRandomNumberGenerator()
        let secret = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let owner = try EthereumPrivateKey(bytes: secret)
        var funder = [UInt8](repeating: 0, count: 32)
        funder[31] = 10
        let bank = try EthereumPrivateKey(bytes: funder)
        var lastError: (any Error)?
        // Account 0x…0a is also used by a ledger test: a nonce taken meanwhile is retried.
        for _ in 0..<5 {
            do {
                let tip = UInt256(1_000_000_000)
                let maxFee = (try await rpc.pendingBaseFee()).multipliedReportingOverflow(by: 2).partialValue.addingReportingOverflow(tip).partialValue
                let tx = EIP1559Transaction(
                    chainId: try await rpc.chainId(), nonce: try await rpc.transactionCount(bank.address), maxPriorityFeePerGas: tip,
                    maxFeePerGas: maxFee, gasLimit: 21_000, to: owner.address, value: UInt256(10_000_000_000_000_000_000))
                let signed = try tx.signed(with: bank)
                _ = try await rpc.sendRawTransaction(signed.rawTransaction)
                let receipt = try await EthereumAnchor.waitForReceipt(rpc: rpc, hash: signed.hash, pollInterval: .milliseconds(20), timeout: .seconds(30))
                try #require(receipt.status == 1)
                return (owner, secret)
            } catch {
                lastError = error
                try await Task.sleep(for: .milliseconds(200))
            }
        }
        throw lastError ?? EthereumError(.rpc, "funding failed")
    }
}

/// Issue #7's end-to-end test: the Busan story ingested through `bollard ingest` anchoring on
/// the devnet's Anchor.vy contract, then a receipt's bundle verified off chain (`bollard verify`)
/// and its inclusion verified on chain (`verify_inclusion` by eth_call).
@Suite(.enabled(if: EndToEndDevnet.shouldRun), .timeLimit(.minutes(5)))
struct EthereumEndToEndTests {
    @Test func busanStoryAnchoredOnChainAndAReceiptVerifiedOffAndOnChain() async throws {
        let url = try #require(EndToEndDevnet.url, "BOLLARD_TEST_DEVNET_URL is not set: run ops/test, or ops/devnet/devnet.sh start")
        let rpc = EthereumRPC(url: url)
        let data = DemoTests.temporaryFolder()
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: data) }

        let (owner, secret) = try await EndToEndDevnet.freshOwner(rpc: rpc)
        let keyFile = data.appendingPathComponent("owner.ethkey")
        try Data(Hex.encode(secret, prefix: false).utf8).write(to: keyFile)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keyFile.path)

        let deploy = try DemoTests.bollard(["anchor", "deploy", "--ethereum", url, "--key-file", keyFile.path])
        #expect(deploy.status == 0, "\(deploy.output)")
        let fields = Dictionary(deploy.output.split(separator: "\n").compactMap { line -> (String, String)? in
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }, uniquingKeysWith: { a, _ in a })
        let contract = try EthereumAddress(hex: try #require(fields["contract"], "\(deploy.output)"))
        let fromBlock = try #require(fields["block"])
        let chain = ["--ethereum", url, "--contract", contract.checksummed, "--key-file", keyFile.path, "--from-block", fromBlock]

        let root = BollardTestSupportRoot.packageRoot.path
        let files = try FileManager.default.contentsOfDirectory(atPath: root + "/fixtures/busan/epcis")
            .filter { $0.hasSuffix(".jsonld") }.sorted().map { "fixtures/busan/epcis/" + $0 }
        #expect(files.count == 23)
        let ingest = try DemoTests.bollard(["ingest", "--data", data.path, "--anchor-every", "1", "--batch", "4"] + chain + files)
        #expect(ingest.status != 0, "4 documents are refused, so ingest must fail: \(ingest.output)")
        #expect(ingest.output.contains("19 accepted, 4 refused"), "\(ingest.output)")
        let anchoredLine = try #require(ingest.output.split(separator: "\n").first { $0.hasPrefix("anchored size 122 as 0x") },
                                        "\(ingest.output)")
        #expect(anchoredLine.contains(": confirmed with"))
        print("ingest → confirmed anchor: \(anchoredLine)")

        // Every anchor on chain, by size; the last one is the log's whole tree, confirmed.
        let status = try DemoTests.bollard(["anchor", "status", "--data", data.path, "--json"] + chain)
        #expect(status.status == 0, "\(status.output)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [[String: Any]], "\(status.output)")
        let sizes = rows.compactMap { ($0["size"] as? NSNumber)?.uint64Value }
        #expect(sizes.count == rows.count && !sizes.isEmpty)
        #expect(zip(sizes, sizes.dropFirst()).allSatisfy { $0 < $1 }, "sizes \(sizes) must increase")
        #expect(sizes.last == 122)
        #expect(rows.last?["state"] as? String == "confirmed")
        var gas: [UInt64] = []
        for row in rows {
            let id = try #require(row["id"] as? String)
            let receipt = try #require(try await rpc.transactionReceipt(try Hex.decode(id)))
            #expect(receipt.status == 1)
            #expect((row["block"] as? NSNumber)?.uint64Value == receipt.blockNumber)
            gas.append(receipt.gasUsed)
        }
        print("gas per commit (\(gas.count) anchors): \(gas)")

        // A receipt's bundle names the Ethereum anchor and verifies offline with the log key alone.
        let bundleFile = data.appendingPathComponent("receipt.json")
        let made = try DemoTests.bollard(["receipt", "WR-W1-0001", "--data", data.path, "--out", bundleFile.path] + chain)
        #expect(made.status == 0, "\(made.output)")
        let logKey = data.appendingPathComponent("log.pub").path
        let verified = try DemoTests.bollard(["verify", bundleFile.path, "--log-key", logKey])
        #expect(verified.status == 0 && verified.output.contains("✓ all checks hold"), "\(verified.output)")
        #expect(verified.output.contains("SKIPPED anchor[0].chain"), "\(verified.output)")
        let bundle = try ProofBundle.decode(Array(try Data(contentsOf: bundleFile)))
        let anchor = try #require(bundle.anchors.first)
        let section = try #require(anchor.ethereum)
        #expect(anchor.ledger == "ethereum")
        #expect(section.contract == contract.checksummed)
        #expect(UInt256(quantity: section.chainId) == (try await rpc.chainId()))
        #expect(section.transactionHash == anchor.id)
        let mined = try #require(try await rpc.transactionReceipt(try Hex.decode(section.transactionHash)))
        #expect(Hex.encode(mined.blockHash) == section.blockHash)
        #expect(UInt256(mined.blockNumber).quantity == section.blockNumber)

        // A bundle whose anchor names another size fails offline.
        var tampered = bundle
        tampered.anchors[0].ethereum?.size = section.size - 1
        let tamperedFile = data.appendingPathComponent("tampered.json")
        try Data(try tampered.encoded()).write(to: tamperedFile)
        let refused = try DemoTests.bollard(["verify", tamperedFile.path, "--log-key", logKey])
        #expect(refused.status != 0 && refused.output.contains("FAILED anchor[0].commitment"), "\(refused.output)")

        // On chain: the contract's root for the size, and verify_inclusion of every item.
        let checkpoint = try Checkpoint(text: Note.parse(Array(bundle.log.checkpoint.utf8)).text)
        let onChain = EthereumAnchor(rpc: rpc, signer: owner, configuration: .init(contract: contract, origin: checkpoint.origin))
        #expect(try await onChain.rootOnChain(size: checkpoint.size) == checkpoint.root.bytes)
        for item in bundle.items {
            let leaf = try #require(Base64.decode(item.leaf))
            let proof = item.inclusionProof.compactMap { MerkleHash(base64: $0) }
            try #require(proof.count == item.inclusionProof.count)
            let leafHash = RFC9162.leafHash(leaf)
            #expect(try await onChain.verifyInclusionOnChain(leafHash: leafHash, index: item.index, size: checkpoint.size, proof: proof))
            let call = try EthereumAnchor.verifyInclusionCall(leafHash: leafHash, index: item.index, size: checkpoint.size, proof: proof)
            let cost = try await rpc.estimateGas(from: owner.address, to: contract, data: call)
            print("verify_inclusion of leaf \(item.index) (\(proof.count) hashes): \(cost) gas")
            guard var corrupted = proof.first.map(\.bytes) else { continue }
            corrupted[0] ^= 1
            let bad = [try #require(MerkleHash(bytes: corrupted))] + proof.dropFirst()
            #expect(try await !onChain.verifyInclusionOnChain(leafHash: leafHash, index: item.index, size: checkpoint.size, proof: bad))
        }
    }
}
