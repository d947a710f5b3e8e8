/// Who signs the anchor's transactions: a key held in this process (`EthereumPrivateKey`, from
/// a key file) or an external signer (`JSONRPCSigner`), so production keys need not live in Bollard.
public protocol EthereumTransactionSigner: Sendable {
    var address: EthereumAddress { get }
    func sign(_ transaction: EIP1559Transaction) async throws -> SignedEIP1559Transaction
}

extension EthereumPrivateKey: EthereumTransactionSigner {
    public func sign(_ transaction: EIP1559Transaction) async throws -> SignedEIP1559Transaction {
        try transaction.signed(with: self)
    }
}

/// An external signer over JSON-RPC `eth_signTransaction`, as Clef, Web3Signer and geth's
/// account manager serve it. Its answer is not trusted: the returned raw transaction must decode
/// strictly, carry exactly the fields asked for, and recover to the signer's address.
public struct JSONRPCSigner: EthereumTransactionSigner {
    public let rpc: EthereumRPC
    public let address: EthereumAddress

    public init(rpc: EthereumRPC, address: EthereumAddress) {
        self.rpc = rpc
        self.address = address
    }

    public func sign(_ transaction: EIP1559Transaction) async throws -> SignedEIP1559Transaction {
        var object: [String: JSONValue] = [
            "type": .string("0x2"),
            "from": .string(address.checksummed),
            "chainId": .string(transaction.chainId.quantity),
            "nonce": .string(UInt256(transaction.nonce).quantity),
            "maxPriorityFeePerGas": .string(transaction.maxPriorityFeePerGas.quantity),
            "maxFeePerGas": .string(transaction.maxFeePerGas.quantity),
            "gas": .string(UInt256(transaction.gasLimit).quantity),
            "value": .string(transaction.value.quantity),
            "data": .string(Hex.encode(transaction.data)),
            "input": .string(Hex.encode(transaction.data)),
        ]
        if let to = transaction.to { object["to"] = .string(to.checksummed) }
        let reply = try await rpc.call("eth_signTransaction", [.object(object)])
        // geth and Clef answer {raw, tx}; Web3Signer answers the raw hex alone.
        guard let rawHex = reply["raw"]?.string ?? reply.string else {
            throw EthereumError(.invalidSignature, "eth_signTransaction returned no raw transaction")
        }
        let signed = try SignedEIP1559Transaction.decode(try Hex.decode(rawHex, what: "raw transaction"))
        guard signed.transaction == transaction else {
            throw EthereumError(.invalidSignature, "the external signer signed other fields than those asked for")
        }
        let sender = try signed.sender()
        guard sender == address else {
            throw EthereumError(.invalidSignature, "the external signer signed as \(sender), not \(address)")
        }
        return signed
    }
}
