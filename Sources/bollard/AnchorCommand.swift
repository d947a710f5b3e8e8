import ArgumentParser
import BollardLedger
import Foundation

/// `bollard anchor`: the anchors of the log (local ledger or Ethereum contract) and deployment
/// of the Ethereum anchor contract.
struct AnchorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anchor",
        abstract: "Anchors of the log's checkpoints: status, and deploying the Ethereum contract.",
        subcommands: [AnchorStatusCommand.self, AnchorDeployCommand.self]
    )
}

struct AnchorStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Every anchor, oldest first: size, id (transaction hash on a chain), block, confirmations, state.",
        discussion: """
            Example:
              bollard anchor status --data /var/tmp/b
              bollard anchor status --data /var/tmp/b --ethereum http://127.0.0.1:8545 \\
                  --contract 0x… --key-file owner.key --json
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var anchorOptions: AnchorOptions

    @Flag(help: "Print the anchors as JSON.")
    var json = false

    struct Row: Encodable {
        var size: UInt64
        var id: String
        var block: UInt64?
        var confirmations: Int
        var requiredConfirmations: Int
        var state: String
        var root: String
    }

    func run() async throws {
        let dir = try await storeOptions.open()
        let anchor = try anchorOptions.configuration().anchor(dir: dir)
        let rows: [Row]
        do {
            rows = try await anchor.anchors().map {
                Row(size: $0.size, id: $0.id, block: EthereumAnchorEvidence(evidence: $0.evidence)?.block,
                    confirmations: $0.confirmations, requiredConfirmations: $0.requiredConfirmations, state: $0.state.rawValue,
                    root: $0.root.base64)
            }
        } catch {
            try? await dir.store.close()
            throw error
        }
        try await dir.store.close()
        if json { return try printJSON(rows) }
        for r in rows {
            print("size \(r.size)  \(r.id)  block \(r.block.map(String.init) ?? "-")  \(r.confirmations)/\(r.requiredConfirmations) confirmations  \(r.state)")
        }
        print("\(rows.count) anchor(s)")
    }
}

struct AnchorDeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Deploy the anchor contract (integrations/ethereum/Anchor.bin); prints its address and block.",
        discussion: """
            The key file's account becomes the contract's owner, the only one who may commit.

            Example:
              bollard anchor deploy --ethereum http://127.0.0.1:8545 --key-file owner.key
            """
    )

    @Option(help: "Ethereum JSON-RPC URL (or $BOLLARD_ETHEREUM_URL).")
    var ethereum: String?

    @Option(help: "The owner's private key file, 64 hex digits, mode 600 (or $BOLLARD_ETHEREUM_KEY_FILE).")
    var keyFile: String?

    @Option(help: "The initcode to deploy (hex).")
    var bin = "integrations/ethereum/Anchor.bin"

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        guard let url = ethereum ?? env["BOLLARD_ETHEREUM_URL"] else { throw ValidationError("give --ethereum URL") }
        guard let keyPath = keyFile ?? env["BOLLARD_ETHEREUM_KEY_FILE"] else { throw ValidationError("give --key-file F") }
        let key = try EthereumKeyFile.load(path: keyPath)
        let text = try String(contentsOfFile: bin, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let receipt = try await EthereumAnchor.deploy(rpc: EthereumRPC(url: url), signer: key, initcode: try Hex.decode(text, what: bin))
        guard let address = receipt.contractAddress else { throw ValidationError("the deployment receipt names no contract") }
        print("contract \(address.checksummed)")
        print("block \(receipt.blockNumber)")
        print("owner \(key.address.checksummed)")
        print("gas \(receipt.gasUsed)")
    }
}
