/// How Ethereum clients word a refused `eth_sendRawTransaction` or `eth_getLogs`, mapped to
/// typed errors, so that anchoring reacts to the reason and not to one client's text.
///
/// Matching is on a lowercased substring of the JSON-RPC error message; more specific phrases
/// come first ("replacement transaction underpriced" before "transaction underpriced").
public struct NodeRefusalWording: Sendable, Hashable {
    public var client: String
    /// Lowercased substring of the node's message.
    public var phrase: String
    public var code: EthereumError.Code
    /// Where the wording is defined.
    public var source: String
}

public enum NodeRefusal {
    public static let wordings: [NodeRefusalWording] = [
        // Replacement first: its phrase contains the plain "transaction underpriced".
        .init(client: "geth", phrase: "replacement transaction underpriced", code: .replacementUnderpriced,
              source: "go-ethereum core/txpool/errors.go ErrReplaceUnderpriced"),
        .init(client: "Nethermind", phrase: "replacementnotallowed", code: .replacementUnderpriced,
              source: "Nethermind.TxPool/AcceptTxResult.cs ReplacementNotAllowed (releases before TxPoolErrorMessages)"),
        .init(client: "Besu", phrase: "replacement transaction underpriced", code: .replacementUnderpriced,
              source: "besu RpcErrorType.java ETH_SEND_TX_REPLACEMENT_UNDERPRICED \"Replacement transaction underpriced\""),
        .init(client: "Reth", phrase: "insufficient gas price to replace existing transaction", code: .replacementUnderpriced,
              source: "reth crates/transaction-pool/src/error.rs PoolError::ReplacementUnderpriced"),

        .init(client: "geth", phrase: "nonce too low", code: .nonceTooLow,
              source: "go-ethereum core/error.go ErrNonceTooLow; Erigon txpoolcfg DiscardReason NonceTooLow; Anvil; Nethermind TxPoolErrorMessages.NonceTooLow; Besu RpcErrorType NONCE_TOO_LOW \"Nonce too low\""),
        .init(client: "Nethermind", phrase: "oldnonce", code: .nonceTooLow,
              source: "Nethermind.TxPool/AcceptTxResult.cs OldNonce (older releases answer the result's name)"),

        .init(client: "geth", phrase: "already known", code: .alreadyKnown,
              source: "go-ethereum core/txpool/errors.go ErrAlreadyKnown; Erigon DiscardReason AlreadyKnown; Nethermind TxPoolErrorMessages.AlreadyKnown"),
        .init(client: "Nethermind", phrase: "alreadyknown", code: .alreadyKnown,
              source: "Nethermind.TxPool/AcceptTxResult.cs AlreadyKnown (older releases)"),
        .init(client: "Besu", phrase: "known transaction", code: .alreadyKnown,
              source: "besu RpcErrorType.java ETH_SEND_TX_ALREADY_KNOWN \"Known transaction\""),
        .init(client: "Anvil", phrase: "transaction already imported", code: .alreadyKnown,
              source: "foundry crates/anvil/src/eth/error.rs PoolError::AlreadyImported"),

        .init(client: "geth", phrase: "insufficient funds", code: .insufficientFunds,
              source: "go-ethereum core/error.go ErrInsufficientFunds \"insufficient funds for gas * price + value\"; Erigon DiscardReason InsufficientFunds; Anvil; Nethermind TxPoolErrorMessages.InsufficientFunds"),
        .init(client: "Nethermind", phrase: "insufficientfunds", code: .insufficientFunds,
              source: "Nethermind.TxPool/AcceptTxResult.cs InsufficientFunds (older releases)"),
        .init(client: "Besu", phrase: "upfront cost exceeds account balance", code: .insufficientFunds,
              source: "besu RpcErrorType.java TRANSACTION_UPFRONT_COST_EXCEEDS_BALANCE"),

        .init(client: "geth", phrase: "max fee per gas less than block base fee", code: .feeCapTooLow,
              source: "go-ethereum core/error.go ErrFeeCapTooLow; Anvil FeeCapTooLow"),
        .init(client: "geth", phrase: "transaction underpriced", code: .feeCapTooLow,
              source: "go-ethereum core/txpool/errors.go ErrUnderpriced (tip under the pool's minimum)"),
        .init(client: "Besu", phrase: "gas price below current base fee", code: .feeCapTooLow,
              source: "besu RpcErrorType.java GAS_PRICE_BELOW_CURRENT_BASE_FEE"),
        .init(client: "Erigon", phrase: "fee too low", code: .feeCapTooLow,
              source: "erigon txpoolcfg DiscardReason FeeTooLow; Nethermind AcceptTxResult FeeTooLow (older releases: \"FeeTooLow\")"),
        .init(client: "Nethermind", phrase: "feetoolow", code: .feeCapTooLow,
              source: "Nethermind.TxPool/AcceptTxResult.cs FeeTooLow (older releases)"),

        // eth_getLogs over a node's or provider's limit.
        .init(client: "Besu", phrase: "requested range exceeds maximum rpc range limit", code: .logRangeTooLarge,
              source: "besu RpcErrorType.java EXCEEDS_RPC_MAX_BLOCK_RANGE"),
        .init(client: "hosted (Infura)", phrase: "query returned more than", code: .logRangeTooLarge,
              source: "provider wording, code -32005; reproduced by ops/devnet --max-log-results"),
        .init(client: "hosted", phrase: "block range too large", code: .logRangeTooLarge,
              source: "provider wording; reproduced by ops/devnet --max-log-range"),
        .init(client: "hosted (Alchemy)", phrase: "log response size exceeded", code: .logRangeTooLarge,
              source: "provider wording"),
    ]

    /// The typed code for a node's error message, nil when no known wording matches.
    public static func classify(_ message: String) -> EthereumError.Code? {
        let text = message.lowercased()
        return wordings.first { text.contains($0.phrase) }?.code
    }
}
