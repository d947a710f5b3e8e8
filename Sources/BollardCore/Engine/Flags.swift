/// A received quantity that does not reconcile with the manifest (DESIGN.md rule 3). Accepted,
/// recorded, and shown on the lot, every receipt holding the lot, and every token those back.
public struct Discrepancy: Hashable, Sendable, Codable {
    public var lot: EPC
    /// Manifest (or commissioned) quantity.
    public var expected: Quantity
    public var received: Quantity
    /// (received − expected) / expected × 100, to 3 decimals; nil when the units cannot be compared.
    public var deviationPercent: ExactDecimal?
    public var tolerancePercent: ExactDecimal
    /// The receipt being issued when the mismatch was found, if any.
    public var receipt: ReceiptKey?
    public var sequence: Int
    public var time: EventTime
    public var source: SourcePointer
}

/// A lot received with no prior arrival evidence (DESIGN.md rule 5): accepted, never hidden.
public struct CustodyGap: Hashable, Sendable, Codable {
    public var lot: EPC
    /// Where it was received (bizLocation id or the warehouse GLN URI).
    public var receivedAt: String?
    public var receipt: ReceiptKey?
    public var sequence: Int
    public var time: EventTime
    public var source: SourcePointer
}

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

/// The engine's stated parameters. Part of the state, so a replay uses the same ones.
public struct ProvenancePolicy: Hashable, Sendable, Codable {
    /// Allowed |received − manifest| as a percentage of the manifest quantity.
    public var reconciliationTolerancePercent: ExactDecimal
    /// Business steps that count as evidence the goods arrived in the port's custody chain.
    /// A receipt or receiving event for a lot with none of these before it is a custody gap.
    public var arrivalBizSteps: [BizStep]
    /// Business steps that confirm a lot is where the warehouse says (inventory counts).
    public var confirmationBizSteps: [BizStep]

    public init(reconciliationTolerancePercent: ExactDecimal = ExactDecimal(significand: 5, exponent: -1),
                arrivalBizSteps: [BizStep] = [.arriving, .unloading, .accepting, .departing, .transporting],
                confirmationBizSteps: [BizStep] = [.stockTaking, .cycleCounting]) {
        self.reconciliationTolerancePercent = reconciliationTolerancePercent
        self.arrivalBizSteps = arrivalBizSteps
        self.confirmationBizSteps = confirmationBizSteps
    }
}
