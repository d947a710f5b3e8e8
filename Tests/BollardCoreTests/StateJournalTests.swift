import Testing

@testable import BollardCore

/// The journal that lets a document, and a worker's batch, be applied in place and undone.
struct StateJournalTests {
    static let w1 = PartyID.gln(TestData.w1)

    /// DESIGN.md "a rejected document changes nothing": the second command's refusal undoes the
    /// first, which was accepted.
    @Test func aRefusedDocumentUndoesTheCommandsBeforeTheRefusal() throws {
        let rules = EngineRuleTests()
        var (s, bars) = try rules.arrivedBars()
        let before = s.engine.state
        let first = try TestData.key(TestData.w1, "WR-W1-0001")
        let issue = try s.issue(first, depositor: .gln(TestData.onsan), lines: [rules.line(bars[0], "400.000")])
        let again = try s.issue(try TestData.key(TestData.w1, "WR-W1-0002"), depositor: .gln(TestData.onsan),
                                lines: [rules.line(bars[0], "400.000")])
        do {
            try s.engine.apply(all: [issue, again], submitter: Self.w1)
            Issue.record("a second receipt for a lot on a live receipt was accepted")
        } catch {
            #expect(error.code == .lotOnLiveReceipt)
        }
        #expect(s.engine.state == before)
        #expect(s.engine.changes == nil)
        try s.engine.apply(all: [issue], submitter: Self.w1)
        #expect(s.engine.state.receipts[first]?.lines.map(\.lot) == [bars[0]])
        #expect(s.engine.state.sequence == before.sequence + 1)
    }

    /// A batch names what it touched with the values from before it, and rolls back whole.
    @Test func aBatchReportsWhatItTouchedAndRollsBack() throws {
        let rules = EngineRuleTests()
        var (s, bars) = try rules.arrivedBars()
        let before = s.engine.state
        let key = try TestData.key(TestData.w1, "WR-W1-0001")
        let issue = try s.issue(key, depositor: .gln(TestData.onsan), lines: [rules.line(bars[0], "400.000")])
        s.engine.beginChanges()
        try s.engine.apply(all: [issue], submitter: Self.w1)
        let refused = try s.issue(try TestData.key(TestData.w1, "WR-W1-0002"), depositor: .gln(TestData.onsan),
                                  lines: [rules.line(bars[0], "400.000")])
        #expect(throws: ProvenanceError.self) { try s.engine.apply(all: [refused], submitter: Self.w1) }
        let delta = try #require(s.engine.changes)
        #expect(Array(delta.receipts.keys) == [key])
        #expect(delta.receipts[key] == .some(nil))
        #expect(delta.lots[bars[0]] == .some(before.lots[bars[0]]))
        #expect(delta.lots[bars[1]] == nil)
        #expect(delta.sequence == before.sequence)
        #expect(s.engine.state.sequence == before.sequence + 1)
        s.engine.rollBackChanges()
        #expect(s.engine.state == before)
        #expect(s.engine.changes == nil)
    }
}
