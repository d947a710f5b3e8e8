/// One EIP-2930 access-list entry: an address and the storage slots the transaction declares.
public struct AccessListEntry: Sendable, Hashable {
    public var address: EthereumAddress
    public var storageKeys: [[UInt8]]

    public init(address: EthereumAddress, storageKeys: [[UInt8]]) {
        self.address = address
        self.storageKeys = storageKeys
    }
}

/// An EIP-1559 (type 2) transaction before signing. Field names and order follow the EIP:
/// `0x02 || rlp([chain_id, nonce, max_priority_fee_per_gas, max_fee_per_gas, gas_limit,
/// destination, amount, data, access_list])`.
public struct EIP1559Transaction: Sendable, Hashable {
    public static let transactionType: UInt8 = 0x02

    public var chainId: UInt256
    /// EIP-2681 caps nonces below 2^64 − 1.
    public var nonce: UInt64
    public var maxPriorityFeePerGas: UInt256
    public var maxFeePerGas: UInt256
    public var gasLimit: UInt64
    /// nil creates a contract.
    public var to: EthereumAddress?
    public var value: UInt256
    public var data: [UInt8]
    public var accessList: [AccessListEntry]

    public init(
        chainId: UInt256, nonce: UInt64, maxPriorityFeePerGas: UInt256, maxFeePerGas: UInt256, gasLimit: UInt64,
        to: EthereumAddress?, value: UInt256 = .zero, data: [UInt8] = [], accessList: [AccessListEntry] = []
    ) {
        self.chainId = chainId
        self.nonce = nonce
        self.maxPriorityFeePerGas = maxPriorityFeePerGas
        self.maxFeePerGas = maxFeePerGas
        self.gasLimit = gasLimit
        self.to = to
        self.value = value
        self.data = data
        self.accessList = accessList
    }

    var fields: [RLPItem] {
        [
            .uint(chainId), .uint(nonce), .uint(maxPriorityFeePerGas), .uint(maxFeePerGas), .uint(gasLimit),
            .bytes(to?.bytes ?? []), .uint(value), .bytes(data),
            .list(accessList.map { .list([.bytes($0.address.bytes), .list($0.storageKeys.map(RLPItem.bytes))]) }),
        ]
    }

    /// The bytes whose Keccak-256 is signed: the type byte and the nine unsigned fields.
    public var unsignedPayload: [UInt8] {
        var out: [UInt8] = [Self.transactionType]
        RLP.append(.list(fields), to: &out)
        return out
    }

    public var signingHash: [UInt8] { Keccak256.hash(unsignedPayload) }

    public func signed(with key: EthereumPrivateKey) throws(EthereumError) -> SignedEIP1559Transaction {
        SignedEIP1559Transaction(transaction: self, signature: try key.sign(hash: signingHash))
    }

    /// The EIP-1559 validity rules that do not need chain state: the fee cap covers the tip,
    /// and gas_limit × max_fee_per_gas fits 256 bits (so the sender's balance check cannot overflow).
    public func validate() throws(EthereumError) {
        guard maxPriorityFeePerGas <= maxFeePerGas else {
            throw EthereumError(.invalidTransaction, "max_priority_fee_per_gas \(maxPriorityFeePerGas) exceeds max_fee_per_gas \(maxFeePerGas)")
        }
        guard !maxFeePerGas.multipliedReportingOverflow(by: UInt256(gasLimit)).overflow else {
            throw EthereumError(.invalidTransaction, "gas_limit × max_fee_per_gas overflows 256 bits")
        }
        guard nonce < UInt64.max else { throw EthereumError(.invalidTransaction, "nonce 2^64 − 1 is reserved (EIP-2681)") }
    }
}

/// A signed type-2 transaction: what `eth_sendRawTransaction` takes and what a block holds.
public struct SignedEIP1559Transaction: Sendable, Hashable {
    public var transaction: EIP1559Transaction
    public var signature: RecoverableSignature

    public init(transaction: EIP1559Transaction, signature: RecoverableSignature) {
        self.transaction = transaction
        self.signature = signature
    }

    /// `0x02 || rlp([… nine fields …, y_parity, r, s])`, with r and s as RLP integers.
    public var rawTransaction: [UInt8] {
        var out: [UInt8] = [EIP1559Transaction.transactionType]
        let r = UInt256(bigEndian: signature.r) ?? .zero
        let s = UInt256(bigEndian: signature.s) ?? .zero
        RLP.append(.list(transaction.fields + [.uint(UInt64(signature.yParity)), .uint(r), .uint(s)]), to: &out)
        return out
    }

    /// The transaction hash: Keccak-256 of the raw typed transaction (EIP-2718).
    public var hash: [UInt8] { Keccak256.hash(rawTransaction) }

    public func sender() throws(EthereumError) -> EthereumAddress {
        try Secp256k1.recoverAddress(hash: transaction.signingHash, signature: signature)
    }

    /// Decodes a raw type-2 transaction strictly (canonical RLP, canonical integers of at most
    /// 256 bits) and checks `EIP1559Transaction.validate()` and the signature's shape.
    public static func decode(_ raw: [UInt8]) throws(EthereumError) -> SignedEIP1559Transaction {
        guard raw.first == EIP1559Transaction.transactionType else {
            throw EthereumError(.invalidTransaction, "transaction type \(raw.first.map { String($0) } ?? "missing") is not 2")
        }
        do {
            let f = try RLP.decode(Array(raw.dropFirst())).list("transaction")
            guard f.count == 12 else { throw EthereumError(.invalidTransaction, "\(f.count) fields, not 12") }
            let toBytes = try f[5].bytes("destination")
            let to: EthereumAddress?
            if toBytes.isEmpty {
                to = nil
            } else if let a = EthereumAddress(bytes: toBytes) {
                to = a
            } else {
                throw EthereumError(.invalidTransaction, "destination is \(toBytes.count) bytes, not 20")
            }
            var accessList = [AccessListEntry]()
            for (i, entry) in try f[8].list("access_list").enumerated() {
                let pair = try entry.list("access_list[\(i)]")
                guard pair.count == 2, let address = EthereumAddress(bytes: try pair[0].bytes("access_list[\(i)].address")) else {
                    throw EthereumError(.invalidTransaction, "access_list[\(i)] is not [address, storage_keys]")
                }
                var keys = [[UInt8]]()
                for (j, key) in try pair[1].list("access_list[\(i)].storage_keys").enumerated() {
                    let k = try key.bytes("access_list[\(i)].storage_keys[\(j)]")
                    guard k.count == 32 else { throw EthereumError(.invalidTransaction, "access_list[\(i)].storage_keys[\(j)] is \(k.count) bytes") }
                    keys.append(k)
                }
                accessList.append(AccessListEntry(address: address, storageKeys: keys))
            }
            let transaction = EIP1559Transaction(
                chainId: try f[0].uint256("chain_id"), nonce: try f[1].uint64("nonce"),
                maxPriorityFeePerGas: try f[2].uint256("max_priority_fee_per_gas"), maxFeePerGas: try f[3].uint256("max_fee_per_gas"),
                gasLimit: try f[4].uint64("gas_limit"), to: to, value: try f[6].uint256("amount"), data: try f[7].bytes("data"),
                accessList: accessList)
            try transaction.validate()
            let yParity = try f[9].uint256("signature_y_parity")
            guard let parity = yParity.uint64, parity <= 1 else {
                throw EthereumError(.invalidSignature, "signature_y_parity \(yParity) is not 0 or 1")
            }
            let signature = RecoverableSignature(
                r: try f[10].uint256("signature_r").word, s: try f[11].uint256("signature_s").word, yParity: UInt8(parity))
            let signed = SignedEIP1559Transaction(transaction: transaction, signature: signature)
            guard signed.rawTransaction == raw else {
                throw EthereumError(.invalidTransaction, "re-encoding differs from the input")
            }
            return signed
        } catch let error as RLPError {
            throw EthereumError(.invalidTransaction, "RLP: \(error)")
        } catch let error as EthereumError {
            throw error
        } catch {
            throw EthereumError(.invalidTransaction, "\(error)")
        }
    }
}
