import BollardCore

/// Lots by the short names people type: `OPM26-0001` for
/// `urn:epc:class:lgtin:8801234.000011.OPM26-0001`, `000011.OPM26-0001` too — every tail of an
/// EPC URI that starts after a `.`, `:` or `/` (TDS 2.1 §6: the URI's components are separated
/// by those). A GS1 Digital Link path joins the company prefix and the serial with no separator
/// (`…/8004/8801234OPM26-0001`), so for those URIs alone a plain suffix also matches.
///
/// Built once per state (the follower keeps it), so resolving a name is a dictionary lookup,
/// not a scan of every lot.
public struct LotNames: Sendable {
    private var byTail: [Substring: [EPC]] = [:]
    private var digitalLinks: [EPC] = []

    public init() {}

    public init(_ state: ProvenanceState) {
        byTail.reserveCapacity(state.lots.count * 4)
        for epc in state.lots.keys {
            let uri = epc.uri[...]
            var i = uri.startIndex
            while i < uri.endIndex {
                let c = uri[i]
                i = uri.index(after: i)
                if c == "." || c == ":" || c == "/", i < uri.endIndex { byTail[uri[i...], default: []].append(epc) }
            }
            if uri.hasPrefix("http") { digitalLinks.append(epc) }
        }
    }

    /// The lots `name` may mean: the lot whose URI it is, else every lot one of whose tails it is.
    public func lots(named name: String, in state: ProvenanceState) -> [EPC] {
        if let epc = try? EPC(name), state.lots[epc] != nil { return [epc] }
        let found = byTail[name[...]] ?? []
        if !found.isEmpty { return found.sorted() }
        return digitalLinks.filter { $0.uri.hasSuffix(name) }.sorted()
    }
}
