import BollardLog

/// Anchors checkpoints in the Anchor.vy contract on an Ethereum-compatible chain, behind the
/// same `Anchor` protocol as `LocalLedger`.
///
/// An anchor's id is its transaction hash. It is `submitted` from broadcast until its block has
/// `requiredConfirmations` blocks on top (counting its own), then `confirmed`. The contract,
/// not this process, is the record of what is anchored: `submit` first asks it whether the size
/// is already committed, so a retry after a crash or a lost reply never commits a size twice,
/// and the contract itself refuses sizes that do not increase.
public actor EthereumAnchor: Anchor {
    public struct Configuration: Sendable {
        public var contract: EthereumAddress
        /// The log whose checkpoints this contract holds (one contract per log).
        public var origin: String
        /// K: blocks, counting the anchor's own, before an anchor is confirmed.
        public var requiredConfirmations: Int
        /// The contract's deployment block: log scans start there.
        public var fromBlock: UInt64
        /// EIP-1559 tip; nil asks the node (`eth_maxPriorityFeePerGas`).
        public var priorityFee: UInt256?
        public var pollInterval: Duration

        public init(
            contract: EthereumAddress, origin: String, requiredConfirmations: Int = 1, fromBlock: UInt64 = 0,
            priorityFee: UInt256? = nil, pollInterval: Duration = .milliseconds(200)
        ) {
            self.contract = contract
            self.origin = origin
            self.requiredConfirmations = max(1, requiredConfirmations)
            self.fromBlock = fromBlock
            self.priorityFee = priorityFee
            self.pollInterval = pollInterval
        }
    }

    /// A commit broadcast by this process and not yet seen in a block.
    struct InFlight: Sendable {
        var submission: AnchorSubmission
        var hash: [UInt8]
        var raw: [UInt8]
    }

    public nonisolated let rpc: EthereumRPC
    public nonisolated let configuration: Configuration
    private let signer: any EthereumTransactionSigner
    private var chainId: UInt256?
    private var inFlight: [UInt64: InFlight] = [:]
    /// SHA-256 of the checkpoint notes this process submitted, by size. The chain keeps roots
    /// only, so an anchor found on chain for a note this process never saw has an empty
    /// `checkpointNoteHash`; a verifier ties it to a note through the root and size.
    private var noteHashes: [UInt64: [UInt8]] = [:]

    public init(rpc: EthereumRPC, signer: any EthereumTransactionSigner, configuration: Configuration) {
        self.rpc = rpc
        self.signer = signer
        self.configuration = configuration
    }

    public nonisolated var requiredConfirmations: Int { configuration.requiredConfirmations }

    // MARK: Anchor

    public func submit(_ checkpoint: AnchorSubmission) async throws -> AnchorStatus {
        let parsed = try AnchorSubmission(signedNote: checkpoint.signedNote)
        guard parsed.origin == checkpoint.origin, parsed.size == checkpoint.size, parsed.root == checkpoint.root else {
            throw LedgerError(.invalidSubmission, "origin, size or root differ from the submitted checkpoint note's")
        }
        guard checkpoint.origin == configuration.origin else {
            throw LedgerError(.invalidSubmission, "origin \(checkpoint.origin) is not this contract's log \(configuration.origin)")
        }
        let size = checkpoint.size
        let noteHash = LedgerRecord.sha256(checkpoint.signedNote)
        if let pending = inFlight[size] {
            guard pending.submission.root == checkpoint.root else { throw conflict(size: size, root: pending.submission.root.bytes) }
            if let s = try await status(id: Hex.encode(pending.hash)) { return s }
        }
        let onChain = try await rootOnChain(size: size)
        if onChain != [UInt8](repeating: 0, count: 32) {
            guard onChain == checkpoint.root.bytes else { throw conflict(size: size, root: onChain) }
            noteHashes[size] = noteHash
            guard let existing = try await committedStatus(size: size) else {
                throw LedgerError(.unknownAnchor, "size \(size) has a root on chain but no Committed log from block \(configuration.fromBlock)")
            }
            return existing
        }
        let latest = try await latestSizeOnChain()
        guard size > latest else {
            throw LedgerError(.sizeNotIncreasing, "size \(size) is not above the last anchored size \(latest)")
        }
        let data = try AnchorContract.commit.encodeCall([.uint(UInt256(size)), .bytes32(checkpoint.root.bytes)])
        let sent = try await send(to: configuration.contract, data: data)
        noteHashes[size] = noteHash
        inFlight[size] = InFlight(submission: checkpoint, hash: sent.hash, raw: sent.raw)
        if let s = try await status(id: Hex.encode(sent.hash)) { return s }
        return pendingStatus(inFlight: InFlight(submission: checkpoint, hash: sent.hash, raw: sent.raw))
    }

    public func status(id: String) async throws -> AnchorStatus? {
        guard let hash = try? Hex.decode(id, what: "anchor id"), hash.count == 32 else { return nil }
        _ = try await currentChainId()
        guard let receipt = try await rpc.transactionReceipt(hash) else {
            return inFlight.values.first { $0.hash == hash }.map(pendingStatus(inFlight:))
        }
        return try await status(receipt: receipt, head: try await rpc.blockNumber())
    }

    /// Polls until confirmed. A transaction the node no longer has (dropped from the pool, or its
    /// block reorganised away) is broadcast again from the same signed bytes; if its nonce has
    /// meanwhile been spent by another transaction, the checkpoint is submitted afresh and the
    /// anchor returned is that new transaction's (its id differs from `id`).
    public func awaitConfirmation(id: String) async throws -> AnchorStatus {
        var id = id
        while true {
            try Task.checkCancellation()
            guard let current = try await status(id: id) else {
                throw LedgerError(.unknownAnchor, "no anchor \(id)")
            }
            if current.state == .confirmed { return current }
            if current.confirmations == 0, let pending = inFlight[current.size], pending.hash == (try? Hex.decode(id)) {
                if try await !rebroadcastIfDropped(pending) {
                    inFlight[current.size] = nil
                    id = try await submit(pending.submission).id
                    continue
                }
            }
            try await Task.sleep(for: configuration.pollInterval)
        }
    }

    public func anchors() async throws -> [AnchorStatus] {
        _ = try await currentChainId()
        let head = try await rpc.blockNumber()
        let logs = try await rpc.logs(
            address: configuration.contract, topics: [AnchorContract.committedTopic], fromBlock: configuration.fromBlock)
        var out = [AnchorStatus]()
        var seen = Set<UInt64>()
        for log in logs where !log.removed {
            guard let c = AnchorContract.committed(log) else { continue }
            seen.insert(c.size)
            out.append(status(log: log, committed: c, head: head))
        }
        for pending in inFlight.values.sorted(by: { $0.submission.size < $1.submission.size }) where !seen.contains(pending.submission.size) {
            out.append(pendingStatus(inFlight: pending))
        }
        return out
    }

    public func latestConfirmed(covering size: UInt64) async throws -> AnchorStatus? {
        try await anchors().last { $0.state == .confirmed && $0.size >= size }
    }

    // MARK: Contract reads

    public func rootOnChain(size: UInt64) async throws -> [UInt8] {
        let out = try await rpc.call(
            from: signer.address, to: configuration.contract, data: try AnchorContract.rootOf.encodeCall([.uint(UInt256(size))]))
        guard case .bytes32(let root)? = try AnchorContract.rootOf.decodeOutput(out).first else {
            throw EthereumError(.abi, "root_of returned no bytes32")
        }
        return root
    }

    public func latestSizeOnChain() async throws -> UInt64 {
        let out = try await rpc.call(from: signer.address, to: configuration.contract, data: try AnchorContract.latestSize.encodeCall([]))
        guard case .uint(let v)? = try AnchorContract.latestSize.decodeOutput(out).first, let size = v.uint64 else {
            throw EthereumError(.abi, "latest_size returned no uint64")
        }
        return size
    }

    /// Asks the contract, by `eth_call`, whether `proof` shows `leafHash` at `index` in the
    /// anchored tree of `size` leaves (RFC 9162 §2.1.3.2 evaluated on chain).
    public func verifyInclusionOnChain(leafHash: MerkleHash, index: UInt64, size: UInt64, proof: [MerkleHash]) async throws -> Bool {
        let out = try await rpc.call(from: signer.address, to: configuration.contract, data: try Self.verifyInclusionCall(
            leafHash: leafHash, index: index, size: size, proof: proof))
        guard case .bool(let ok)? = try AnchorContract.verifyInclusion.decodeOutput(out).first else {
            throw EthereumError(.abi, "verify_inclusion returned no bool")
        }
        return ok
    }

    public static func verifyInclusionCall(leafHash: MerkleHash, index: UInt64, size: UInt64, proof: [MerkleHash]) throws(EthereumError) -> [UInt8] {
        try AnchorContract.verifyInclusion.encodeCall([
            .bytes32(leafHash.bytes), .uint(UInt256(index)), .uint(UInt256(size)), .bytes32Array(proof.map(\.bytes)),
        ])
    }

    // MARK: Transactions

    /// Signs and broadcasts a type-2 transaction from the signer: nonce from the pending
    /// state, max fee = 2 × the pending block's base fee + tip (room for six full blocks of
    /// base-fee rises, EIP-1559's 12.5 % per block), gas = the node's estimate + 25 %.
    func send(to: EthereumAddress?, data: [UInt8]) async throws -> (hash: [UInt8], raw: [UInt8]) {
        let chainId = try await currentChainId()
        let nonce = try await rpc.transactionCount(signer.address)
        let baseFee = try await rpc.pendingBaseFee()
        let tip: UInt256
        if let configured = configuration.priorityFee {
            tip = configured
        } else {
            tip = try await rpc.maxPriorityFeePerGas()
        }
        let (doubled, o1) = baseFee.multipliedReportingOverflow(by: 2)
        let (maxFee, o2) = doubled.addingReportingOverflow(tip)
        guard !o1, !o2 else { throw EthereumError(.invalidQuantity, "base fee \(baseFee) + tip \(tip) overflows") }
        let estimate = try await rpc.estimateGas(from: signer.address, to: to, data: data)
        let tx = EIP1559Transaction(
            chainId: chainId, nonce: nonce, maxPriorityFeePerGas: tip, maxFeePerGas: maxFee,
            gasLimit: estimate + estimate / 4, to: to, data: data)
        let signed = try await signer.sign(tx)
        let raw = signed.rawTransaction
        let reported = try await rpc.sendRawTransaction(raw)
        guard reported == signed.hash else {
            throw EthereumError(.rpc, "the node reports transaction \(Hex.encode(reported)), not \(Hex.encode(signed.hash))")
        }
        return (signed.hash, raw)
    }

    private func currentChainId() async throws -> UInt256 {
        if let chainId { return chainId }
        let id = try await rpc.chainId()
        chainId = id
        return id
    }

    /// False when the node refuses the transaction because its nonce is already spent.
    private func rebroadcastIfDropped(_ pending: InFlight) async throws -> Bool {
        let known = try await rpc.call("eth_getTransactionByHash", [.string(Hex.encode(pending.hash))])
        guard known.isNull else { return true }
        let refusal: EthereumError
        do {
            _ = try await rpc.sendRawTransaction(pending.raw)
            return true
        } catch {
            refusal = error
        }
        guard refusal.code == .rpc, refusal.context.contains("nonce too low") else { throw refusal }
        return false
    }

    // MARK: Statuses

    private func status(receipt: TransactionReceipt, head: UInt64) async throws -> AnchorStatus? {
        guard let log = receipt.logs.first(where: { $0.address == configuration.contract && AnchorContract.committed($0) != nil }),
              let committed = AnchorContract.committed(log) else {
            if receipt.status == 0, let failed = inFlight.values.first(where: { $0.hash == receipt.transactionHash }) {
                // Forgotten so that the next submit of this size asks the contract afresh.
                inFlight[failed.submission.size] = nil
                throw EthereumError(.reverted, "anchor transaction \(Hex.encode(receipt.transactionHash)) failed in block \(receipt.blockNumber)")
            }
            return nil
        }
        return status(log: log, committed: committed, head: head)
    }

    private func committedStatus(size: UInt64) async throws -> AnchorStatus? {
        _ = try await currentChainId()
        let head = try await rpc.blockNumber()
        let logs = try await rpc.logs(
            address: configuration.contract, topics: [AnchorContract.committedTopic, UInt256(size).word],
            fromBlock: configuration.fromBlock)
        for log in logs where !log.removed {
            if let c = AnchorContract.committed(log), c.size == size { return status(log: log, committed: c, head: head) }
        }
        return nil
    }

    private func status(log: EthereumLog, committed: (size: UInt64, root: [UInt8]), head: UInt64) -> AnchorStatus {
        let confirmations = head >= log.blockNumber ? Int(clamping: head - log.blockNumber + 1) : 0
        // Kept until confirmed: a reorganisation before then may drop it, and it is sent again.
        if confirmations >= configuration.requiredConfirmations { inFlight[committed.size] = nil }
        return AnchorStatus(
            id: Hex.encode(log.transactionHash), origin: configuration.origin, size: committed.size,
            root: MerkleHash(bytes: committed.root) ?? RFC9162.emptyRoot, checkpointNoteHash: noteHashes[committed.size] ?? [],
            state: confirmations >= configuration.requiredConfirmations ? .confirmed : .submitted,
            confirmations: confirmations, requiredConfirmations: configuration.requiredConfirmations,
            evidence: evidence(transactionHash: log.transactionHash, blockNumber: log.blockNumber, blockHash: log.blockHash))
    }

    private func pendingStatus(inFlight pending: InFlight) -> AnchorStatus {
        AnchorStatus(
            id: Hex.encode(pending.hash), origin: configuration.origin, size: pending.submission.size, root: pending.submission.root,
            checkpointNoteHash: noteHashes[pending.submission.size] ?? [], state: .submitted, confirmations: 0,
            requiredConfirmations: configuration.requiredConfirmations,
            evidence: evidence(transactionHash: pending.hash, blockNumber: nil, blockHash: nil))
    }

    /// What a verifier needs to look the anchor up on any node of the chain: chain id, contract,
    /// transaction and (once mined) block, as a JSON object with fixed member order.
    private func evidence(transactionHash: [UInt8], blockNumber: UInt64?, blockHash: [UInt8]?) -> [UInt8] {
        var text = "{\"chainId\":\"\(chainId?.quantity ?? "")\",\"contract\":\"\(configuration.contract.checksummed)\""
        text += ",\"transactionHash\":\"\(Hex.encode(transactionHash))\""
        if let blockNumber, let blockHash {
            text += ",\"blockNumber\":\"\(UInt256(blockNumber).quantity)\",\"blockHash\":\"\(Hex.encode(blockHash))\""
        }
        return Array((text + "}").utf8)
    }

    private func conflict(size: UInt64, root: [UInt8]) -> LedgerError {
        LedgerError(.conflictingRoot, "size \(size) is already anchored with root \(Hex.encode(root))")
    }

    // MARK: Deployment

    /// Deploys the anchor contract (`initcode` = Anchor.bin) from `signer`, who becomes its
    /// owner; returns the mined receipt, whose `contractAddress` and `blockNumber` configure the anchor.
    public static func deploy(
        rpc: EthereumRPC, signer: any EthereumTransactionSigner, initcode: [UInt8], priorityFee: UInt256? = nil,
        pollInterval: Duration = .milliseconds(100), timeout: Duration = .seconds(60)
    ) async throws -> TransactionReceipt {
        let deployer = EthereumAnchor(
            rpc: rpc, signer: signer,
            configuration: Configuration(contract: signer.address, origin: "", priorityFee: priorityFee, pollInterval: pollInterval))
        let sent = try await deployer.send(to: nil, data: initcode)
        let receipt = try await waitForReceipt(rpc: rpc, hash: sent.hash, pollInterval: pollInterval, timeout: timeout)
        guard receipt.status == 1, receipt.contractAddress != nil else {
            throw EthereumError(.reverted, "deployment \(Hex.encode(sent.hash)) failed (status \(receipt.status))")
        }
        return receipt
    }

    public static func waitForReceipt(
        rpc: EthereumRPC, hash: [UInt8], pollInterval: Duration, timeout: Duration
    ) async throws -> TransactionReceipt {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let receipt = try await rpc.transactionReceipt(hash) { return receipt }
            try await Task.sleep(for: pollInterval)
        }
        throw EthereumError(.timeout, "no receipt for \(Hex.encode(hash)) after \(timeout)")
    }
}
