/// Applies submissions in log order and enforces DESIGN.md's rules. Deterministic and free of
/// I/O and clocks: the same submissions in the same order always give the same `state`.
///
/// A refused command changes nothing — not even the sequence number. Every handler checks all
/// of its refusal conditions before its first mutation (a check phase, then a commit phase), so
/// the state is updated in place: copying it per command would make replay quadratic.
public struct ProvenanceEngine: Hashable, Sendable, Codable {
    public private(set) var state: ProvenanceState

    public init(policy: ProvenancePolicy = ProvenancePolicy()) {
        state = ProvenanceState(policy: policy)
    }

    /// Resumes from a state, e.g. one rebuilt by replay.
    public init(state: ProvenanceState) {
        self.state = state
    }

    @discardableResult
    public mutating func apply(_ submission: Submission) throws(ProvenanceError) -> ApplyOutcome {
        state.sequence += 1
        var flags: [Flag] = []
        let by = submission.submitter
        do {
            switch submission.command {
            case .captureEvent(let e): try state.capture(e, by: by, flags: &flags)
            case .issueReceipt(let c): try state.issue(c, by: by, flags: &flags)
            case .closeReceipt(let c): try state.close(c, by: by)
            case .pledgeReceipt(let c): try state.pledge(c, by: by)
            case .defineToken(let c): try state.list(c, by: by)
            case .bindReceipt(let c): try state.bind(c, by: by)
            case .releaseEncumbrance(let c): try state.releaseEncumbrance(c, by: by)
            case .reportInventory(let c): try state.report(c, by: by, flags: &flags)
            }
        } catch {
            state.sequence -= 1
            var e = error
            if e.source == nil { e.source = submission.command.source }
            throw e
        }
        return ApplyOutcome(sequence: state.sequence, flags: flags)
    }

    @discardableResult
    public mutating func apply(_ command: Command, submitter: PartyID) throws(ProvenanceError) -> ApplyOutcome {
        try apply(Submission(submitter: submitter, command: command))
    }

    /// Applies the commands of one document in order, all or none (DESIGN.md "a rejected
    /// document changes nothing"). They run in place; a refusal rolls back through the journal
    /// (`StateJournal`), so the cost is what the document changed, not a copy of the state.
    @discardableResult
    public mutating func apply(all commands: some Sequence<Command>, submitter: PartyID) throws(ProvenanceError) -> [ApplyOutcome] {
        let journaled = state.journal != nil
        if !journaled { state.beginJournal() }
        let mark = state.journalMark() ?? state.mark
        var outcomes: [ApplyOutcome] = []
        do {
            for command in commands { outcomes.append(try apply(command, submitter: submitter)) }
        } catch {
            state.rollBack(to: mark)
            if !journaled { state.journal = nil }
            throw error
        }
        if !journaled { state.journal = nil }
        return outcomes
    }

    // MARK: Batches

    /// Starts journaling changes (replacing any journal in progress): a worker's batch is then
    /// applied in place and either kept (`endChanges()`) or undone (`rollBackChanges()`).
    public mutating func beginChanges() {
        state.beginJournal()
    }

    /// The old values of what changed since `beginChanges()`; nil when no journal is open.
    public var changes: StateDelta? { state.delta }

    /// Keeps the changes and stops journaling.
    public mutating func endChanges() {
        state.journal = nil
    }

    /// Undoes every change since `beginChanges()` and stops journaling.
    public mutating func rollBackChanges() {
        if let start = state.journal?.start { state.rollBack(to: start) }
        state.journal = nil
    }

    /// A point in the open journal: where a batch applied on top of another whose commit is
    /// still running begins (a worker's pipeline). Nil when no journal is open.
    public struct ChangeMark: Sendable {
        let mark: StateJournal.Mark
    }

    public mutating func markChanges() -> ChangeMark? {
        state.journalMark().map(ChangeMark.init)
    }

    /// The old values of what changed since `mark`.
    public func changes(since mark: ChangeMark) -> StateDelta? {
        state.delta(since: mark.mark)
    }

    /// Keeps for good the changes before `mark` (their batch is committed) and journals on
    /// from it: `rollBackChanges()` then undoes only what came after.
    public mutating func keepChanges(before mark: ChangeMark) {
        state.trimJournal(to: mark.mark)
    }

    /// Undoes the changes since `mark`, keeping the journal open from where it began.
    public mutating func rollBackChanges(to mark: ChangeMark) {
        state.rollBack(to: mark.mark)
    }

    /// Rebuilds a state from a log of accepted submissions. A submission that is refused during
    /// replay means the log and the rules disagree: the error is returned with its position.
    public static func replay(_ log: [Submission], policy: ProvenancePolicy = ProvenancePolicy()) throws(ReplayError) -> ProvenanceState {
        var engine = ProvenanceEngine(policy: policy)
        for (i, s) in log.enumerated() {
            do { try engine.apply(s) } catch { throw ReplayError(index: i, error: error) }
        }
        return engine.state
    }
}

public struct ReplayError: Error, Sendable, Hashable, CustomStringConvertible {
    public var index: Int
    public var error: ProvenanceError
    public var description: String { "log entry \(index): \(error)" }
}
