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
        /// When a commit still has no receipt, re-sign the same nonce with both fees bumped
        /// (nil: never replace).
        public var replaceAfter: ReplacementPolicy?
        /// The highest `maxFeePerGas` ever signed, in wei; a replacement that would need more is
        /// refused with `.feeCapReached` and the pending transaction is left to be mined as is.
        public var maxFeePerGasCap: UInt256?
        /// Blocks after which an anchor's block is taken as final: up to this depth the
        /// including block's hash is re-checked against the node's canonical chain.
        public var reorgHorizon: UInt64
        /// Blocks per `eth_getLogs` call; halved whenever a node refuses the range.
        public var maxLogRange: UInt64

        public init(
            contract: EthereumAddress, origin: String, requiredConfirmations: Int = 1, fromBlock: UInt64 = 0,
            priorityFee: UInt256? = nil, pollInterval: Duration = .milliseconds(200), replaceAfter: ReplacementPolicy? = nil,
            maxFeePerGasCap: UInt256? = nil, reorgHorizon: UInt64 = 64, maxLogRange: UInt64 = 10_000
        ) {
            self.contract = contract
            self.origin = origin
            self.requiredConfirmations = max(1, requiredConfirmations)
            self.fromBlock = fromBlock
            self.priorityFee = priorityFee
            self.pollInterval = pollInterval
            self.replaceAfter = replaceAfter
            self.maxFeePerGasCap = maxFeePerGasCap
            self.reorgHorizon = max(1, reorgHorizon)
            self.maxLogRange = max(1, maxLogRange)
        }
    }

    /// When a transaction without a receipt counts as stuck: after `interval` since it was
    /// sent, or after `blocks` blocks, whichever comes first (nil = not by that measure).
    public struct ReplacementPolicy: Sendable, Hashable {
        public var interval: Duration?
        public var blocks: UInt64?

        public init(interval: Duration? = nil, blocks: UInt64? = nil) {
            self.interval = interval
            self.blocks = blocks
        }
    }

    /// Bump of both fees on replacement: 12.5 %, above geth's and Besu's 10 % minimum
    /// (geth core/txpool/legacypool `PriceBump`), so one bump is enough on either.
    static func bumped(_ fee: UInt256) -> UInt256 {
        let (sum, overflow) = fee.addingReportingOverflow(fee.dividedByEight.addingReportingOverflow(1).partialValue)
        return overflow ? fee : sum
    }

    struct Sent: Sendable {
        var hash: [UInt8]
        var raw: [UInt8]
        var transaction: EIP1559Transaction
    }

    struct BlockRef: Sendable, Equatable {
        var number: UInt64
        var hash: [UInt8]
    }

    /// A commit broadcast by this process and not yet confirmed: every version sent for its
    /// nonce (the original and its replacements, any of which may be mined).
    struct InFlight: Sendable {
        var submission: AnchorSubmission
        var sent: [Sent]
        /// The fees the next replacement bumps from (a refused replacement's, when the node
        /// wanted more than our bump).
        var bumpBase: EIP1559Transaction
        var lastSentAt: ContinuousClock.Instant
        var lastSentBlock: UInt64
        /// The block the commit was last seen in, re-checked at each poll.
        var inclusion: BlockRef?

        var latest: Sent { sent[sent.count - 1] }
        func contains(_ hash: [UInt8]) -> Bool { sent.contains { $0.hash == hash } }
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
    /// Every transaction hash this process sent, by checkpoint size.
    private var sizeOfHash: [[UInt8]: UInt64] = [:]
    private var logRange: UInt64
    /// Times an anchor's including block was found gone or changed (a reorganisation).
    public private(set) var reorgsObserved = 0
    /// Replacements sent, and replacements the node refused as underpriced.
    public private(set) var replacementsSent = 0
    public private(set) var replacementsRefused = 0

    public init(rpc: EthereumRPC, signer: any EthereumTransactionSigner, configuration: Configuration) {
        self.rpc = rpc
        self.signer = signer
        self.configuration = configuration
        self.logRange = configuration.maxLogRange
    }

    /// The hashes sent for the commit of `size`, oldest first (empty when none is in flight).
    public func sentHashes(size: UInt64) -> [String] {
        inFlight[size]?.sent.map { Hex.encode($0.hash) } ?? []
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
            return try await inFlightStatus(size: size)
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
        sizeOfHash[sent.hash] = size
        inFlight[size] = InFlight(
            submission: checkpoint, sent: [sent], bumpBase: sent.transaction, lastSentAt: .now,
            lastSentBlock: try await rpc.blockNumber(), inclusion: nil)
        return try await inFlightStatus(size: size)
    }

    public func status(id: String) async throws -> AnchorStatus? {
        guard let hash = try? Hex.decode(id, what: "anchor id"), hash.count == 32 else { return nil }
        _ = try await currentChainId()
        if let size = inFlight.first(where: { $0.value.contains(hash) })?.key {
            return try await inFlightStatus(size: size)
        }
        guard let receipt = try await rpc.transactionReceipt(hash) else {
            // A version this process replaced, or one dropped and committed anew: the size's anchor.
            if let size = sizeOfHash[hash] { return try await committedStatus(size: size) }
            return nil
        }
        let head = try await rpc.blockNumber()
        guard try await isCanonical(number: receipt.blockNumber, hash: receipt.blockHash, head: head) else { return nil }
        return try await status(receipt: receipt, head: head)
    }

    /// The in-flight commit of `size`: whichever version sent has a receipt in a block that is
    /// still canonical, else pending. A block that held it and is gone or changed is a reorg.
    private func inFlightStatus(size: UInt64) async throws -> AnchorStatus {
        guard var pending = inFlight[size] else { throw LedgerError(.unknownAnchor, "no anchor in flight for size \(size)") }
        let head = try await rpc.blockNumber()
        var found: (TransactionReceipt, BlockRef)?
        for sent in pending.sent.reversed() {
            guard let receipt = try await rpc.transactionReceipt(sent.hash) else { continue }
            let block = BlockRef(number: receipt.blockNumber, hash: receipt.blockHash)
            if try await isCanonical(number: block.number, hash: block.hash, head: head) {
                found = (receipt, block)
                break
            }
        }
        if let previous = pending.inclusion, previous != found?.1 { reorgsObserved += 1 }
        pending.inclusion = found?.1
        inFlight[size] = pending
        if let (receipt, _) = found, let s = try await status(receipt: receipt, head: head) { return s }
        return pendingStatus(inFlight: pending)
    }

    /// Whether block `number` on the node's canonical chain has `hash`; blocks deeper than the
    /// reorg horizon are taken as final and not asked for.
    private func isCanonical(number: UInt64, hash: [UInt8], head: UInt64) async throws -> Bool {
        if head >= number, head - number >= configuration.reorgHorizon { return true }
        return try await rpc.blockHash(number) == hash
    }

    /// Polls until confirmed. At each poll the including block's hash is re-checked, so a
    /// reorganisation sends the anchor back to waiting; a transaction the node no longer has is
    /// broadcast again from the same signed bytes; one stuck past `replaceAfter` is replaced
    /// with both fees bumped; if its nonce has meanwhile been spent by another transaction, the
    /// checkpoint is submitted afresh. The anchor returned is the mined version's (its id may
    /// differ from `id`). The node unreachable (`.transport`) is waited out, not thrown.
    public func awaitConfirmation(id: String) async throws -> AnchorStatus {
        var id = id
        while true {
            try Task.checkCancellation()
            do {
                guard let current = try await status(id: id) else {
                    throw LedgerError(.unknownAnchor, "no anchor \(id)")
                }
                if current.state == .confirmed { return current }
                let hash = try Hex.decode(id)
                if current.confirmations == 0, let size = inFlight.first(where: { $0.value.contains(hash) })?.key {
                    if try await !keepPending(size: size), let pending = inFlight[size] {
                        inFlight[size] = nil
                        id = try await submit(pending.submission).id
                        continue
                    }
                }
            } catch let error as EthereumError where error.code == .transport {
                // The node is down or restarting: the anchor's fate is decided on chain, so wait.
            }
            try await Task.sleep(for: configuration.pollInterval)
        }
    }

    public func anchors() async throws -> [AnchorStatus] {
        _ = try await currentChainId()
        let head = try await rpc.blockNumber()
        let logs = try await scanLogs(topics: [AnchorContract.committedTopic], head: head)
        var out = [AnchorStatus]()
        var seen = Set<UInt64>()
        for log in logs where !log.removed {
            guard let c = AnchorContract.committed(log),
                  try await isCanonical(number: log.blockNumber, hash: log.blockHash, head: head) else { continue }
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
    /// base-fee rises, EIP-1559's 12.5 % per block) but never above `maxFeePerGasCap`,
    /// gas = the node's estimate + 25 %.
    func send(to: EthereumAddress?, data: [UInt8]) async throws -> Sent {
        let chainId = try await currentChainId()
        let nonce = try await rpc.transactionCount(signer.address)
        var (tip, maxFee, baseFee) = try await marketFees()
        if let cap = configuration.maxFeePerGasCap, maxFee > cap {
            guard cap >= baseFee else {
                throw EthereumError(.feeCapReached, "the base fee \(baseFee) wei is above the max fee cap \(cap) wei")
            }
            maxFee = cap
            tip = min(tip, maxFee)
        }
        let estimate = try await rpc.estimateGas(from: signer.address, to: to, data: data)
        let tx = EIP1559Transaction(
            chainId: chainId, nonce: nonce, maxPriorityFeePerGas: tip, maxFeePerGas: maxFee,
            gasLimit: estimate + estimate / 4, to: to, data: data)
        return try await broadcast(tx)
    }

    private func marketFees() async throws -> (tip: UInt256, maxFee: UInt256, baseFee: UInt256) {
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
        return (tip, maxFee, baseFee)
    }

    private func broadcast(_ tx: EIP1559Transaction) async throws -> Sent {
        let signed = try await signer.sign(tx)
        let reported = try await rpc.sendRawTransaction(signed.rawTransaction)
        guard reported == signed.hash else {
            throw EthereumError(.rpc, "the node reports transaction \(Hex.encode(reported)), not \(Hex.encode(signed.hash))")
        }
        return Sent(hash: signed.hash, raw: signed.rawTransaction, transaction: tx)
    }

    /// One step for a commit without a receipt: re-broadcast it if the node lost it, replace it
    /// if it is stuck. False when its nonce was spent by a transaction that is not ours.
    private func keepPending(size: UInt64) async throws -> Bool {
        guard var pending = inFlight[size] else { return true }
        var known = false
        for sent in pending.sent.reversed() {
            let found = try await rpc.call("eth_getTransactionByHash", [.string(Hex.encode(sent.hash))])
            if !found.isNull {
                known = true
                break
            }
        }
        if !known {
            var refusal: EthereumError?
            do {
                _ = try await rpc.sendRawTransaction(pending.latest.raw)
            } catch {
                refusal = error
            }
            switch refusal?.code {
            case nil: break
            case .nonceTooLow?: return false
            // The node holds this nonce already (ours, or one it will not let us replace).
            case .alreadyKnown?, .replacementUnderpriced?: break
            default: if let refusal { throw refusal }
            }
        }
        let head = try await rpc.blockNumber()
        guard let policy = configuration.replaceAfter, isStuck(pending, policy: policy, head: head) else { return true }
        try await replace(&pending, head: head)
        inFlight[size] = pending
        return true
    }

    private func isStuck(_ pending: InFlight, policy: ReplacementPolicy, head: UInt64) -> Bool {
        if let interval = policy.interval, ContinuousClock.now - pending.lastSentAt >= interval { return true }
        if let blocks = policy.blocks, head >= pending.lastSentBlock, head - pending.lastSentBlock >= blocks { return true }
        return false
    }

    /// Re-signs the same nonce with both fees bumped 12.5 % (and never under what the market
    /// asks now). Above `maxFeePerGasCap` nothing is sent and `.feeCapReached` is thrown; a
    /// node wanting a bigger bump ("replacement transaction underpriced") gets one next time.
    private func replace(_ pending: inout InFlight, head: UInt64) async throws {
        let base = pending.bumpBase
        let market = try await marketFees()
        var tx = base
        tx.maxPriorityFeePerGas = max(Self.bumped(base.maxPriorityFeePerGas), market.tip)
        tx.maxFeePerGas = max(Self.bumped(base.maxFeePerGas), market.maxFee, tx.maxPriorityFeePerGas)
        if let cap = configuration.maxFeePerGasCap, tx.maxFeePerGas > cap {
            pending.lastSentAt = .now
            pending.lastSentBlock = head
            throw EthereumError(.feeCapReached, "the anchor of size \(pending.submission.size) (nonce \(base.nonce), "
                + "\(Hex.encode(pending.latest.hash))) is stuck; replacing it needs a max fee of \(tx.maxFeePerGas) wei, above the cap \(cap) wei")
        }
        pending.bumpBase = tx
        pending.lastSentAt = .now
        pending.lastSentBlock = head
        let sent: Sent
        do {
            sent = try await broadcast(tx)
        } catch {
            switch (error as? EthereumError)?.code {
            case .replacementUnderpriced?: replacementsRefused += 1
            // Mined meanwhile: the next poll finds its receipt.
            case .nonceTooLow?, .alreadyKnown?: break
            default: throw error
            }
            return
        }
        pending.sent.append(sent)
        sizeOfHash[sent.hash] = pending.submission.size
        replacementsSent += 1
    }

    private func currentChainId() async throws -> UInt256 {
        if let chainId { return chainId }
        let id = try await rpc.chainId()
        chainId = id
        return id
    }

    // MARK: Statuses

    private func status(receipt: TransactionReceipt, head: UInt64) async throws -> AnchorStatus? {
        guard let log = receipt.logs.first(where: { $0.address == configuration.contract && AnchorContract.committed($0) != nil }),
              let committed = AnchorContract.committed(log) else {
            if receipt.status == 0, let failed = inFlight.values.first(where: { $0.contains(receipt.transactionHash) }) {
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
        let logs = try await scanLogs(topics: [AnchorContract.committedTopic, UInt256(size).word], head: head)
        for log in logs where !log.removed {
            if let c = AnchorContract.committed(log), c.size == size,
               try await isCanonical(number: log.blockNumber, hash: log.blockHash, head: head) {
                return status(log: log, committed: c, head: head)
            }
        }
        return nil
    }

    /// `eth_getLogs` from the deployment block to `head` in ranges of at most `logRange`
    /// blocks, halving the range whenever the node refuses one as too large (hosted nodes cap
    /// ranges or result counts; the halved range is kept for later scans).
    private func scanLogs(topics: [[UInt8]?], head: UInt64) async throws -> [EthereumLog] {
        var out = [EthereumLog]()
        var from = configuration.fromBlock
        while from <= head {
            let (end, overflow) = from.addingReportingOverflow(logRange - 1)
            let to = overflow ? head : min(head, end)
            var refusal: EthereumError?
            do {
                out += try await rpc.logs(address: configuration.contract, topics: topics, fromBlock: from, toBlock: to)
            } catch {
                refusal = error
            }
            if let refusal {
                guard refusal.code == .logRangeTooLarge, logRange > 1 else { throw refusal }
                logRange = max(1, logRange / 2)
                continue
            }
            if to == UInt64.max { break }
            from = to + 1
        }
        return out
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
            id: Hex.encode(pending.latest.hash), origin: configuration.origin, size: pending.submission.size, root: pending.submission.root,
            checkpointNoteHash: noteHashes[pending.submission.size] ?? [], state: .submitted, confirmations: 0,
            requiredConfirmations: configuration.requiredConfirmations,
            evidence: evidence(transactionHash: pending.latest.hash, blockNumber: nil, blockHash: nil))
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
