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
        var rest: [EPCISField] = []
        rest.reserveCapacity(children.count)
        var extensions: [EPCISField] = []
        if children.count > 1 && !children.contains(where: { $0.name.contains("eventTime") || $0.name.contains("action") }) {
            for c in children {
                if Self.isSlashNamespaced(c.name) { extensions.append(c) } else { rest.append(c) }
            }
        } else {
            rest = children
        }

        var slots: [[Int]] = Array(repeating: [], count: order.entries.count)
        var any = false
        for (i, c) in rest.enumerated() {
            if let k = order.index[c.name] { slots[k].append(i); any = true }
        }
        if any {
            var removed = [Bool](repeating: false, count: rest.count)
            for (k, entry) in order.entries.enumerated() where !slots[k].isEmpty {
                var parts: [[UInt8]] = []
                for i in slots[k] {
                    let (text, left) = try child(rest[i], entry.children, entry.name)
                    if !text.isEmpty { parts.append(text) }
                    if left.isEmpty { removed[i] = true } else { rest[i].children = left }
                }
                if parts.count > 1 { parts.sort(by: Self.codePointLess) }
                for p in parts { out += p }
            }
            var kept: [EPCISField] = []
            kept.reserveCapacity(rest.count)
            for (i, c) in rest.enumerated() where !removed[i] { kept.append(c) }
            rest = kept
        }
        if !extensions.isEmpty { try generic(extensions, into: &out) }
        return rest
    }

    /// One field of the fixed order: `name=value` and its ordered children. Returns the text
    /// (empty when the field has neither value nor hashed children) and the unconsumed children.
    func child(_ field: EPCISField, _ sub: FieldOrder?, _ name: String) throws(Failure) -> ([UInt8], [EPCISField]) {
        var grand: [UInt8] = []
        var left = field.children
        if let sub { left = try ordered(field.children, sub, into: &grand) }
        var text = ""
        if !field.value.isEmpty {
            let t = HashValue.trimmed(field.value)
            if !t.isEmpty {
                text = Self.isTimeField(name) ? try HashValue.timestamp(t) : try HashValue.canonical(t)
            }
        }
        guard !text.isEmpty || !grand.isEmpty else { return ([], left) }
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count + text.utf8.count + grand.count + 1)
        out += name.utf8
        if !text.isEmpty { out.append(UInt8(ascii: "=")); out += text.utf8 }
        out += grand
        return (out, left)
    }

    /// The sorted remainder: every field rendered as `name[=value]` followed by its children,
    /// siblings sorted. A bizTransaction/source/destination entry writes its type first.
    func generic(_ fields: [EPCISField], into out: inout [UInt8]) throws(Failure) {
        if fields.count == 1 {
            try render(fields[0], into: &out)
            return
        }
        var parts: [[UInt8]] = []
        parts.reserveCapacity(fields.count)
        for f in fields {
            var p: [UInt8] = []
            try render(f, into: &p)
            parts.append(p)
        }
        parts.sort(by: Self.codePointLess)
        for p in parts { out += p }
    }

    func render(_ f: EPCISField, into out: inout [UInt8]) throws(Failure) {
        if Self.pairNames.contains(f.name), let type = f.children.first(where: { $0.name == "type" }) {
            try leaf(type.name, type.value, into: &out)
            try leaf(f.name, f.value, into: &out)
            return
        }
        try leaf(f.name, f.value, into: &out)
        if !f.children.isEmpty { try generic(f.children, into: &out) }
    }

    func leaf(_ name: String, _ value: String, into out: inout [UInt8]) throws(Failure) {
        out += name.utf8
        let t = HashValue.trimmed(value)
        if !t.isEmpty {
            out.append(UInt8(ascii: "="))
            out += try HashValue.canonical(t).utf8
        }
    }

    static func isTimeField(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.contains("time") && !lower.contains("offset")
    }

    /// `{namespace/}local`: the reference moves only these into their parent's pre-hash.
    static func isSlashNamespaced(_ name: String) -> Bool {
        name.utf8.first == UInt8(ascii: "{") && name.contains("/}")
    }

    static func codePointLess(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.lexicographicallyPrecedes(b)
    }
}
