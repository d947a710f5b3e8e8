import ArgumentParser
import BollardLedger
import Foundation

/// Where checkpoints are anchored: the local ledger in the data folder, or the Anchor.vy
/// contract on an Ethereum-compatible chain (issue #7).
enum AnchorConfiguration: Sendable {
    case local
    case ethereum(Ethereum)

    struct Ethereum: Sendable {
        var url: String
        var contract: EthereumAddress
        var keyFile: String
        var confirmations: Int
        var fromBlock: UInt64
    }

    /// The bundle's name for this ledger kind (integrations/bundle-format.md §1.4).
    var ledgerKind: String {
        switch self {
        case .local: "local"
        case .ethereum: "ethereum"
        }
    }

    /// The anchor the worker, ingest and the queries use.
    func anchor(dir: DataDirectory) throws -> any Anchor {
        switch self {
        case .local:
            return dir.ledger
        case .ethereum(let e):
            return EthereumAnchor(
                rpc: EthereumRPC(url: e.url), signer: try EthereumKeyFile.load(path: e.keyFile),
                configuration: .init(contract: e.contract, origin: dir.origin, requiredConfirmations: e.confirmations,
                                     fromBlock: e.fromBlock))
        }
    }
}

/// `--ethereum URL --contract ADDR --key-file F` (or BOLLARD_ETHEREUM_URL,
/// BOLLARD_ETHEREUM_CONTRACT, BOLLARD_ETHEREUM_KEY_FILE): anchor on the chain instead of the
/// local ledger. All three or none.
struct AnchorOptions: ParsableArguments {
    @Option(help: "Ethereum JSON-RPC URL: anchor on this chain instead of the local ledger (or $BOLLARD_ETHEREUM_URL).")
    var ethereum: String?

    @Option(help: "The Anchor.vy contract address (`bollard anchor deploy` prints it; or $BOLLARD_ETHEREUM_CONTRACT).")
    var contract: String?

    @Option(help: "File holding the contract owner's private key, 64 hex digits, mode 600 (or $BOLLARD_ETHEREUM_KEY_FILE).")
    var keyFile: String?

    @Option(help: "Blocks, counting the anchor's own, before an Ethereum anchor is confirmed.")
    var confirmations = 1

    @Option(help: "The contract's deployment block: where anchor log scans start.")
    var fromBlock: UInt64 = 0

    private static func env(_ name: String) -> String? {
        let value = ProcessInfo.processInfo.environment[name]
        return value?.isEmpty == false ? value : nil
    }

    var url: String? { ethereum ?? Self.env("BOLLARD_ETHEREUM_URL") }
    var keyPath: String? { keyFile ?? Self.env("BOLLARD_ETHEREUM_KEY_FILE") }

    func configuration() throws -> AnchorConfiguration {
        let contractText = contract ?? Self.env("BOLLARD_ETHEREUM_CONTRACT")
        guard let url else {
            guard contractText == nil else { throw ValidationError("--contract needs --ethereum URL") }
            return .local
        }
        guard let contractText else { throw ValidationError("--ethereum needs --contract ADDR (bollard anchor deploy prints it)") }
        guard let keyPath else { throw ValidationError("--ethereum needs --key-file F, the contract owner's key") }
        guard confirmations >= 1 else { throw ValidationError("--confirmations must be at least 1") }
        return .ethereum(.init(url: url, contract: try EthereumAddress(hex: contractText), keyFile: keyPath,
                               confirmations: confirmations, fromBlock: fromBlock))
    }
}
