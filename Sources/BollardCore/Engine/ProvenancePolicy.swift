/// The engine's stated parameters. Part of the state, so a replay uses the same ones.
public struct ProvenancePolicy: Hashable, Sendable, Codable {
    /// Allowed |received − manifest| as a percentage of the manifest quantity.
    public var reconciliationTolerancePercent: ExactDecimal
    /// Business steps that count as evidence the goods arrived in the port's custody chain
    /// (CBV: arriving, unloading — a discharge — and accepting). A receipt or receiving event for
    /// a lot with none of these before it, on the lot or a container holding it, is a custody
    /// gap. Being named in a manifest is not arrival: a manifest says goods were sent.
    public var arrivalBizSteps: [BizStep]
    /// Business steps that confirm a lot is where the warehouse says (inventory counts).
    public var confirmationBizSteps: [BizStep]

    public init(reconciliationTolerancePercent: ExactDecimal = ExactDecimal(significand: 5, exponent: -1),
                arrivalBizSteps: [BizStep] = [.arriving, .unloading, .accepting],
                confirmationBizSteps: [BizStep] = [.stockTaking, .cycleCounting]) {
        self.reconciliationTolerancePercent = reconciliationTolerancePercent
        self.arrivalBizSteps = arrivalBizSteps
        self.confirmationBizSteps = confirmationBizSteps
    }
}
