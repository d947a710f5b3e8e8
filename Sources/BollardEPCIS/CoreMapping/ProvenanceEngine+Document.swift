import BollardCore

extension ProvenanceEngine {
    /// Applies every command of one mapped document, or none: DESIGN.md's "a rejected document
    /// changes nothing". The commands run against a copy of the engine (a value type), which
    /// replaces this one only when all were accepted; the refusal's source pointer names the event.
    @discardableResult
    public mutating func apply(_ document: MappedDocument, submitter: PartyID) throws(ProvenanceError) -> [ApplyOutcome] {
        var trial = self
        var outcomes: [ApplyOutcome] = []
        outcomes.reserveCapacity(document.events.count)
        for command in document.commands {
            outcomes.append(try trial.apply(command, submitter: submitter))
        }
        self = trial
        return outcomes
    }
}
