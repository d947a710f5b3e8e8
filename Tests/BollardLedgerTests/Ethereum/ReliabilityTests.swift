import BollardLedger
import BollardLog
import Foundation
import Testing

private func gwei(_ n: UInt64, tenths: UInt64 = 0, hundredths: UInt64 = 0) -> UInt256 {
    UInt256(n * 1_000_000_000 + tenths * 100_000_000 + hundredths * 10_000_000)
}

private func wei(_ value: UInt256) -> JSONValue { .string(value.quantity) }

extension DevnetTests {
    /// Issue #7's reliability items, each on a devnet of the test's own (ops/devnet --mempool).
    @Suite("Ethereum anchor reliability (own devnet: pool, reorgs, log limits, restart)")
    struct ReliabilityTests {
        @Test("a commit stuck under the pool's minimum tip is replaced (same nonce, fees +12.5 %) and confirmed once")
        func stuckIsReplaced() async throws {
            let node = try await OwnDevnet()
            defer { node.close() }
            var log = try await TestLog()
            let owner = try Devnet.key(1)
            let anchor = try await node.deployAnchor(
                owner: owner, origin: testOrigin, tip: gwei(1), replaceAfter: .init(interval: .milliseconds(200)))
            try await node.call("bollard_setMinTip", [wei(gwei(1, tenths: 2))])
            let nonce = try await node.rpc.transactionCount(owner.address, block: "latest")
            let checkpoint = try await log.grow(by: 6)
            let s = try await anchor.submit(checkpoint)
            #expect(s.state == .submitted)
            #expect(s.confirmations == 0)
            #expect(try await node.pool().map(\.hash) == [s.id])

            let confirmed = try await anchor.awaitConfirmation(id: s.id)
            #expect(confirmed.state == .confirmed)
            #expect(confirmed.size == 6)
            #expect(confirmed.id != s.id)
            // 1 gwei → 1.125 (still under 1.2) → 1.265625: two replacements.
            #expect(await anchor.replacementsSent == 2)
            #expect(try await node.rpc.transactionReceipt(try Hex.decode(s.id)) == nil)
            #expect(try await node.rpc.transactionCount(owner.address, block: "latest") == nonce + 1)
            #expect(try await anchor.rootOnChain(size: 6) == checkpoint.root.bytes)
            #expect(try await anchor.anchors().map(\.id) == [confirmed.id])
            #expect(try await anchor.status(id: s.id)?.id == confirmed.id)
            #expect(try await node.pool().isEmpty)
        }

        @Test("a replacement the node refuses as underpriced is bumped again from the refused fees, then confirmed once")
        func underpricedReplacement() async throws {
            let node = try await OwnDevnet()
            defer { node.close() }
            var log = try await TestLog()
            let anchor = try await node.deployAnchor(
                owner: try Devnet.key(2), origin: testOrigin, tip: gwei(1), replaceAfter: .init(interval: .milliseconds(200)))
            // A node that wants 20 % (ours is 12.5 %), and a minimum tip only two bumps reach.
            try await node.call("bollard_setPriceBump", [.number(20)])
            try await node.call("bollard_setMinTip", [wei(gwei(1, tenths: 2, hundredths: 5))])
            let s = try await anchor.submit(try await log.grow(by: 4))
            let confirmed = try await anchor.awaitConfirmation(id: s.id)
            #expect(confirmed.state == .confirmed)
            #expect(await anchor.replacementsRefused == 1)
            #expect(await anchor.replacementsSent == 1)
            #expect(try await anchor.anchors().map(\.size) == [4])
        }

        @Test("the max fee cap: a replacement above it is not sent and is reported; the original is still followed")
        func feeCap() async throws {
            let node = try await OwnDevnet()
            defer { node.close() }
            var log = try await TestLog()
            let owner = try Devnet.key(3)
            let deployed = try await node.deployAnchor(owner: owner, origin: testOrigin, tip: gwei(1))
            let base = try await node.rpc.pendingBaseFee()
            let firstMaxFee = base.multipliedReportingOverflow(by: 2).partialValue.addingReportingOverflow(gwei(1)).partialValue
            // Room for 0.05 gwei more, far less than a 12.5 % bump.
            let cap = firstMaxFee.addingReportingOverflow(UInt256(50_000_000)).partialValue
            var configuration = deployed.configuration
            configuration.replaceAfter = .init(interval: .milliseconds(100))
            configuration.maxFeePerGasCap = cap
            let anchor = EthereumAnchor(rpc: node.rpc, signer: owner, configuration: configuration)
            try await node.call("bollard_setMinTip", [wei(gwei(2))])
            let s = try await anchor.submit(try await log.grow(by: 5))
            let refused = await #expect(throws: EthereumError.self) { _ = try await anchor.awaitConfirmation(id: s.id) }
            #expect(refused?.code == .feeCapReached)
            let pool = try await node.pool()
            #expect(pool.map(\.hash) == [s.id])
            #expect(pool.allSatisfy { $0.maxFee <= cap })
            #expect(await anchor.replacementsSent == 0)
            // The market comes down to it: the original is mined and followed.
            try await node.call("bollard_setMinTip", [wei(.zero)])
            try await node.call("bollard_mine", [.number(1)])
            let confirmed = try await anchor.awaitConfirmation(id: s.id)
            #expect(confirmed.id == s.id)
            #expect(confirmed.state == .confirmed)
        }

        @Test("a reorganisation is seen by the including block's hash: the anchor goes back to waiting, is mined again, confirmed once")
        func reorg() async throws {
            let node = try await OwnDevnet()
            defer { node.close() }
            var log = try await TestLog()
            let anchor = try await node.deployAnchor(owner: try Devnet.key(4), origin: testOrigin, confirmations: 3)
            let checkpoint = try await log.grow(by: 7)
            let s = try await anchor.submit(checkpoint)
            #expect(s.confirmations == 1)
            let first = try #require(try await node.rpc.transactionReceipt(try Hex.decode(s.id)))
            // The block is replaced by an empty sibling; its transaction goes back to the pool.
            try await node.call("bollard_reorg", [.number(1), .string("pending")])
            #expect(try await node.rpc.blockHash(first.blockNumber) != first.blockHash)
            let after = try #require(try await anchor.status(id: s.id))
            #expect(after.state == .submitted)
            #expect(after.confirmations == 0)
            #expect(await anchor.reorgsObserved == 1)
            #expect(try await anchor.latestConfirmed(covering: 1) == nil)

            try await node.call("bollard_mine", [.number(3)])
            let confirmed = try await anchor.awaitConfirmation(id: s.id)
            #expect(confirmed.id == s.id)
            #expect(confirmed.state == .confirmed)
            let again = try #require(try await node.rpc.transactionReceipt(try Hex.decode(s.id)))
            #expect(again.blockNumber == first.blockNumber + 1)
            #expect(String(decoding: confirmed.evidence, as: UTF8.self).contains(Hex.encode(again.blockHash)))
            #expect(await anchor.reorgsObserved == 1)

            // Dropped outright by the reorg: re-sent from the same signed bytes.
            let second = try await anchor.submit(try await log.grow(by: 2))
            try await node.call("bollard_reorg", [.number(1), .string("drop")])
            let miner = Task {
                for _ in 0..<200 {
                    try await Task.sleep(for: .milliseconds(50))
                    if try await node.rpc.transactionReceipt(try Hex.decode(second.id)) != nil {
                        try await node.call("bollard_mine", [.number(2)])
                        return
                    }
                }
            }
            let resent = try await anchor.awaitConfirmation(id: second.id)
            try await miner.value
            #expect(resent.id == second.id)
            #expect(try await anchor.anchors().map(\.size) == [7, 9])
        }

        @Test("anchors are found in log ranges the node accepts, halving on 'block range too large' and 'more than N results'")
        func logRanges() async throws {
            let node = try await OwnDevnet()
            defer { node.close() }
            var log = try await TestLog()
            let anchor = try await node.deployAnchor(owner: try Devnet.key(5), origin: testOrigin)
            var ids = [String]()
            for _ in 0..<3 {
                ids.append(try await anchor.submit(try await log.grow(by: 3)).id)
                try await node.call("bollard_mine", [.number(6)])
            }
            try await node.call("bollard_setLogLimits", [.number(5), .number(0)])
            let refused = await #expect(throws: EthereumError.self) {
                _ = try await node.rpc.logs(address: anchor.configuration.contract, topics: [AnchorContract.committedTopic], fromBlock: 0)
            }
            #expect(refused?.code == .logRangeTooLarge)
            #expect(try await anchor.anchors().map(\.size) == [3, 6, 9])
            #expect(try await anchor.anchors().map(\.id) == ids)

            try await node.call("bollard_setLogLimits", [.number(0), .number(1)])
            let reopened = EthereumAnchor(rpc: anchor.rpc, signer: try Devnet.key(5), configuration: anchor.configuration)
            #expect(try await reopened.anchors().map(\.size) == [3, 6, 9])
            #expect(try await reopened.status(id: ids[1])?.size == 6)
        }
    }
}
