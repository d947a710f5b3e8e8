/// Why an Ethereum value, transaction or node reply was refused.
public struct EthereumError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable {
        case invalidHex
        case invalidQuantity
        case invalidAddress
        /// A mixed-case address whose letters do not match its EIP-55 checksum.
        case badChecksum
        case invalidPrivateKey
        case invalidSignature
        /// A transaction that decodes but breaks an EIP-1559 validity rule.
        case invalidTransaction
        case abi
        /// The node answered with a JSON-RPC error object.
        case rpc
        /// The node could not be reached or answered something that is not JSON-RPC.
        case transport
        /// A transaction mined with status 0, or a call that reverted.
        case reverted
        case keyFile
        case timeout
        /// The node's pool refused the transaction; `NodeRefusal` maps each client's wording.
        case nonceTooLow
        case alreadyKnown
        case replacementUnderpriced
        case insufficientFunds
        case feeCapTooLow
        /// `eth_getLogs` over the node's block-range or result limit.
        case logRangeTooLarge
        /// Replacing a stuck transaction would need a max fee above the configured cap.
        case feeCapReached
    }

    public var code: Code
    public var context: String

    public init(_ code: Code, _ context: String) {
        self.code = code
        self.context = context
    }

    public var description: String { "\(code.rawValue): \(context)" }
}
