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
