/// Applies submissions in log order and enforces DESIGN.md's rules. Deterministic and free of
/// I/O and clocks: the same submissions in the same order always give the same `state`.
///
/// Each `apply` works on a copy of the state and commits it only when the command is accepted,
/// so a refused command changes nothing — not even the sequence number.
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
        var next = state
        next.sequence += 1
        var flags: [Flag] = []
        let by = submission.submitter
        do {
            switch submission.command {
            case .captureEvent(let e): try next.capture(e, by: by, flags: &flags)
            case .issueReceipt(let c): try next.issue(c, by: by, flags: &flags)
            case .closeReceipt(let c): try next.close(c, by: by)
            case .pledgeReceipt(let c): try next.pledge(c, by: by)
            case .defineToken(let c): try next.list(c, by: by)
            case .bindReceipt(let c): try next.bind(c, by: by)
            case .releaseEncumbrance(let c): try next.releaseEncumbrance(c, by: by)
            case .reportInventory(let c): try next.report(c, by: by, flags: &flags)
            }
        } catch {
            var e = error
            if e.source == nil { e.source = submission.command.source }
            throw e
        }
        state = next
        return ApplyOutcome(sequence: next.sequence, flags: flags)
    }

    @discardableResult
    public mutating func apply(_ command: Command, submitter: PartyID) throws(ProvenanceError) -> ApplyOutcome {
        try apply(Submission(submitter: submitter, command: command))
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
