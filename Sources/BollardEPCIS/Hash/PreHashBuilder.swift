/// Builds the CBV 2.0 §8.9 pre-hash string of one event into a byte buffer.
///
/// The walk mirrors GS1's reference generator, which defines the interoperable result: fields of
/// the fixed order are written first and consumed; what a field of the fixed order does not
/// consume (an extension in a namespace not ending in `/`, for instance) stays behind and is
/// written again in the sorted remainder. Every list is written as its members' strings sorted
/// by code point — bytewise UTF-8 order, which is the same order.
struct PreHashBuilder {
    typealias Failure = HashValue.Unhashable

    static let neverHashed: Set<String> = ["recordTime", "eventID", "type", "errorDeclaration"]
    static let pairNames: Set<String> = ["bizTransaction", "source", "destination"]

    let ignored: Set<String>

    func preHash(_ event: EPCISEvent) throws(Failure) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        out += "eventType=".utf8
        out += event.type.rawValue.utf8
        let leftovers = try ordered(event.fields, .event, into: &out)
        var tail: [EPCISField] = []
        tail.reserveCapacity(leftovers.count)
        for f in leftovers where !Self.neverHashed.contains(f.name) && !ignored.contains(f.name) { tail.append(f) }
        try generic(tail, into: &out)
        return out
    }

    /// Writes the children named in `order` (in that order, each name's occurrences sorted),
    /// then the `{…/}` extensions gathered at this level; returns what was not consumed.
    func ordered(_ children: [EPCISField], _ order: FieldOrder, into out: inout [UInt8]) throws(Failure) -> [EPCISField] {
        var rest = children
        var extensions: [EPCISField] = []
        if children.count > 1, children.contains(where: { Self.isSlashNamespaced($0.name) }),
           !children.contains(where: { $0.name.utf8Contains("eventTime") || $0.name.utf8Contains("action") })
        {
            rest = []
            for c in children {
                if Self.isSlashNamespaced(c.name) { extensions.append(c) } else { rest.append(c) }
            }
        }

        var matched: [(k: Int, i: Int)] = []
        matched.reserveCapacity(rest.count)
        for i in rest.indices {
            if let k = order.index[rest[i].name] { matched.append((k, i)) }
        }
        if !matched.isEmpty {
            if matched.count > 1 { matched.sort { $0.k != $1.k ? $0.k < $1.k : $0.i < $1.i } }
            var removed = [Bool](repeating: false, count: rest.count)
            var g = 0
            while g < matched.count {
                let k = matched[g].k
                var h = g + 1
                while h < matched.count, matched[h].k == k { h += 1 }
                let entry = order.entries[k]
                if h - g == 1 {
                    let i = matched[g].i
                    let left = try child(rest[i], entry.children, entry.name, isTime: entry.isTime, into: &out)
                    if left.isEmpty { removed[i] = true } else { rest[i].children = left }
                } else {
                    let base = out.count
                    var ranges: [Range<Int>] = []
                    ranges.reserveCapacity(h - g)
                    for m in g..<h {
                        let i = matched[m].i
                        let start = out.count
                        let left = try child(rest[i], entry.children, entry.name, isTime: entry.isTime, into: &out)
                        if out.count > start { ranges.append(start..<out.count) }
                        if left.isEmpty { removed[i] = true } else { rest[i].children = left }
                    }
                    Self.sortSegments(&out, from: base, ranges)
                }
                g = h
            }
            var kept: [EPCISField] = []
            for (i, c) in rest.enumerated() where !removed[i] { kept.append(c) }
            rest = kept
        }
        if !extensions.isEmpty { try generic(extensions, into: &out) }
        return rest
    }

    /// One field of the fixed order, `name=value` followed by its ordered children, appended to
    /// `out` (nothing when the field has neither value nor hashed children). Returns the
    /// children it did not consume.
    func child(_ field: EPCISField, _ sub: FieldOrder?, _ name: String, isTime: Bool, into out: inout [UInt8]) throws(Failure) -> [EPCISField] {
        let mark = out.count
        out += name.utf8
        let afterName = out.count
        if !field.value.isEmpty {
            if isTime {
                let t = HashValue.trimmed(field.value)
                if !t.isEmpty {
                    out.append(UInt8(ascii: "="))
                    out += try HashValue.timestamp(t).utf8
                }
            } else {
                try HashValue.appendCanonical(field.value, to: &out)
            }
        }
        var left = field.children
        if let sub { left = try ordered(field.children, sub, into: &out) }
        if out.count == afterName { out.removeSubrange(mark...) }
        return left
    }

    /// The sorted remainder: every field rendered as `name[=value]` followed by its children,
    /// siblings sorted. A bizTransaction/source/destination entry writes its type first.
    func generic(_ fields: [EPCISField], into out: inout [UInt8]) throws(Failure) {
        if fields.count == 1 {
            try render(fields[0], into: &out)
            return
        }
        let base = out.count
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(fields.count)
        for f in fields {
            let start = out.count
            try render(f, into: &out)
            ranges.append(start..<out.count)
        }
        Self.sortSegments(&out, from: base, ranges)
    }

    /// Reorders the consecutive segments `ranges` (which tile `out[base...]`) into code-point
    /// order of their bytes. Rendering in place and sorting ranges avoids one array per member.
    static func sortSegments(_ out: inout [UInt8], from base: Int, _ ranges: [Range<Int>]) {
        guard ranges.count > 1 else { return }
        let sorted = out.withUnsafeBufferPointer { buf in
            ranges.sorted { a, b in
                UnsafeBufferPointer(rebasing: buf[a]).lexicographicallyPrecedes(UnsafeBufferPointer(rebasing: buf[b]))
            }
        }
        if sorted == ranges { return }
        let copy = Array(out[base...])
        out.removeSubrange(base...)
        for r in sorted { out += copy[(r.lowerBound - base)..<(r.upperBound - base)] }
    }

    func render(_ f: EPCISField, into out: inout [UInt8]) throws(Failure) {
        if Self.pairNames.contains(f.name), let type = f.children.first(where: { $0.name == "type" }) {
            if f.valueWrittenBeforeType {
                try leaf(f.name, f.value, into: &out)
                try leaf(type.name, type.value, into: &out)
            } else {
                try leaf(type.name, type.value, into: &out)
                try leaf(f.name, f.value, into: &out)
            }
            return
        }
        try leaf(f.name, f.value, into: &out)
        if !f.children.isEmpty { try generic(f.children, into: &out) }
    }

    func leaf(_ name: String, _ value: String, into out: inout [UInt8]) throws(Failure) {
        out += name.utf8
        if !value.isEmpty { try HashValue.appendCanonical(value, to: &out) }
    }

    static func isTimeField(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.utf8Contains("time") && !lower.utf8Contains("offset")
    }

    /// `{namespace/}local`: the reference moves only these into their parent's pre-hash.
    static func isSlashNamespaced(_ name: String) -> Bool {
        name.utf8.first == UInt8(ascii: "{") && name.utf8Contains("/}")
    }
}
