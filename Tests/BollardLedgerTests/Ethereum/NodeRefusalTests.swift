@testable import BollardLedger
import Testing

@Suite("pool refusals by client wording, and the replacement fee bump")
struct NodeRefusalTests {
    /// Messages as each client sends them (the phrase inside a longer text, in its own case).
    @Test("each client's wording maps to its typed error", arguments: [
        ("nonce too low: address 0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf, tx: 3 state: 5", EthereumError.Code.nonceTooLow),
        ("Nonce too low", .nonceTooLow),
        ("OldNonce, Current nonce: 5, nonce of rejected tx: 3", .nonceTooLow),
        ("already known", .alreadyKnown),
        ("Known transaction", .alreadyKnown),
        ("transaction already imported", .alreadyKnown),
        ("AlreadyKnown", .alreadyKnown),
        ("replacement transaction underpriced", .replacementUnderpriced),
        ("Replacement transaction underpriced", .replacementUnderpriced),
        ("ReplacementNotAllowed", .replacementUnderpriced),
        ("insufficient funds for gas * price + value: address 0x01 have 0 want 21000", .insufficientFunds),
        ("Upfront cost exceeds account balance", .insufficientFunds),
        ("insufficient funds", .insufficientFunds),
        ("max fee per gas less than block base fee: address 0x01, maxFeePerGas: 1, baseFee: 7", .feeCapTooLow),
        ("Gas price below current base fee", .feeCapTooLow),
        ("transaction underpriced: tip needed 1, tip permitted 0", .feeCapTooLow),
        ("fee too low", .feeCapTooLow),
        ("query returned more than 10000 results", .logRangeTooLarge),
        ("Requested range exceeds maximum RPC range limit", .logRangeTooLarge),
        ("block range too large: 20 blocks, the limit is 5", .logRangeTooLarge),
    ])
    func wording(message: String, code: EthereumError.Code) {
        #expect(NodeRefusal.classify(message) == code)
    }

    @Test("unknown wordings stay unclassified (.rpc)")
    func unknown() {
        #expect(NodeRefusal.classify("execution reverted: not owner") == nil)
        #expect(NodeRefusal.classify("invalid sender") == nil)
    }

    @Test("every wording names its source, and no phrase is shadowed by an earlier one with another code")
    func table() {
        for (i, w) in NodeRefusal.wordings.enumerated() {
            #expect(!w.source.isEmpty)
            #expect(w.phrase == w.phrase.lowercased())
            for earlier in NodeRefusal.wordings[..<i] where w.phrase.contains(earlier.phrase) {
                #expect(earlier.code == w.code, "\(w.phrase) is shadowed by \(earlier.phrase)")
            }
        }
    }

    @Test("a replacement bumps a fee by one eighth and at least one wei, enough for geth's and Besu's 10 %")
    func bump() throws {
        #expect(EthereumAnchor.bumped(UInt256(1_000_000_000)) == UInt256(1_125_000_001))
        #expect(EthereumAnchor.bumped(UInt256(0)) == UInt256(1))
        #expect(EthereumAnchor.bumped(UInt256(7)) == UInt256(8))
        let big = try #require(UInt256(bigEndian: [UInt8](repeating: 0, count: 8) + [UInt8](repeating: 0xff, count: 24)))
        #expect(EthereumAnchor.bumped(big) > big)
        #expect(EthereumAnchor.bumped(.max) == .max)
        for fee in [UInt64(1), 9, 80, 1_000_000_007, 123_456_789_012] {
            let bumped = EthereumAnchor.bumped(UInt256(fee)).uint64 ?? 0
            #expect(bumped * 100 >= fee * 110)
        }
    }
}
