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

    /// The event's arrays and the name table as raw buffers, valid for one `write`.
    struct Event {
        let nodes: UnsafeBufferPointer<FlatNode>
        let values: UnsafeBufferPointer<UInt8>
        let namePool: UnsafeBufferPointer<UInt8>
        let nameRanges: UnsafeBufferPointer<Int32>

        @inline(__always)
        subscript(_ i: Int32) -> FlatNode { nodes[Int(i)] }

        @inline(__always)
        func name(_ id: Int32) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: namePool[Int(nameRanges[2 * Int(id)])..<Int(nameRanges[2 * Int(id) + 1])])
        }

        @inline(__always)
        func value(_ n: FlatNode) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: values[Int(n.valueStart)..<Int(n.valueEnd)])
        }
    }

    mutating func write(_ e: FlatEvent, names: FlatNames) throws(HashValue.Unhashable) {
        out.removeAll(keepingCapacity: true)
        ranges.removeAll(keepingCapacity: true)
        out += Self.eventTypePrefix
        out += e.type.rawValue.utf8
        var failure: HashValue.Unhashable?
        e.nodes.withUnsafeBufferPointer { nodes in
            e.values.withUnsafeBufferPointer { values in
                names.pool.withUnsafeBufferPointer { pool in
                    names.ranges.withUnsafeBufferPointer { nameRanges in
                        let ev = Event(nodes: nodes, values: values, namePool: pool, nameRanges: nameRanges)
                        do throws(HashValue.Unhashable) {
                            for k in 0..<FlatNames.fixedOrderCount where e.slots[k] >= 0 {
                                try fixed(ev, e.slots[k], Self.kinds[k])
                            }
                            try generic(e.tail, ev)
                        } catch {
                            failure = error
                        }
                    }
                }
            }
        }
        if let failure { throw failure }
    }

    /// Values that start with `h` and pass through the identifier rules (the bare words'
    /// Web URIs, repeated event after event) are canonicalised once and remembered.
    private var cache = ByteTable(capacity: 256)
    private var cached: [UInt8] = []
    private var cachedRanges: [Int] = []

    @inline(__always)
    private mutating func canonical(_ u: UnsafeBufferPointer<UInt8>) throws(HashValue.Unhashable) {
        guard u.count > 8, u[0] == UInt8(ascii: "h") else { return try FastValue.appendCanonical(u, to: &out) }
        let h = ByteTable.hash(u)
        if let e = cache.find(u, hash: h) {
            out.append(contentsOf: cached[cachedRanges[2 * e]..<cachedRanges[2 * e + 1]])
            return
        }
        let mark = out.count
        try FastValue.appendCanonical(u, to: &out)
        guard cache.count < 4096 else { return }
        cache.insert(u, hash: h, value: 0)
        cachedRanges.append(cached.count)
        cached += out[mark...]
        cachedRanges.append(cached.count)
    }

    private mutating func fixed(_ ev: Event, _ i: Int32, _ kind: FixedKind) throws(HashValue.Unhashable) {
        let n = ev[i]
        let mark = out.count
        out.append(contentsOf: ev.name(n.name))
        let afterName = out.count
        switch kind {
        case .time:
            if n.valueEnd > n.valueStart { try FastValue.appendTimestamp(ev.value(n), to: &out) }
        case .leaf:
            if n.valueEnd > n.valueStart { try canonical(ev.value(n)) }
        case .epcs:
            try group(ev, n.firstChild, FlatNames.epc)
        case .quantities:
            let base = out.count
            let r = ranges.count
            var c = n.firstChild
            while c >= 0 {
                let start = out.count
                try quantityElement(ev, c)
                if out.count > start { ranges.append(start); ranges.append(out.count) }
                c = ev[c].nextSibling
            }
            sortSegments(from: base, ranges: r)
        case .persistentDisposition:
            try group(ev, n.firstChild, FlatNames.set)
            try group(ev, n.firstChild, FlatNames.unset)
        case .ids:
            try group(ev, n.firstChild, FlatNames.id)
        }
        if out.count == afterName { out.removeSubrange(mark...) }
    }

    /// The children named `name`, each as `name=value`, sorted.
    private mutating func group(_ ev: Event, _ first: Int32, _ name: Int32) throws(HashValue.Unhashable) {
        let base = out.count
        let r = ranges.count
        var c = first
        while c >= 0 {
            let child = ev[c]
            if child.name == name {
                let start = out.count
                try leafOrNothing(ev, child)
                if out.count > start { ranges.append(start); ranges.append(out.count) }
            }
            c = child.nextSibling
        }
        sortSegments(from: base, ranges: r)
    }

    private mutating func quantityElement(_ ev: Event, _ i: Int32) throws(HashValue.Unhashable) {
        let mark = out.count
        out.append(contentsOf: ev.name(FlatNames.quantityElement))
        let afterName = out.count
        for sub in Self.quantityOrder {
            var c = ev[i].firstChild
            while c >= 0 {
                if ev[c].name == sub { try leafOrNothing(ev, ev[c]) }
                c = ev[c].nextSibling
            }
        }
        if out.count == afterName { out.removeSubrange(mark...) }
    }

    /// A fixed-order leaf: `name=value`, or nothing at all when the value is blank.
    @inline(__always)
    private mutating func leafOrNothing(_ ev: Event, _ n: FlatNode) throws(HashValue.Unhashable) {
        let mark = out.count
        out.append(contentsOf: ev.name(n.name))
        let afterName = out.count
        if n.valueEnd > n.valueStart { try canonical(ev.value(n)) }
        if out.count == afterName { out.removeSubrange(mark...) }
    }

    /// The sorted remainder (`PreHashBuilder.generic`): each node rendered, siblings sorted.
    private mutating func generic(_ siblings: [Int32], _ ev: Event) throws(HashValue.Unhashable) {
        if siblings.count == 1 { return try render(ev, siblings[0]) }
        let base = out.count
        let r = ranges.count
        for s in siblings {
            let start = out.count
            try render(ev, s)
            ranges.append(start); ranges.append(out.count)
        }
        sortSegments(from: base, ranges: r)
    }

    private mutating func genericChildren(_ ev: Event, _ first: Int32) throws(HashValue.Unhashable) {
        if ev[first].nextSibling < 0 { return try render(ev, first) }
        let base = out.count
        let r = ranges.count
        var c = first
        while c >= 0 {
            let start = out.count
            try render(ev, c)
            ranges.append(start); ranges.append(out.count)
            c = ev[c].nextSibling
        }
        sortSegments(from: base, ranges: r)
    }

    /// `PreHashBuilder.render`: a bizTransaction/source/destination entry writes its type and
    /// identifier in the order they were written; anything else `name[=value]` then its children.
    private mutating func render(_ ev: Event, _ i: Int32) throws(HashValue.Unhashable) {
        let n = ev[i]
        if FlatNames.isPairName(n.name) {
            var c = n.firstChild
            while c >= 0, ev[c].name != FlatNames.type { c = ev[c].nextSibling }
            if c >= 0 {
                let type = ev[c]
                if n.valueBeforeType {
                    try leaf(ev, n)
                    try leaf(ev, type)
                } else {
                    try leaf(ev, type)
                    try leaf(ev, n)
                }
                return
            }
        }
        try leaf(ev, n)
        if n.firstChild >= 0 { try genericChildren(ev, n.firstChild) }
    }

    @inline(__always)
    private mutating func leaf(_ ev: Event, _ n: FlatNode) throws(HashValue.Unhashable) {
        out.append(contentsOf: ev.name(n.name))
        if n.valueEnd > n.valueStart { try canonical(ev.value(n)) }
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
