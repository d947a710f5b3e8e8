/// What an API key may do is decided by its role (issue #6 "Who may do what"); the party it is
/// bound to narrows it further (a warehouse submits only its own documents).
public enum Role: String, Sendable, Hashable, CaseIterable, Codable {
    case warehouse
    case carrier
    case terminal
    case customs
    case exchange
    case auditor
    case admin
}

/// The authenticated caller: the key's id, its party and its role.
public struct Principal: Sendable, Hashable {
    public var keyID: String
    /// The party as a `PartyID` text (`gln:…`, `lei:…`, `customs:…`): recorded as the submitter
    /// of what this caller posts, so the engine's own party rules apply to it.
    public var party: String
    public var role: Role

    public init(keyID: String, party: String, role: Role) {
        self.keyID = keyID
        self.party = party
        self.role = role
    }
}
