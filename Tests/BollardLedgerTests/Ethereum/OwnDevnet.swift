import BollardLedger
import Foundation
import Testing

/// A devnet a test starts for itself (ops/devnet/devnet.py --mempool), for what the shared one
/// cannot do: fee replacement, reorganisations, log limits, restarts from --state. It uses the
/// venv ops/devnet/devnet.sh made (BOLLARD_DEVNET_PYTHON); under CI=true its absence fails.
final class OwnDevnet: @unchecked Sendable {
    struct Missing: Error, CustomStringConvertible {
        var description: String { "BOLLARD_DEVNET_PYTHON is not set: run ops/test, or source ops/devnet/devnet.sh and bollard_devnet_start" }
    }

    struct StartFailed: Error, CustomStringConvertible {
        var description: String
    }

    let directory: URL
    let arguments: [String]
    private(set) var url = ""
    private var process: Process?

    init(arguments: [String] = []) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("bollard-own-devnet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        self.arguments = arguments
        try await start(port: 0)
    }

    var statePath: String { directory.appendingPathComponent("state.json").path }
    var rpc: EthereumRPC { EthereumRPC(url: url) }

    /// Starts devnet.py; `port` 0 picks a free one, a restart passes the previous one.
    func start(port: Int) async throws {
        guard let python = ProcessInfo.processInfo.environment["BOLLARD_DEVNET_PYTHON"], !python.isEmpty else { throw Missing() }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("ops/devnet/devnet.py")
        let ready = directory.appendingPathComponent("url")
        try? FileManager.default.removeItem(at: ready)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = [script.path, "--port", String(port), "--ready-file", ready.path, "--mempool", "--state", statePath] + arguments
        let log = directory.appendingPathComponent("devnet-\(port).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        p.standardOutput = try FileHandle(forWritingTo: log)
        p.standardError = p.standardOutput
        try p.run()
        process = p
        for _ in 0..<1200 {
            if let text = try? String(contentsOf: ready, encoding: .utf8), !text.isEmpty {
                url = text.trimmingCharacters(in: .whitespacesAndNewlines)
                return
            }
            guard p.isRunning else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        stop()
        throw StartFailed(description: "devnet.py did not start: \(output)")
    }

    var port: Int { Int(url.split(separator: ":").last ?? "") ?? 0 }

    func stop() {
        guard let p = process else { return }
        if p.isRunning {
            p.terminate()
            p.waitUntilExit()
        }
        process = nil
    }

    /// Stops the node and removes its folder (state file included).
    func close() {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    @discardableResult
    func call(_ method: String, _ params: [JSONValue] = []) async throws -> JSONValue {
        try await rpc.call(method, params)
    }

    func deployAnchor(owner: EthereumPrivateKey, origin: String, confirmations: Int = 1, tip: UInt256? = nil,
                      replaceAfter: EthereumAnchor.ReplacementPolicy? = nil, cap: UInt256? = nil,
                      maxLogRange: UInt64 = 10_000) async throws -> EthereumAnchor {
        let receipt = try await EthereumAnchor.deploy(rpc: rpc, signer: owner, initcode: try Devnet.initcode(), pollInterval: .milliseconds(20))
        let contract = try #require(receipt.contractAddress)
        return EthereumAnchor(rpc: rpc, signer: owner, configuration: .init(
            contract: contract, origin: origin, requiredConfirmations: confirmations, fromBlock: receipt.blockNumber,
            priorityFee: tip, pollInterval: .milliseconds(20), replaceAfter: replaceAfter, maxFeePerGasCap: cap,
            maxLogRange: maxLogRange))
    }

    /// The pool's transactions (bollard_pool): hash and fees.
    func pool() async throws -> [(hash: String, maxFee: UInt256, tip: UInt256)] {
        guard case .array(let items) = try await call("bollard_pool") else { return [] }
        return try items.map {
            (try #require($0["hash"]?.string), try #require($0["maxFeePerGas"]?.string.flatMap { UInt256(quantity: $0) }),
             try #require($0["maxPriorityFeePerGas"]?.string.flatMap { UInt256(quantity: $0) }))
        }
    }
}
