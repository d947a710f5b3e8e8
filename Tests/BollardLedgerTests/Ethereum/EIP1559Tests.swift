import BollardLedger
import BollardTestSupport
import Testing

@Suite("EIP-1559 transactions")
struct EIP1559Tests {
    static func transaction(_ fields: [String: Any]) throws -> EIP1559Transaction {
        func quantity(_ key: String) throws -> UInt256 {
            try #require(UInt256(quantity: try EthereumVectors.string(fields, key)), "\(key)")
        }
        let to = try (fields["to"] as? String).map { try EthereumAddress(hex: $0) }
        var accessList = [AccessListEntry]()
        for entry in fields["accessList"] as? [[String: Any]] ?? [] {
            let keys = try (entry["storageKeys"] as? [String] ?? []).map { try Hex.decode($0) }
            accessList.append(AccessListEntry(address: try EthereumAddress(hex: try EthereumVectors.string(entry, "address")), storageKeys: keys))
        }
        return EIP1559Transaction(
            chainId: try quantity("chainId"), nonce: try #require(try quantity("nonce").uint64),
            maxPriorityFeePerGas: try quantity("maxPriorityFeePerGas"), maxFeePerGas: try quantity("maxFeePerGas"),
            gasLimit: try #require(try quantity("gas").uint64), to: to, value: try quantity("value"),
            data: try Hex.decode(try EthereumVectors.string(fields, "data")), accessList: accessList)
    }

    @Test("generated vectors: payload, signing hash, RFC 6979 low-s signature, raw bytes, hash and sender")
    func generated() throws {
        let vectors = try EthereumVectors.vectors("generated/eip1559_signed.json")
        #expect(vectors.count == 9)
        for v in vectors {
            let name = try EthereumVectors.string(v, "name")
            let tx = try Self.transaction(try #require(v["tx"] as? [String: Any]))
            let key = try EthereumPrivateKey(hex: try EthereumVectors.string(v, "privateKey"))
            #expect(key.address.checksummed == (try EthereumVectors.string(v, "sender")), "\(name) key address")
            #expect(Hex.encode(tx.unsignedPayload) == (try EthereumVectors.string(v, "unsignedPayload")), "\(name) payload")
            #expect(Hex.encode(tx.signingHash) == (try EthereumVectors.string(v, "signingHash")), "\(name) signing hash")
            let signed = try tx.signed(with: key)
            #expect(Int(signed.signature.yParity) == (v["yParity"] as? Int), "\(name) yParity")
            #expect(Hex.encode(signed.signature.r) == (try EthereumVectors.string(v, "r")), "\(name) r")
            #expect(Hex.encode(signed.signature.s) == (try EthereumVectors.string(v, "s")), "\(name) s")
            let raw = try EthereumVectors.string(v, "rawSignedTx")
            #expect(Hex.encode(signed.rawTransaction) == raw, "\(name) raw")
            #expect(Hex.encode(signed.hash) == (try EthereumVectors.string(v, "txHash")), "\(name) hash")
            let decoded = try SignedEIP1559Transaction.decode(try Hex.decode(raw))
            #expect(decoded == signed, "\(name) decodes to the same transaction")
            #expect(try decoded.sender() == key.address, "\(name) sender recovery")
        }
    }

    @Test("ethereum/tests ttEIP1559: the valid transaction's hash and sender; every invalid one rejected")
    func ethereumTests() throws {
        let url = try BollardTestSupportFiles.ttEIP1559()
        #expect(url.count == 9)
        var valid = 0
        for file in url {
            let object = try EthereumVectors.object("ethereum-tests/TransactionTests/ttEIP1559/\(file)")
            let (name, raw) = try #require(object.first)
            let t = try #require(raw as? [String: Any])
            let bytes = try Hex.decode(try EthereumVectors.string(t, "txbytes"))
            let result = try #require((t["result"] as? [String: Any])?["Cancun"] as? [String: Any], "\(name)")
            if let hash = result["hash"] as? String, let sender = result["sender"] as? String {
                let tx = try SignedEIP1559Transaction.decode(bytes)
                #expect(Hex.encode(tx.hash) == hash, "\(name)")
                #expect(Hex.encode(try tx.sender().bytes) == sender, "\(name)")
                valid += 1
            } else {
                #expect(result["exception"] is String, "\(name)")
                #expect(throws: EthereumError.self, "\(name)") { try SignedEIP1559Transaction.decode(bytes).sender() }
            }
        }
        #expect(valid == 1)
    }

    @Test("a high-s signature is refused at recovery (EIP-2)")
    func highS() throws {
        let v = try #require(try EthereumVectors.vectors("generated/eip1559_signed.json").first)
        let tx = try Self.transaction(try #require(v["tx"] as? [String: Any]))
        let key = try EthereumPrivateKey(hex: try EthereumVectors.string(v, "privateKey"))
        let good = try tx.signed(with: key)
        let n = try Hex.decode("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")
        var high = [UInt8](repeating: 0, count: 32)
        var borrow = 0
        for i in stride(from: 31, through: 0, by: -1) {
            let d = Int(n[i]) - Int(good.signature.s[i]) - borrow
            high[i] = UInt8((d + 256) % 256)
            borrow = d < 0 ? 1 : 0
        }
        let flipped = RecoverableSignature(r: good.signature.r, s: high, yParity: 1 - good.signature.yParity)
        #expect(throws: EthereumError.self) { try Secp256k1.recoverAddress(hash: tx.signingHash, signature: flipped) }
    }

    @Test("a type other than 2 and a truncated transaction are rejected with a typed error")
    func malformed() throws {
        let raw = try Hex.decode(try EthereumVectors.string(try #require(try EthereumVectors.vectors("generated/eip1559_signed.json").first), "rawSignedTx"))
        #expect(throws: EthereumError.self) { try SignedEIP1559Transaction.decode([0x01] + raw.dropFirst()) }
        #expect(throws: EthereumError.self) { try SignedEIP1559Transaction.decode(Array(raw.dropLast())) }
        #expect(throws: EthereumError.self) { try SignedEIP1559Transaction.decode([]) }
    }
}

enum BollardTestSupportFiles {
    /// The ttEIP1559 file names.
    static func ttEIP1559() throws -> [String] {
        let dir = try SharedData.conformance("ethereum/ethereum-tests/TransactionTests/ttEIP1559")
        return try SharedData.files(under: dir, extensions: ["json"]).map(\.lastPathComponent)
    }
}
