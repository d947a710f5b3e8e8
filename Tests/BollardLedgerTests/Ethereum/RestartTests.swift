import BollardLedger
import BollardLog
import Foundation
import Testing

extension DevnetTests {
    /// Issue #7: the devnet restarted mid-anchor, from its --state file.
    @Suite("Ethereum anchor across a devnet restart")
    struct RestartTests {
        @Test("the devnet restarted mid-anchor from --state: every checkpoint anchored exactly once, nothing confirmed that is not on chain")
        func restartMidAnchor() async throws {
            let node = try await OwnDevnet()
            defer { node.close() }
            var log = try await TestLog()
            let owner = try Devnet.key(6)
            let anchor = try await node.deployAnchor(owner: owner, origin: testOrigin)
            let nonce = try await node.rpc.transactionCount(owner.address, block: "latest")
            let c1 = try await log.grow(by: 4)
            let s1 = try await anchor.awaitConfirmation(id: try await anchor.submit(c1).id)
            // Sent, not yet mined, when the node goes down; its pool is lost with it.
            try await node.call("bollard_setAutomine", [.bool(false)])
            let c2 = try await log.grow(by: 4)
            let s2 = try await anchor.submit(c2)
            #expect(s2.confirmations == 0)
            let port = node.port
            node.stop()
            let waiter = Task { try await anchor.awaitConfirmation(id: s2.id) }
            try await Task.sleep(for: .milliseconds(300))
            try await node.start(port: port)
            let confirmed = try await waiter.value
            #expect(confirmed.state == .confirmed)
            #expect(confirmed.size == 8)

            // The chain before the restart is the chain after it.
            #expect(try await anchor.status(id: s1.id)?.evidence == s1.evidence)
            let all = try await anchor.anchors()
            #expect(all.map(\.size) == [4, 8])
            #expect(try await node.rpc.transactionCount(owner.address, block: "latest") == nonce + 2)
            for a in all where a.state == .confirmed {
                let receipt = try #require(try await node.rpc.transactionReceipt(try Hex.decode(a.id)))
                #expect(try await node.rpc.blockHash(receipt.blockNumber) == receipt.blockHash)
                #expect(try await anchor.rootOnChain(size: a.size) == a.root.bytes)
            }
        }
    }
}
