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
