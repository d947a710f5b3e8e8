import BollardLedger
import BollardLog
import Foundation
import Testing

/// Every devnet suite runs inside this one, one test at a time, so block counts are predictable.
@Suite("devnet", .serialized, .enabled(if: Devnet.shouldRun), .timeLimit(.minutes(2)))
enum DevnetTests {}

extension DevnetTests {
    /// The Ethereum adapter against a real EVM (py-evm) over JSON-RPC; each test deploys its own
    /// contract from its own funded account.
    @Suite("Ethereum anchor on the devnet")
    struct EthereumAnchorTests {
        @Test("node basics: chain id, pending base fee, nonce, and a revert surfaces as .reverted")
        func nodeBasics() async throws {
            let rpc = try Devnet.rpc()
            #expect(try await rpc.chainId() > .zero)
            #expect(try await rpc.pendingBaseFee() > .zero)
            let key = try Devnet.key(9)
            let before = try await rpc.transactionCount(key.address)
            let anchor = try await Devnet.deployAnchor(owner: key, origin: testOrigin)
            #expect(try await rpc.transactionCount(key.address) == before + 1)
            let stranger = try Devnet.key(8)
            let data = try AnchorContract.commit.encodeCall([.uint(1), .bytes32([UInt8](repeating: 1, count: 32))])
            await #expect(throws: EthereumError.self) {
                _ = try await rpc.call(from: stranger.address, to: anchor.configuration.contract, data: data)
            }
            let error = await #expect(throws: EthereumError.self) {
                _ = try await rpc.estimateGas(from: stranger.address, to: anchor.configuration.contract, data: data)
            }
            #expect(error?.code == .reverted)
            #expect(error?.context.contains("not owner") == true)
        }

        @Test("commit checkpoints of a real log: submitted → confirmed, idempotent by size, sizes increase, roots cannot change")
        func commitCheckpoints() async throws {
            var log = try await TestLog()
            let owner = try Devnet.key(1)
            let anchor = try await Devnet.deployAnchor(owner: owner, origin: testOrigin)
            let first = try await log.grow(by: 10)
            let s1 = try await anchor.submit(first)
            #expect(s1.size == 10)
            #expect(s1.root == first.root)
            let confirmed = try await anchor.awaitConfirmation(id: s1.id)
            #expect(confirmed.state == .confirmed)
            #expect(confirmed.confirmations >= 1)
            #expect(try await anchor.rootOnChain(size: 10) == first.root.bytes)
            #expect(try await anchor.latestSizeOnChain() == 10)
            let evidence = String(decoding: confirmed.evidence, as: UTF8.self)
            #expect(evidence.contains(confirmed.id))
            #expect(evidence.contains(anchor.configuration.contract.checksummed))

            // The same checkpoint again: the same anchor, no second transaction.
            let nonce = try await anchor.rpc.transactionCount(owner.address)
            #expect(try await anchor.submit(first).id == s1.id)
            #expect(try await anchor.rpc.transactionCount(owner.address) == nonce)

            let second = try await log.grow(by: 7)
            let s2 = try await anchor.awaitConfirmation(id: try await anchor.submit(second).id)
            #expect(s2.size == 17)

            // A smaller tree, and a different root for an anchored size, are refused.
            await #expect(throws: LedgerError.self) { try await anchor.submit(try log.keys.checkpoint(size: 12)) }
            let forked = try log.keys.checkpoint(size: 17, salt: 0x5a)
            await #expect(throws: LedgerError.self) { try await anchor.submit(forked) }

            let all = try await anchor.anchors()
            #expect(all.map(\.size) == [10, 17])
            // The refused fork did not replace the anchored note's hash.
            #expect(all.map(\.checkpointNoteHash) == [LedgerRecord.sha256(first.signedNote), LedgerRecord.sha256(second.signedNote)])
            #expect(all.map(\.root) == [first.root, second.root])
            #expect(try await anchor.latestConfirmed(covering: 11)?.size == 17)
            #expect(try await anchor.latestConfirmed(covering: 18) == nil)
            #expect(try await anchor.status(id: s1.id)?.size == 10)
            #expect(try await anchor.status(id: "0x" + String(repeating: "ab", count: 32)) == nil)
        }

        @Test("K confirmations: an anchor stays submitted until K − 1 blocks follow its own")
        func confirmations() async throws {
            var log = try await TestLog()
            let anchor = try await Devnet.deployAnchor(owner: try Devnet.key(2), origin: testOrigin, confirmations: 3)
            let s = try await anchor.submit(try await log.grow(by: 4))
            let mined = try #require(try await anchor.status(id: s.id))
            #expect(mined.state == .submitted)
            #expect(mined.confirmations == 1)
            try await Devnet.mine(1)
            #expect(try await anchor.status(id: s.id)?.state == .submitted)
            try await Devnet.mine(1)
            let done = try await anchor.awaitConfirmation(id: s.id)
            #expect(done.state == .confirmed)
            #expect(done.confirmations == 3)
        }

        @Test("an anchor reopened from the chain alone finds what was committed and commits nothing twice")
        func reopenFromChain() async throws {
            var log = try await TestLog()
            let owner = try Devnet.key(3)
            let anchor = try await Devnet.deployAnchor(owner: owner, origin: testOrigin)
            let c = try await log.grow(by: 5)
            let s = try await anchor.awaitConfirmation(id: try await anchor.submit(c).id)
            let reopened = EthereumAnchor(rpc: anchor.rpc, signer: owner, configuration: anchor.configuration)
            let nonce = try await anchor.rpc.transactionCount(owner.address)
            #expect(try await reopened.submit(c).id == s.id)
            #expect(try await anchor.rpc.transactionCount(owner.address) == nonce)
            let found = try await reopened.anchors()
            #expect(found.map(\.id) == [s.id])
            #expect(found.first?.evidence == s.evidence)
        }

        @Test("a reorganisation that drops an unconfirmed anchor: it is reported submitted again, re-sent, then confirmed once")
        func reorgBeforeConfirmation() async throws {
            var log = try await TestLog()
            let anchor = try await Devnet.deployAnchor(owner: try Devnet.key(2), origin: testOrigin, confirmations: 2)
            let rpc = anchor.rpc
            // evm_revert to a snapshot taken before the commit's block is the devnet's reorg.
            let snapshot = try await rpc.call("evm_snapshot", [])
            let s = try await anchor.submit(try await log.grow(by: 9))
            #expect(try await anchor.status(id: s.id)?.confirmations == 1)
            _ = try await rpc.call("evm_revert", [snapshot])
            #expect(try await rpc.transactionReceipt(try Hex.decode(s.id)) == nil)
            let dropped = try #require(try await anchor.status(id: s.id))
            #expect(dropped.state == .submitted)
            #expect(dropped.confirmations == 0)
            #expect(try await anchor.latestConfirmed(covering: 1) == nil)

            let miner = Task {
                for _ in 0..<100 {
                    try await Task.sleep(for: .milliseconds(50))
                    if try await rpc.transactionReceipt(try Hex.decode(s.id)) != nil {
                        try await Devnet.mine(1)
                        return
                    }
                }
            }
            let confirmed = try await anchor.awaitConfirmation(id: s.id)
            try await miner.value
            #expect(confirmed.state == .confirmed)
            #expect(confirmed.id == s.id)
            #expect(try await anchor.anchors().map(\.size) == [9])
        }

        @Test("the node failing for a while: the Anchorer keeps its checkpoint pending, retries, and anchors every size once")
        func rpcDown() async throws {
            var log = try await TestLog()
            let anchor = try await Devnet.deployAnchor(owner: try Devnet.key(1), origin: testOrigin)
            let anchorer = Anchorer(
                source: log.log, anchor: anchor, logVerifiers: NoteVerifiers([log.keys.log.verifierKey.verifier()]),
                origin: testOrigin, policy: .init(everyEntries: 1, interval: .seconds(3600)))
            _ = try await log.grow(by: 4)
            #expect(try await anchorer.tick()?.size == 4)
            _ = try await log.grow(by: 4)
            _ = try await anchor.rpc.call("devnet_failNext", [.number(5)])
            var failures = 0
            for _ in 0..<5 {
                do {
                    _ = try await anchorer.tick()
                    break
                } catch {
                    failures += 1
                    #expect(await anchorer.pendingSize == 8)
                }
            }
            #expect(failures == 5)
            // A newer checkpoint while 8 was pending: 8 still goes first, then 12.
            _ = try await log.grow(by: 4)
            while try await anchorer.tick() != nil {}
            let sizes = try await anchor.anchors().map(\.size)
            #expect(sizes == [4, 8, 12])
        }

        @Test("killed between signing and sending: the next process finds nothing on chain, sends once, and nonces stay gapless")
        func killedBetweenSignAndSend() async throws {
            var log = try await TestLog()
            let owner = try Devnet.key(3)
            let anchor = try await Devnet.deployAnchor(owner: owner, origin: testOrigin)
            let c = try await log.grow(by: 6)
            let nonce = try await anchor.rpc.transactionCount(owner.address)
            // What the killed process had signed and never sent.
            let lost = try EIP1559Transaction(
                chainId: try await anchor.rpc.chainId(), nonce: nonce, maxPriorityFeePerGas: 1, maxFeePerGas: UInt256(1 << 40), gasLimit: 200_000,
                to: anchor.configuration.contract,
                data: try AnchorContract.commit.encodeCall([.uint(UInt256(c.size)), .bytes32(c.root.bytes)])).signed(with: owner)
            let restarted = EthereumAnchor(rpc: anchor.rpc, signer: owner, configuration: anchor.configuration)
            #expect(try await restarted.anchors().isEmpty)
            let s = try await restarted.awaitConfirmation(id: try await restarted.submit(c).id)
            #expect(s.size == 6)
            #expect(try await anchor.rpc.transactionCount(owner.address) == nonce + 1)
            // The lost transaction, were it to surface now, is refused: its nonce is spent.
            await #expect(throws: EthereumError.self) { try await anchor.rpc.sendRawTransaction(lost.rawTransaction) }
            #expect(try await restarted.anchors().map(\.size) == [6])
        }

        @Test("an external signer (eth_signTransaction) deploys and anchors; an unknown account or a wrong signature is refused")
        func externalSigner() async throws {
            var log = try await TestLog()
            let rpc = try Devnet.rpc()
            let signer = JSONRPCSigner(rpc: rpc, address: try Devnet.key(4).address)
            let receipt = try await EthereumAnchor.deploy(rpc: rpc, signer: signer, initcode: try Devnet.initcode())
            let anchor = EthereumAnchor(rpc: rpc, signer: signer, configuration: .init(
                contract: try #require(receipt.contractAddress), origin: testOrigin, fromBlock: receipt.blockNumber,
                pollInterval: .milliseconds(20)))
            let s = try await anchor.awaitConfirmation(id: try await anchor.submit(try await log.grow(by: 3)).id)
            #expect(s.size == 3)
            let tx = EIP1559Transaction(
                chainId: try await rpc.chainId(), nonce: 0, maxPriorityFeePerGas: 1, maxFeePerGas: 2, gasLimit: 21_000,
                to: signer.address, value: 5)
            let other = JSONRPCSigner(rpc: rpc, address: try Devnet.key(5).address)
            let signed = try await other.sign(tx)
            #expect(signed.transaction == tx)
            #expect(try signed.sender() == other.address)
            let unknown = JSONRPCSigner(rpc: rpc, address: try EthereumAddress(hex: "0x" + String(repeating: "12", count: 20)))
            await #expect(throws: EthereumError.self) { _ = try await unknown.sign(tx) }
            // A signer that answers with another account's signature is caught.
            _ = try await rpc.call("devnet_lieNext", [])
            let lie = await #expect(throws: EthereumError.self) { _ = try await other.sign(tx) }
            #expect(lie?.code == .invalidSignature)
        }

        @Test("a dropped anchor whose nonce another transaction spent: the checkpoint is committed anew, once")
        func droppedAndNonceSpent() async throws {
            var log = try await TestLog()
            let owner = try Devnet.key(1)
            let anchor = try await Devnet.deployAnchor(owner: owner, origin: testOrigin, confirmations: 2)
            let rpc = anchor.rpc
            let snapshot = try await rpc.call("evm_snapshot", [])
            let s = try await anchor.submit(try await log.grow(by: 5))
            _ = try await rpc.call("evm_revert", [snapshot])
            // Another transaction from the same account takes the dropped one's nonce.
            _ = try await Devnet.send(from: owner, to: try Devnet.key(2).address, data: [])
            #expect(try await anchor.status(id: s.id)?.confirmations == 0)

            let miner = Task {
                for _ in 0..<200 {
                    try await Task.sleep(for: .milliseconds(50))
                    if try await anchor.latestSizeOnChain() == 5 {
                        try await Devnet.mine(1)
                        return
                    }
                }
            }
            let confirmed = try await anchor.awaitConfirmation(id: s.id)
            try await miner.value
            #expect(confirmed.state == .confirmed)
            #expect(confirmed.size == 5)
            #expect(confirmed.id != s.id)
            #expect(try await rpc.transactionReceipt(try Hex.decode(s.id)) == nil)
            #expect(try await anchor.anchors().map(\.id) == [confirmed.id])
        }

        @Test("a non-owner cannot commit")
        func nonOwner() async throws {
            var log = try await TestLog()
            let anchor = try await Devnet.deployAnchor(owner: try Devnet.key(4), origin: testOrigin)
            let intruder = EthereumAnchor(rpc: anchor.rpc, signer: try Devnet.key(5), configuration: anchor.configuration)
            await #expect(throws: EthereumError.self) { try await intruder.submit(try await log.grow(by: 3)) }
            #expect(try await anchor.anchors().isEmpty)
        }

        @Test("the Anchorer drives the Ethereum anchor like the local ledger")
        func anchorer() async throws {
            var log = try await TestLog()
            let anchor = try await Devnet.deployAnchor(owner: try Devnet.key(6), origin: testOrigin)
            let anchorer = Anchorer(
                source: log.log, anchor: anchor, logVerifiers: NoteVerifiers([log.keys.log.verifierKey.verifier()]), origin: testOrigin,
                policy: .init(everyEntries: 5, interval: .seconds(3600)))
            _ = try await log.grow(by: 3)
            #expect(try await anchorer.tick() == nil)
            _ = try await log.grow(by: 3)
            #expect(try await anchorer.tick()?.size == 6)
            #expect(try await anchor.anchors().map(\.size) == [6])
        }
    }
}
