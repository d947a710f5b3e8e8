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
    /// Set while changes are journaled (a document being applied, a worker's batch); not part
    /// of the state's value: excluded from equality, hashing and coding.
    var journal: StateJournal? = nil

    enum CodingKeys: String, CodingKey {
        case policy, sequence, events, lots, receipts, tokens, discrepancies, custodyGaps
    }

    public static func == (a: ProvenanceState, b: ProvenanceState) -> Bool {
        a.sequence == b.sequence && a.policy == b.policy && a.events.count == b.events.count && a.lots == b.lots
            && a.receipts == b.receipts && a.tokens == b.tokens && a.discrepancies == b.discrepancies
            && a.custodyGaps == b.custodyGaps && a.events == b.events
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(policy)
        hasher.combine(sequence)
        hasher.combine(events)
        hasher.combine(lots)
        hasher.combine(receipts)
        hasher.combine(tokens)
        hasher.combine(discrepancies)
        hasher.combine(custodyGaps)
    }

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
}

extension Array {
    /// Bounds-checked read: indexes stored in a decoded state are data, not proof.
    func element(at index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
