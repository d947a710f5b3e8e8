import Foundation

/// What `EthereumAnchor` records as an anchor's `evidence`: where a verifier looks the anchor
/// up on any node of the chain (EIP-155 chain id, the contract, the transaction, and once mined
/// its block). The JSON members are those of the Ethereum JSON-RPC (execution-apis) objects,
/// QUANTITY and DATA encoded as there.
public struct EthereumAnchorEvidence: Codable, Sendable, Hashable {
    public var chainId: String
    public var contract: String
    public var transactionHash: String
    public var blockNumber: String?
    public var blockHash: String?

    /// Decodes `AnchorStatus.evidence` of an Ethereum anchor; nil when it is not one.
    public init?(evidence: [UInt8]) {
        guard let decoded = try? JSONDecoder().decode(Self.self, from: Data(evidence)) else { return nil }
        self = decoded
    }

    /// The block number as an integer (nil while the transaction is not mined).
    public var block: UInt64? {
        guard let blockNumber, let value = UInt256(quantity: blockNumber) else { return nil }
        return value.uint64
    }
}
