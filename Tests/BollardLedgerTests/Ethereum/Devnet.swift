import BollardLedger
import BollardLog
import BollardTestSupport
import Foundation
import Testing

/// The local EVM devnet ops/test starts (ops/devnet/devnet.sh) and names in
/// BOLLARD_TEST_DEVNET_URL. Under CI=true the devnet tests always run, so a missing devnet
/// fails them; elsewhere they run only when a devnet is given.
enum Devnet {
    static var url: String? {
        let value = ProcessInfo.processInfo.environment["BOLLARD_TEST_DEVNET_URL"]
        return value?.isEmpty == false ? value : nil
    }

    static var shouldRun: Bool { url != nil || ProcessInfo.processInfo.environment["CI"] == "true" }

    struct Missing: Error, CustomStringConvertible {
        var description: String { "BOLLARD_TEST_DEVNET_URL is not set: run ops/test, or ops/devnet/devnet.sh start" }
    }

    static func rpc() throws -> EthereumRPC {
        guard let url else { throw Missing() }
        return EthereumRPC(url: url)
    }

    /// Funded devnet account n (private key 0x…0n), 1 ≤ n ≤ 10.
    static func key(_ n: UInt8) throws -> EthereumPrivateKey {
        var bytes = [UInt8](repeating: 0, count: 32)
        bytes[31] = n
        return try EthereumPrivateKey(bytes: bytes)
    }

    /// integrations/ethereum/Anchor.bin, the committed initcode.
    static func initcode() throws -> [UInt8] {
        // Tests/BollardLedgerTests/Ethereum/Devnet.swift → the package root.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("integrations/ethereum/Anchor.bin")
        let text = try String(contentsOf: url, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return try Hex.decode(text)
    }

    /// Deploys a fresh anchor contract owned by `owner` and returns an anchor for it.
    static func deployAnchor(owner: EthereumPrivateKey, origin: String, confirmations: Int = 1) async throws -> EthereumAnchor {
        let rpc = try rpc()
        let receipt = try await EthereumAnchor.deploy(rpc: rpc, signer: owner, initcode: try initcode())
        let contract = try #require(receipt.contractAddress)
        return EthereumAnchor(rpc: rpc, signer: owner, configuration: .init(
            contract: contract, origin: origin, requiredConfirmations: confirmations, fromBlock: receipt.blockNumber,
            pollInterval: .milliseconds(20)))
    }

    /// Signs and sends a type-2 transaction with the primitives alone, and returns its receipt.
    static func send(from key: EthereumPrivateKey, to: EthereumAddress, data: [UInt8]) async throws -> TransactionReceipt {
        let rpc = try rpc()
        let baseFee = try await rpc.pendingBaseFee()
        let tip = UInt256(1_000_000_000)
        let tx = EIP1559Transaction(
            chainId: try await rpc.chainId(), nonce: try await rpc.transactionCount(key.address), maxPriorityFeePerGas: tip,
            maxFeePerGas: baseFee.multipliedReportingOverflow(by: 2).partialValue.addingReportingOverflow(tip).partialValue,
            gasLimit: 1_000_000, to: to, data: data)
        let signed = try tx.signed(with: key)
        #expect(try await rpc.sendRawTransaction(signed.rawTransaction) == signed.hash)
        return try await EthereumAnchor.waitForReceipt(rpc: rpc, hash: signed.hash, pollInterval: .milliseconds(20), timeout: .seconds(30))
    }

    static func mine(_ blocks: Int) async throws {
        _ = try await rpc().call("evm_mine", [.string(UInt256(UInt64(blocks)).quantity)])
    }
}

/// A real BollardLog transparency log in memory, with its signed checkpoints.
struct TestLog {
    let keys: Keys
    let log: TransparencyLog<MemoryTileStore>
    var entries: [[UInt8]] = []

    init() async throws {
        keys = try Keys()
        log = try await TransparencyLog.open(store: MemoryTileStore(), signer: keys.checkpointSigner)
    }

    /// Appends `count` receipts and returns the checkpoint of the grown tree.
    mutating func grow(by count: Int) async throws -> AnchorSubmission {
        let start = entries.count
        let batch = (start..<(start + count)).map { Array("warehouse receipt \($0) for lot BUSAN-\($0 * 7)".utf8) }
        _ = try await log.append(batch)
        entries += batch
        let note = try #require(try await log.checkpoint())
        return try AnchorSubmission(signedNote: note)
    }
}
