/// The engine's whole state: a pure function of the accepted submissions in order. Equatable
/// and Codable so the store can check that replaying the log rebuilds exactly this value.
/// Dictionaries are keyed by string-coded identifiers, so encoding with sorted keys is
/// deterministic.
public struct ProvenanceState: Hashable, Sendable, Codable {
    public var policy: ProvenancePolicy
    /// The number of accepted submissions.
    public var sequence: Int
    public var events: [RecordedEvent]
    public var lots: [EPC: Lot]
    public var receipts: [ReceiptKey: WarehouseReceipt]
    public var tokens: [TokenSymbol: TokenDefinition]
    public var discrepancies: [Discrepancy]
    public var custodyGaps: [CustodyGap]

    public init(policy: ProvenancePolicy = ProvenancePolicy()) {
        self.policy = policy
        sequence = 0
        events = []
        lots = [:]
        receipts = [:]
        tokens = [:]
        discrepancies = []
        custodyGaps = []
    }

    /// The live receipt holding `lot`, if any.
    public func liveReceipt(holding lot: EPC) -> WarehouseReceipt? {
        guard let keys = lots[lot]?.receipts else { return nil }
        for key in keys {
            if let r = receipts[key], r.state.isLive { return r }
        }
        return nil
    }

    /// Objects currently aggregated into `parent`, transitively.
    func currentDescendants(of parent: EPC) -> [EPC] {
        var out = [EPC]()
        var stack = [parent]
        var seen: Set<EPC> = [parent]
        while let p = stack.popLast() {
            for child in lots[p]?.children ?? [] where lots[child]?.currentParent == p && seen.insert(child).inserted {
                out.append(child)
                stack.append(child)
            }
        }
        return out
    }

    /// Mutates a lot in place (creating it on first mention) without copying its arrays.
    mutating func withLot(_ epc: EPC, _ body: (inout Lot) -> Void) {
        body(&lots[epc, default: Lot(epc: epc)])
    }
}

extension Array {
    /// Bounds-checked read: indexes stored in a decoded state are data, not proof.
    func element(at index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
