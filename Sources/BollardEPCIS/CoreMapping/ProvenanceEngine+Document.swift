import BollardCore

extension ProvenanceEngine {
    /// Applies every command of one mapped document, or none: DESIGN.md's "a rejected document
    /// changes nothing" (`apply(all:submitter:)` undoes a partial document through the state's
    /// journal); the refusal's source pointer names the event.
    @discardableResult
    public mutating func apply(_ document: MappedDocument, submitter: PartyID) throws(ProvenanceError) -> [ApplyOutcome] {
        try apply(all: document.commands, submitter: submitter)
    }
}
