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
        var replaceAfter: EthereumAnchor.ReplacementPolicy?
        var maxFeePerGasCap: UInt256?
        var maxLogRange: UInt64
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
                                     fromBlock: e.fromBlock, replaceAfter: e.replaceAfter, maxFeePerGasCap: e.maxFeePerGasCap,
                                     maxLogRange: e.maxLogRange))
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

    @Option(help: "Replace an anchor transaction still unmined after this long, same nonce, both fees +12.5 %: seconds (120, 120s) or blocks (5b).")
    var replaceAfter: String?

    @Option(help: "Never sign a max fee per gas above this many gwei (decimals allowed); a stuck anchor needing more is reported, not replaced.")
    var maxFeeGwei: String?

    @Option(help: "Blocks per eth_getLogs call when scanning anchors; halved whenever the node refuses a range.")
    var maxLogRange: UInt64 = 10_000

    /// "120", "120s" → seconds; "5b" → blocks.
    static func replacementPolicy(_ text: String) throws -> EthereumAnchor.ReplacementPolicy {
        if text.hasSuffix("b"), let blocks = UInt64(text.dropLast()), blocks > 0 { return .init(blocks: blocks) }
        let seconds = text.hasSuffix("s") ? String(text.dropLast()) : text
        guard let value = UInt64(seconds), value > 0 else {
            throw ValidationError("--replace-after \(text): give seconds (120, 120s) or blocks (5b)")
        }
        return .init(interval: .seconds(value))
    }

    /// Decimal gwei → wei (1 gwei = 10^9 wei), exact: no floating point.
    static func wei(gwei text: String) throws -> UInt256 {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = UInt64(parts[0].isEmpty ? "0" : parts[0]), whole <= 1_000_000_000 else {
            throw ValidationError("--max-fee-gwei \(text): give a number of gwei, like 50 or 1.5")
        }
        var fraction: UInt64 = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard digits.count <= 9, digits.allSatisfy(\.isASCII), let f = UInt64(digits.isEmpty ? "0" : digits) else {
                throw ValidationError("--max-fee-gwei \(text): at most nine decimals (1 wei)")
            }
            fraction = f * [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000][9 - digits.count]
        }
        let wei = whole * 1_000_000_000 + fraction
        guard wei > 0 else { throw ValidationError("--max-fee-gwei must be above zero") }
        return UInt256(wei)
    }

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
        guard maxLogRange >= 1 else { throw ValidationError("--max-log-range must be at least 1") }
        return .ethereum(.init(url: url, contract: try EthereumAddress(hex: contractText), keyFile: keyPath,
                               confirmations: confirmations, fromBlock: fromBlock,
                               replaceAfter: try replaceAfter.map(Self.replacementPolicy),
                               maxFeePerGasCap: try maxFeeGwei.map { try Self.wei(gwei: $0) }, maxLogRange: maxLogRange))
    }
}
