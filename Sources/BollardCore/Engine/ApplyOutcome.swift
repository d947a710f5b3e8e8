/// What an accepted command flagged.
public enum Flag: Hashable, Sendable, Codable {
    case discrepancy(Discrepancy)
    case custodyGap(CustodyGap)
}

/// The result of an accepted command.
public struct ApplyOutcome: Hashable, Sendable {
    /// The engine sequence number given to the command (1-based, dense).
    public var sequence: Int
    public var flags: [Flag]
}
