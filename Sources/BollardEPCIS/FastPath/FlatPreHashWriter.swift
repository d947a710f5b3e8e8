/// Writes the CBV 2.0 §8.9.2 pre-hash of a `FlatEvent` into one reused buffer: the walk of
/// `PreHashBuilder`, for the events the fast paths accept (every child of a fixed-order field
/// belongs to that field's own order, so nothing is left over for the sorted remainder).
/// Sorting members rearranges byte ranges of the output in place through two scratch arrays.
struct FlatPreHashWriter {
    var out: [UInt8] = []
    private var ranges: [Int] = []
    private var scratch: [UInt8] = []

    init() {
        out.reserveCapacity(4096)
        ranges.reserveCapacity(256)
        scratch.reserveCapacity(4096)
    }

    static let eventTypePrefix = Array("eventType=".utf8)
    static let eventTime = FlatNames.fixed("eventTime")
    static let readPoint = FlatNames.fixed("readPoint")
    static let bizLocation = FlatNames.fixed("bizLocation")
    static let persistentDisposition = FlatNames.fixed("persistentDisposition")
    static let epcLists: Set<Int32> = Set(["epcList", "inputEPCList", "childEPCs", "outputEPCList"].map(FlatNames.fixed))
    static let quantityLists: Set<Int32> = Set(
        ["quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList"].map(FlatNames.fixed))

    static let quantityOrder: [Int32] = [FlatNames.epcClass, FlatNames.quantity, FlatNames.uom]

    /// The kind of each fixed-order field, by its id.
    enum FixedKind { case time, leaf, epcs, quantities, persistentDisposition, ids }
    static let kinds: [FixedKind] = (0..<FlatNames.fixedOrderCount).map { k in
        let id = Int32(k)
        if id == eventTime { return .time }
        if epcLists.contains(id) { return .epcs }
        if quantityLists.contains(id) { return .quantities }
        if id == persistentDisposition { return .persistentDisposition }
        if id == readPoint || id == bizLocation { return .ids }
        return .leaf
    }

    mutating func write(_ e: FlatEvent, names: FlatNames) throws(HashValue.Unhashable) {
        out.removeAll(keepingCapacity: true)
        ranges.removeAll(keepingCapacity: true)
        out += Self.eventTypePrefix
        out += e.type.rawValue.utf8
        try e.values.withUnsafeBufferPointer { (v) throws(HashValue.Unhashable) in
            for k in 0..<FlatNames.fixedOrderCount where e.slots[k] >= 0 {
                try fixed(e.nodes, Int(e.slots[k]), Self.kinds[k], names, v)
            }
            try generic(e.tail, e.nodes, names, v)
        }
    }

    @inline(__always)
    private func value(_ n: FlatNode, _ v: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: v[Int(n.valueStart)..<Int(n.valueEnd)])
    }

    private mutating func fixed(_ nodes: [FlatNode], _ i: Int, _ kind: FixedKind, _ names: FlatNames,
                                _ v: UnsafeBufferPointer<UInt8>) throws(HashValue.Unhashable)
    {
        let n = nodes[i]
        let mark = out.count
        out += names.bytes[Int(n.name)]
        let afterName = out.count
        switch kind {
        case .time:
            if n.valueEnd > n.valueStart { try FastValue.appendTimestamp(value(n, v), to: &out) }
        case .leaf:
            if n.valueEnd > n.valueStart { try FastValue.appendCanonical(value(n, v), to: &out) }
        case .epcs:
            try group(nodes, n.firstChild, FlatNames.epc, names, v)
        case .quantities:
            let base = out.count
            let r = ranges.count
            var c = n.firstChild
            while c >= 0 {
                let start = out.count
                try quantityElement(nodes, Int(c), names, v)
                if out.count > start { ranges.append(start); ranges.append(out.count) }
                c = nodes[Int(c)].nextSibling
            }
            sortSegments(from: base, ranges: r)
        case .persistentDisposition:
            try group(nodes, n.firstChild, FlatNames.set, names, v)
            try group(nodes, n.firstChild, FlatNames.unset, names, v)
        case .ids:
            try group(nodes, n.firstChild, FlatNames.id, names, v)
        }
        if out.count == afterName { out.removeSubrange(mark...) }
    }

    /// The children named `name`, each as `name=value`, sorted.
    private mutating func group(_ nodes: [FlatNode], _ first: Int32, _ name: Int32, _ names: FlatNames,
                                _ v: UnsafeBufferPointer<UInt8>) throws(HashValue.Unhashable)
    {
        let base = out.count
        let r = ranges.count
        var c = first
        while c >= 0 {
            let child = nodes[Int(c)]
            if child.name == name {
                let start = out.count
                try leafOrNothing(child, names, v)
                if out.count > start { ranges.append(start); ranges.append(out.count) }
            }
            c = child.nextSibling
        }
        sortSegments(from: base, ranges: r)
    }

    private mutating func quantityElement(_ nodes: [FlatNode], _ i: Int, _ names: FlatNames,
                                          _ v: UnsafeBufferPointer<UInt8>) throws(HashValue.Unhashable)
    {
        let mark = out.count
        out += names.bytes[Int(FlatNames.quantityElement)]
        let afterName = out.count
        for sub in Self.quantityOrder {
            var c = nodes[i].firstChild
            while c >= 0 {
                if nodes[Int(c)].name == sub { try leafOrNothing(nodes[Int(c)], names, v) }
                c = nodes[Int(c)].nextSibling
            }
        }
        if out.count == afterName { out.removeSubrange(mark...) }
    }

    /// A fixed-order leaf: `name=value`, or nothing at all when the value is blank.
    @inline(__always)
    private mutating func leafOrNothing(_ n: FlatNode, _ names: FlatNames, _ v: UnsafeBufferPointer<UInt8>) throws(HashValue.Unhashable) {
        let mark = out.count
        out += names.bytes[Int(n.name)]
        let afterName = out.count
        if n.valueEnd > n.valueStart { try FastValue.appendCanonical(value(n, v), to: &out) }
        if out.count == afterName { out.removeSubrange(mark...) }
    }

    /// The sorted remainder (`PreHashBuilder.generic`): each node rendered, siblings sorted.
    private mutating func generic(_ siblings: [Int32], _ nodes: [FlatNode], _ names: FlatNames,
                                  _ v: UnsafeBufferPointer<UInt8>) throws(HashValue.Unhashable)
    {
        if siblings.count == 1 { return try render(nodes, Int(siblings[0]), names, v) }
        let base = out.count
        let r = ranges.count
        for s in siblings {
            let start = out.count
            try render(nodes, Int(s), names, v)
            ranges.append(start); ranges.append(out.count)
        }
        sortSegments(from: base, ranges: r)
    }

    private mutating func genericChildren(_ nodes: [FlatNode], _ first: Int32, _ names: FlatNames,
                                          _ v: UnsafeBufferPointer<UInt8>) throws(HashValue.Unhashable)
    {
        if nodes[Int(first)].nextSibling < 0 { return try render(nodes, Int(first), names, v) }
        let base = out.count
        let r = ranges.count
        var c = first
        while c >= 0 {
            let start = out.count
            try render(nodes, Int(c), names, v)
            ranges.append(start); ranges.append(out.count)
            c = nodes[Int(c)].nextSibling
        }
        sortSegments(from: base, ranges: r)
    }

    /// `PreHashBuilder.render`: a bizTransaction/source/destination entry writes its type and
    /// identifier in the order they were written; anything else `name[=value]` then its children.
    private mutating func render(_ nodes: [FlatNode], _ i: Int, _ names: FlatNames,
                                 _ v: UnsafeBufferPointer<UInt8>) throws(HashValue.Unhashable)
    {
        let n = nodes[i]
        if FlatNames.isPairName(n.name) {
            var c = n.firstChild
            while c >= 0, nodes[Int(c)].name != FlatNames.type { c = nodes[Int(c)].nextSibling }
            if c >= 0 {
                let type = nodes[Int(c)]
                if n.valueBeforeType {
                    try leaf(n, names, v)
                    try leaf(type, names, v)
                } else {
                    try leaf(type, names, v)
                    try leaf(n, names, v)
                }
                return
            }
        }
        try leaf(n, names, v)
        if n.firstChild >= 0 { try genericChildren(nodes, n.firstChild, names, v) }
    }

    @inline(__always)
    private mutating func leaf(_ n: FlatNode, _ names: FlatNames, _ v: UnsafeBufferPointer<UInt8>) throws(HashValue.Unhashable) {
        out += names.bytes[Int(n.name)]
        if n.valueEnd > n.valueStart { try FastValue.appendCanonical(value(n, v), to: &out) }
    }

    /// Reorders the segments recorded in `ranges[r...]` (start/end pairs that tile
    /// `out[base...]`) into code-point order, and drops them from `ranges`.
    private mutating func sortSegments(from base: Int, ranges r: Int) {
        let count = (ranges.count - r) / 2
        defer { ranges.removeSubrange(r...) }
        guard count > 1 else { return }
        var moved = false
        out.withUnsafeBufferPointer { o in
            ranges.withUnsafeMutableBufferPointer { rs in
                // Insertion sort: lists hold a handful of members.
                for a in 1..<count {
                    let s = rs[r + 2 * a], e = rs[r + 2 * a + 1]
                    let key = UnsafeBufferPointer(rebasing: o[s..<e])
                    var b = a - 1
                    while b >= 0 {
                        let other = UnsafeBufferPointer(rebasing: o[rs[r + 2 * b]..<rs[r + 2 * b + 1]])
                        guard key.lexicographicallyPrecedes(other) else { break }
                        rs[r + 2 * b + 2] = rs[r + 2 * b]
                        rs[r + 2 * b + 3] = rs[r + 2 * b + 1]
                        b -= 1
                        moved = true
                    }
                    rs[r + 2 * b + 2] = s
                    rs[r + 2 * b + 3] = e
                }
            }
        }
        guard moved else { return }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: out[base...])
        out.removeSubrange(base...)
        for k in 0..<count {
            out.append(contentsOf: scratch[(ranges[r + 2 * k] - base)..<(ranges[r + 2 * k + 1] - base)])
        }
    }
}
