/// The chain of custody of one lot.
public struct LotProvenance: Hashable, Sendable {
    public var lot: Lot
    /// Events naming the lot, plus events of every container while the lot was inside it, plus
    /// (recursively) events of the lots it was made from up to the transformation. Log order.
    public var events: [RecordedEvent]
    /// Containers that held the lot (aggregation parents), direct.
    public var parents: [EPC]
    /// Objects aggregated into the lot, direct.
    public var children: [EPC]
    /// Transformation inputs and outputs, direct.
    public var inputs: [EPC]
    public var outputs: [EPC]
    /// Everything upstream (containers and inputs, transitively) and downstream (children and
    /// outputs, transitively).
    public var upstream: [EPC]
    public var downstream: [EPC]
    public var receipts: [WarehouseReceipt]
    public var discrepancies: [Discrepancy]
    public var custodyGaps: [CustodyGap]
}

extension ProvenanceState {
    public func provenance(of epc: EPC) throws(QueryError) -> LotProvenance {
        guard let lot = lots[epc] else { throw QueryError(.unknownLot, epc.uri) }
        var indexes = Set<Int>()
        var visited = Set<VisitKey>()
        collect(epc, from: 0, to: Int.max, depth: 0, into: &indexes, visited: &visited)
        let upstream = walk(from: epc) { l in l.memberships.map(\.parent) + l.derivedFrom.map(\.lot) }
        let downstream = walk(from: epc) { l in l.children + l.transformedInto.map(\.lot) }
        return LotProvenance(
            lot: lot,
            events: indexes.sorted().compactMap { events.element(at: $0) },
            parents: unique(lot.memberships.map(\.parent)),
            children: lot.children,
            inputs: unique(lot.derivedFrom.map(\.lot)),
            outputs: unique(lot.transformedInto.map(\.lot)),
            upstream: upstream,
            downstream: downstream,
            receipts: receipts(of: epc),
            discrepancies: discrepancies(onLot: epc),
            custodyGaps: custodyGaps(onLot: epc))
    }

    private struct VisitKey: Hashable {
        var epc: EPC
        var from: Int
        var to: Int
    }

    /// Event indexes relevant to `epc` within [from, to], following containers (within the
    /// membership window) and transformation inputs (up to the transformation).
    private func collect(_ epc: EPC, from: Int, to: Int, depth: Int, into out: inout Set<Int>, visited: inout Set<VisitKey>) {
        guard depth < 64, from <= to, visited.insert(VisitKey(epc: epc, from: from, to: to)).inserted, let lot = lots[epc] else { return }
        for i in lot.eventIndexes where i >= from && i <= to { out.insert(i) }
        for m in lot.memberships {
            collect(m.parent, from: max(from, m.addedAt), to: min(to, m.removedAt ?? Int.max), depth: depth + 1, into: &out, visited: &visited)
        }
        for d in lot.derivedFrom {
            collect(d.lot, from: 0, to: min(to, d.eventIndex), depth: depth + 1, into: &out, visited: &visited)
        }
    }

    private func walk(from start: EPC, next: (Lot) -> [EPC]) -> [EPC] {
        var seen: Set<EPC> = [start]
        var queue = [start]
        var out = [EPC]()
        var head = 0
        while head < queue.count {
            let current = queue[head]
            head += 1
            guard let lot = lots[current] else { continue }
            for n in next(lot) where seen.insert(n).inserted {
                out.append(n)
                queue.append(n)
            }
        }
        return out
    }

    private func unique(_ list: [EPC]) -> [EPC] {
        var seen = Set<EPC>()
        return list.filter { seen.insert($0).inserted }
    }
}
