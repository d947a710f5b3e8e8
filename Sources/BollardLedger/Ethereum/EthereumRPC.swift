import AsyncHTTPClient
import Foundation
import NIOCore

/// A transaction receipt (execution-apis `eth_getTransactionReceipt`), the fields anchoring uses.
public struct TransactionReceipt: Sendable, Hashable {
    public var transactionHash: [UInt8]
    public var blockNumber: UInt64
    public var blockHash: [UInt8]
    /// EIP-658: 1 success, 0 failure.
    public var status: UInt64
    public var gasUsed: UInt64
    public var effectiveGasPrice: UInt256
    public var contractAddress: EthereumAddress?
    public var logs: [EthereumLog]
}

/// One event log (execution-apis `eth_getLogs`).
public struct EthereumLog: Sendable, Hashable {
    public var address: EthereumAddress
    public var topics: [[UInt8]]
    public var data: [UInt8]
    public var blockNumber: UInt64
    public var blockHash: [UInt8]
    public var transactionHash: [UInt8]
    /// True when a reorganisation dropped the log's block.
    public var removed: Bool
}

/// A client of the standard Ethereum JSON-RPC API (ethereum/execution-apis) over HTTP. Only
/// specified methods are used, so any node (geth, Nethermind, Erigon, anvil, a provider) serves it.
public struct EthereumRPC: Sendable {
    public let url: String
    private let client: HTTPClient
    private let timeout: TimeAmount

    public init(url: String, client: HTTPClient = .shared, timeout: TimeAmount = .seconds(30)) {
        self.url = url
        self.client = client
        self.timeout = timeout
    }

    private struct Request: Encodable {
        let jsonrpc = "2.0"
        let id: Int
        let method: String
        let params: [JSONValue]
    }

    private struct Reply: Decodable {
        struct Failure: Decodable {
            let code: Int
            let message: String
        }
        let result: JSONValue?
        let error: Failure?
    }

    /// One JSON-RPC call. A reply with an error object is `.rpc`, or `.reverted` when the node
    /// says the EVM reverted (code 3 or "execution reverted", as geth answers).
    public func call(_ method: String, _ params: [JSONValue]) async throws(EthereumError) -> JSONValue {
        let reply: Reply
        do {
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(Request(id: 1, method: method, params: params))))
            let response = try await client.execute(request, timeout: timeout)
            let body = try await response.body.collect(upTo: 32 << 20)
            guard response.status == .ok else {
                throw EthereumError(.transport, "\(method): HTTP \(response.status.code)")
            }
            reply = try JSONDecoder().decode(Reply.self, from: Data(body.readableBytesView))
        } catch let error as EthereumError {
            throw error
        } catch {
            throw EthereumError(.transport, "\(method) at \(url): \(error)")
        }
        if let failure = reply.error {
            if failure.code == 3 || failure.message.contains("execution reverted") {
                throw EthereumError(.reverted, "\(method): \(failure.message)")
            }
            throw EthereumError(NodeRefusal.classify(failure.message) ?? .rpc, "\(method): \(failure.code) \(failure.message)")
        }
        return reply.result ?? .null
    }

    public func chainId() async throws(EthereumError) -> UInt256 {
        try await call("eth_chainId", []).quantity("")
    }

    public func blockNumber() async throws(EthereumError) -> UInt64 {
        try await call("eth_blockNumber", []).quantity64("")
    }

    /// The next nonce; "pending" counts the sender's transactions still in the pool.
    public func transactionCount(_ address: EthereumAddress, block: String = "pending") async throws(EthereumError) -> UInt64 {
        try await call("eth_getTransactionCount", [.string(address.checksummed), .string(block)]).quantity64("")
    }

    /// The base fee the next block will charge (EIP-1559 §"Specification": it is fixed by the
    /// parent, so the pending block already carries it).
    public func pendingBaseFee() async throws(EthereumError) -> UInt256 {
        let block = try await call("eth_getBlockByNumber", [.string("pending"), .bool(false)])
        guard !block.isNull else { throw EthereumError(.rpc, "eth_getBlockByNumber(pending) returned null") }
        return try block.quantity("baseFeePerGas")
    }

    public func maxPriorityFeePerGas() async throws(EthereumError) -> UInt256 {
        try await call("eth_maxPriorityFeePerGas", []).quantity("")
    }

    /// The hash of block `number`, nil when the node has no such block.
    public func blockHash(_ number: UInt64) async throws(EthereumError) -> [UInt8]? {
        let block = try await call("eth_getBlockByNumber", [.string(UInt256(number).quantity), .bool(false)])
        return block.isNull ? nil : try block.data("hash")
    }

    static func callObject(from: EthereumAddress?, to: EthereumAddress?, data: [UInt8]) -> JSONValue {
        var o: [String: JSONValue] = ["data": .string(Hex.encode(data))]
        if let from { o["from"] = .string(from.checksummed) }
        if let to { o["to"] = .string(to.checksummed) }
        return .object(o)
    }

    public func estimateGas(from: EthereumAddress, to: EthereumAddress?, data: [UInt8]) async throws(EthereumError) -> UInt64 {
        try await call("eth_estimateGas", [Self.callObject(from: from, to: to, data: data)]).quantity64("")
    }

    /// `eth_call` at `block`; a revert is `.reverted` with the node's reason text.
    public func call(from: EthereumAddress?, to: EthereumAddress, data: [UInt8], block: String = "latest") async throws(EthereumError) -> [UInt8] {
        try await call("eth_call", [Self.callObject(from: from, to: to, data: data), .string(block)]).data("")
    }

    /// Broadcasts a signed transaction; returns the hash the node reports.
    public func sendRawTransaction(_ raw: [UInt8]) async throws(EthereumError) -> [UInt8] {
        try await call("eth_sendRawTransaction", [.string(Hex.encode(raw))]).data("")
    }

    /// The receipt, or nil while the transaction is not in a block (or unknown).
    public func transactionReceipt(_ hash: [UInt8]) async throws(EthereumError) -> TransactionReceipt? {
        let r = try await call("eth_getTransactionReceipt", [.string(Hex.encode(hash))])
        if r.isNull { return nil }
        var logs = [EthereumLog]()
        if case .array(let items)? = r["logs"] {
            for item in items { logs.append(try Self.log(item)) }
        }
        var contract: EthereumAddress? = nil
        if let c = r["contractAddress"]?.string { contract = try EthereumAddress(hex: c) }
        return TransactionReceipt(
            transactionHash: try r.data("transactionHash"), blockNumber: try r.quantity64("blockNumber"),
            blockHash: try r.data("blockHash"), status: try r.quantity64("status"), gasUsed: try r.quantity64("gasUsed"),
            effectiveGasPrice: (try? r.quantity("effectiveGasPrice")) ?? .zero, contractAddress: contract, logs: logs)
    }

    /// `eth_getLogs` for one contract, filtered by topics (nil = any), over a block range.
    public func logs(address: EthereumAddress, topics: [[UInt8]?], fromBlock: UInt64, toBlock: UInt64) async throws(EthereumError) -> [EthereumLog] {
        try await logs(address: address, topics: topics, fromBlock: fromBlock, toBlock: UInt256(toBlock).quantity)
    }

    public func logs(address: EthereumAddress, topics: [[UInt8]?], fromBlock: UInt64, toBlock: String = "latest") async throws(EthereumError) -> [EthereumLog] {
        let filter: JSONValue = .object([
            "address": .string(address.checksummed),
            "topics": .array(topics.map { $0.map { .string(Hex.encode($0)) } ?? .null }),
            "fromBlock": .string(UInt256(fromBlock).quantity),
            "toBlock": .string(toBlock),
        ])
        guard case .array(let items) = try await call("eth_getLogs", [filter]) else {
            throw EthereumError(.rpc, "eth_getLogs did not return an array")
        }
        var out = [EthereumLog]()
        for item in items { out.append(try Self.log(item)) }
        return out
    }

    static func log(_ v: JSONValue) throws(EthereumError) -> EthereumLog {
        guard let address = v["address"]?.string, case .array(let topicValues)? = v["topics"] else {
            throw EthereumError(.rpc, "a log lacks address or topics")
        }
        var topics = [[UInt8]]()
        for t in topicValues {
            guard let s = t.string else { throw EthereumError(.rpc, "a log topic is not a string") }
            topics.append(try Hex.decode(s, what: "topic"))
        }
        var removed = false
        if case .bool(let b)? = v["removed"] { removed = b }
        return EthereumLog(
            address: try EthereumAddress(hex: address), topics: topics, data: try v.data("data"),
            blockNumber: try v.quantity64("blockNumber"), blockHash: try v.data("blockHash"),
            transactionHash: try v.data("transactionHash"), removed: removed)
    }
}
