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

    /// A worker applies its next batch on top of one whose commit is still running: the journal
    /// names what each batch touched with its value from before that batch (a key both touched
    /// appears in each, with different old values); when the first commits, it is kept for good
    /// and a roll-back undoes the second alone; when the first fails, one roll-back undoes both.
    @Test func aBatchAppliedOnAnotherIsReportedAndUndoneAlone() throws {
        let rules = EngineRuleTests()
        var (s, bars) = try rules.arrivedBars()
        let before = s.engine.state
        let first = try TestData.key(TestData.w1, "WR-W1-0001")
        let second = try TestData.key(TestData.w1, "WR-W1-0002")
        let issueFirst = try s.issue(first, depositor: .gln(TestData.onsan), lines: [rules.line(bars[0], "400.000")])
        let pledgeFirst = try s.pledge(first, to: TestData.suyeongLEI)
        let issueSecond = try s.issue(second, depositor: .gln(TestData.onsan), lines: [rules.line(bars[1], "400.000")])

        s.engine.beginChanges()
        try s.engine.apply(all: [issueFirst], submitter: Self.w1)
        let afterFirst = s.engine.state
        let marked = s.engine.markChanges()
        let mark = try #require(marked)
        try s.engine.apply(all: [pledgeFirst], submitter: Self.w1)
        try s.engine.apply(all: [issueSecond], submitter: Self.w1)
        let afterSecond = s.engine.state

        let sinceMark = try #require(s.engine.changes(since: mark))
        #expect(Set(sinceMark.receipts.keys) == [first, second])
        #expect(sinceMark.receipts[first] == .some(afterFirst.receipts[first]))
        #expect(sinceMark.receipts[second] == .some(nil))
        #expect(sinceMark.lots[bars[1]] == .some(afterFirst.lots[bars[1]]))
        #expect(sinceMark.sequence == afterFirst.sequence)
        let whole = try #require(s.engine.changes)
        #expect(whole.receipts[first] == .some(nil))
        #expect(whole.sequence == before.sequence)

        // The second batch alone undone, the journal still open from the first's start.
        s.engine.rollBackChanges(to: mark)
        #expect(s.engine.state == afterFirst)
        #expect(s.engine.changes?.receipts[first] == .some(nil))

        // Applied again; the first batch committed: kept, and only the second is undone.
        let marked2 = s.engine.markChanges()
        let again = try #require(marked2)
        try s.engine.apply(all: [pledgeFirst], submitter: Self.w1)
        try s.engine.apply(all: [issueSecond], submitter: Self.w1)
        #expect(s.engine.state == afterSecond)
        s.engine.keepChanges(before: again)
        let kept = try #require(s.engine.changes)
        #expect(kept.receipts[first] == .some(afterFirst.receipts[first]) && kept.sequence == afterFirst.sequence)
        s.engine.rollBackChanges()
        #expect(s.engine.state == afterFirst)
        #expect(s.engine.changes == nil)

        // The first batch's commit fails instead: one roll-back undoes both.
        var (t, _) = try rules.arrivedBars()
        t.engine.beginChanges()
        try t.engine.apply(all: [issueFirst], submitter: Self.w1)
        #expect(t.engine.markChanges() != nil)
        try t.engine.apply(all: [pledgeFirst], submitter: Self.w1)
        t.engine.rollBackChanges()
        #expect(t.engine.state == before)
    }
}
