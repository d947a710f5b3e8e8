import BollardCore
import BollardIngest

/// Customs' lookups (DESIGN.md "Who uses it"): lots by container (ISO 6346), bill of lading,
/// receipt, HS code and the UTC dates of their events, from the engine's state.
public struct LookupIndex: Sendable {
    public private(set) var byContainer: [String: Set<String>] = [:]
    public private(set) var byBillOfLading: [String: Set<String>] = [:]
    public private(set) var byReceipt: [String: Set<String>] = [:]
    public private(set) var byHSCode: [String: Set<String>] = [:]
    /// `YYYY-MM-DD` (UTC) of each lot's own events.
    public private(set) var dates: [String: [String]] = [:]
    public private(set) var all: Set<String> = []
    /// Lots by the short names customs type (`OPM26-0001`).
    public private(set) var names = LotNames()
    /// The log size of the state the index was built from.
    public private(set) var sequence = 0

    public init() {}

    public init(_ state: ProvenanceState) {
        names = LotNames(state)
        sequence = state.sequence
        for (epc, lot) in state.lots where !Self.isContainer(epc) {
            let id = epc.uri
            all.insert(id)
            for m in lot.memberships {
                if let code = Self.containerCode(m.parent) { byContainer[code, default: []].insert(id) }
            }
            // A bill of lading names the lot or a container it travelled in; the index keeps
            // its document number (the last component of a CBV bizTransaction URI).
            let containers = lot.memberships.compactMap { state.lots[$0.parent] }
            for bl in lot.manifests + containers.flatMap(\.manifests) {
                byBillOfLading[Self.lastComponent(bl), default: []].insert(id)
            }
            for r in lot.receipts {
                byReceipt[r.description, default: []].insert(id)
                byReceipt[r.number.value, default: []].insert(id)
            }
            if let hs = lot.hsCode {
                // An HS code matches its chapter, heading and subheading prefixes (7108 ⊂ 710813).
                let digits = hs.value.filter(\.isNumber)
                for length in stride(from: 2, through: digits.count, by: 2) {
                    byHSCode[String(digits.prefix(length)), default: []].insert(id)
                }
            }
            dates[id] = Set(lot.eventIndexes.filter { state.events.indices.contains($0) }.map { state.events[$0] }
                .map { StateProjection.utcDate(millisecondsSinceEpoch: $0.event.eventTime.millisecondsSinceEpoch) }).sorted()
        }
    }

    public struct Query: Sendable, Hashable {
        public var container: String?
        public var billOfLading: String?
        public var receipt: String?
        public var hsCode: String?
        /// Inclusive `YYYY-MM-DD` bounds on any of the lot's event dates.
        public var from: String?
        public var to: String?

        public init(container: String? = nil, billOfLading: String? = nil, receipt: String? = nil, hsCode: String? = nil,
                    from: String? = nil, to: String? = nil) {
            self.container = container
            self.billOfLading = billOfLading
            self.receipt = receipt
            self.hsCode = hsCode
            self.from = from
            self.to = to
        }
    }

    /// Lot ids (EPC URIs) matching every given criterion, sorted.
    public func lots(_ q: Query) -> [String] {
        var result = all
        if let c = q.container { result.formIntersection(byContainer[c.uppercased()] ?? []) }
        if let b = q.billOfLading { result.formIntersection(byBillOfLading[b] ?? []) }
        if let r = q.receipt { result.formIntersection(byReceipt[r] ?? []) }
        if let h = q.hsCode { result.formIntersection(byHSCode[h.filter(\.isNumber)] ?? []) }
        if q.from != nil || q.to != nil {
            result = result.filter { id in
                (dates[id] ?? []).contains { d in (q.from.map { d >= $0 } ?? true) && (q.to.map { d <= $0 } ?? true) }
            }
        }
        return result.sorted()
    }

    /// The ISO 6346 code of a container EPC (`urn:epc:id:bic:BDXU2001011`), nil for others.
    static func containerCode(_ epc: EPC) -> String? {
        guard let range = epc.uri.range(of: ":bic:") else { return nil }
        return String(epc.uri[range.upperBound...])
    }

    static func lastComponent(_ text: String) -> String {
        guard let i = text.lastIndex(where: { $0 == "/" || $0 == ":" }) else { return text }
        return String(text[text.index(after: i)...])
    }

    static func isContainer(_ epc: EPC) -> Bool { containerCode(epc) != nil }
}
