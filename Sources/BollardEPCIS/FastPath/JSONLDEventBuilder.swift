/// Turns one event object of a `JSONLDFastDocument` into a `FlatEvent`, placing and renaming
/// fields as `FieldBuilder` does (EPCIS 2.0 §10 → the §9 shape) and rendering scalars as its
/// `scalarText` does. `build` answers false for a shape it does not reproduce exactly, and the
/// document then goes through the general path.
struct JSONLDEventBuilder {
    let doc: JSONLDFastDocument
    private var unescaped: [UInt8] = []
    private var seen: [Int32] = []
    /// Whether `eventID` and `recordTime`, which the hash leaves out (CBV 2.0 §8.9.2), become
    /// nodes too: they do when the event is read for mapping rather than hashed.
    let keepsUnhashedFields: Bool

    init(doc: JSONLDFastDocument, keepsUnhashedFields: Bool = false) {
        self.doc = doc
        self.keepsUnhashedFields = keepsUnhashedFields
        unescaped.reserveCapacity(256)
        seen.reserveCapacity(32)
    }

    static let eventTime = Int(FlatNames.fixed("eventTime"))
    static let action = Int(FlatNames.fixed("action"))
    static let eventTypes: [(bytes: [UInt8], type: EPCISEventType)] = EPCISEventType.allCases.map { (Array($0.rawValue.utf8), $0) }
    static let actions: [[UInt8]] = ["ADD", "OBSERVE", "DELETE"].map { Array($0.utf8) }

    mutating func build(_ event: Int, into e: inout FlatEvent, bytes b: UnsafeBufferPointer<UInt8>) -> Bool {
        e.reset()
        seen.removeAll(keepingCapacity: true)
        var typed = false
        let end = Int(doc.tokens[event].next)
        var m = event + 1
        while m < end {
            let v = m + 1
            let id = doc.tokens[m].next
            if seen.contains(id) { return false }
            seen.append(id)
            let info = doc.keyInfo[Int(id)]
            let t = doc.tokens[v]
            switch info.top {
            case .eventType:
                guard t.kind == .string, let type = Self.eventType(slice(t, b)) else { return false }
                e.type = type
                typed = true
            case .skip:
                break
            case .skipString:
                guard t.kind == .string else { return false }
                if keepsUnhashedFields {
                    let start = e.values.count
                    guard appendScalar(t, b, &e) else { return false }
                    _ = e.addNode(name: info.name, valueFrom: start, parent: -1)
                }
            case .fallback:
                return false
            case .action:
                guard t.kind == .string, t.flags == 0 else { return false }
                let s = slice(t, b)
                guard Self.actions.contains(where: { $0.elementsEqual(s) }) else { return false }
                guard leaf(info.name, t, b, &e) else { return false }
            case .timeLeaf, .leaf, .bizStep, .disposition:
                guard t.kind == .string, leaf(info.name, t, b, &e) else { return false }
            case .epcArray:
                guard t.kind == .array else { return false }
                guard Int(t.next) > v + 1 else { break }
                let list = e.addNode(name: info.name, valueFrom: e.values.count, parent: -1)
                e.slots[Int(info.name)] = list
                var c = v + 1
                while c < Int(t.next) {
                    guard doc.tokens[c].kind == .string else { return false }
                    let start = e.values.count
                    guard appendScalar(doc.tokens[c], b, &e) else { return false }
                    _ = e.addNode(name: FlatNames.epc, valueFrom: start, parent: list)
                    c += 1
                }
            case .quantityArray:
                guard t.kind == .array else { return false }
                guard Int(t.next) > v + 1 else { break }
                let list = e.addNode(name: info.name, valueFrom: e.values.count, parent: -1)
                e.slots[Int(info.name)] = list
                var c = v + 1
                while c < Int(t.next) {
                    guard quantityElement(c, list, b, &e) else { return false }
                    c = doc.after(c)
                }
            case .pairArray:
                guard t.kind == .array else { return false }
                guard Int(t.next) > v + 1 else { break }
                let list = e.addNode(name: info.name, valueFrom: e.values.count, parent: -1)
                e.tail.append(list)
                var c = v + 1
                while c < Int(t.next) {
                    guard pairEntry(c, info.pairMember, list, b, &e) else { return false }
                    c = doc.after(c)
                }
            case .idObject:
                guard t.kind == .object else { return false }
                let node = e.addNode(name: info.name, valueFrom: e.values.count, parent: -1)
                e.slots[Int(info.name)] = node
                guard children(of: v, allowing: .id, .id, under: node, b, &e) else { return false }
            case .persistentDisposition:
                guard t.kind == .object else { return false }
                let node = e.addNode(name: info.name, valueFrom: e.values.count, parent: -1)
                e.slots[Int(info.name)] = node
                guard children(of: v, allowing: .set, .unset, under: node, b, &e) else { return false }
            case .ilmd:
                guard t.kind == .object, generic(info.name, v, parent: -1, b, &e) else { return false }
            case .generic:
                guard generic(info.name, v, parent: -1, b, &e) else { return false }
            }
            m = doc.after(v)
        }
        return typed && (e.slots[Self.eventTime] >= 0 || e.slots[Self.action] >= 0)
    }

    @inline(__always)
    private func slice(_ t: JSONToken, _ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: b[Int(t.start)..<Int(t.end)])
    }

    static func eventType(_ s: UnsafeBufferPointer<UInt8>) -> EPCISEventType? {
        eventTypes.first { $0.bytes.elementsEqual(s) }?.type
    }

    private mutating func leaf(_ name: Int32, _ t: JSONToken, _ b: UnsafeBufferPointer<UInt8>, _ e: inout FlatEvent) -> Bool {
        let start = e.values.count
        guard appendScalar(t, b, &e) else { return false }
        e.slots[Int(name)] = e.addNode(name: name, valueFrom: start, parent: -1)
        return true
    }

    /// A quantity element: epcClass, quantity and uom at most once each, nothing else.
    private mutating func quantityElement(_ q: Int, _ list: Int32, _ b: UnsafeBufferPointer<UInt8>, _ e: inout FlatEvent) -> Bool {
        guard doc.tokens[q].kind == .object, Int(doc.tokens[q].next) > q + 1 else { return false }
        let node = e.addNode(name: FlatNames.quantityElement, valueFrom: e.values.count, parent: list)
        var present: UInt8 = 0
        var m = q + 1
        while m < Int(doc.tokens[q].next) {
            let info = doc.keyInfo[Int(doc.tokens[m].next)]
            let bit: UInt8
            switch info.raw {
            case .epcClass: bit = 1
            case .quantity: bit = 2
            case .uom: bit = 4
            default: return false
            }
            guard present & bit == 0 else { return false }
            present |= bit
            let start = e.values.count
            guard appendScalar(doc.tokens[m + 1], b, &e) else { return false }
            _ = e.addNode(name: info.name, valueFrom: start, parent: node)
            m = doc.after(m + 1)
        }
        return true
    }

    /// `FieldBuilder.pairEntry`: the identifier as the entry's value, its type as the one child.
    private mutating func pairEntry(_ o: Int, _ member: Int32, _ list: Int32, _ b: UnsafeBufferPointer<UInt8>, _ e: inout FlatEvent) -> Bool {
        guard doc.tokens[o].kind == .object else { return false }
        var valueToken = -1, typeToken = -1
        var valueFirst = false
        var m = o + 1
        while m < Int(doc.tokens[o].next) {
            let info = doc.keyInfo[Int(doc.tokens[m].next)]
            guard doc.tokens[m + 1].kind == .string else { return false }
            if info.raw == .type {
                guard typeToken < 0 else { return false }
                typeToken = m + 1
            } else if info.name == member {
                guard valueToken < 0 else { return false }
                valueToken = m + 1
                valueFirst = typeToken < 0
            } else {
                return false
            }
            m += 2
        }
        let start = e.values.count
        if valueToken >= 0 { guard appendScalar(doc.tokens[valueToken], b, &e) else { return false } }
        let entry = e.addNode(name: member, valueFrom: start, parent: list)
        e.nodes[Int(entry)].valueBeforeType = valueFirst
        if typeToken >= 0 {
            let typeStart = e.values.count
            guard appendScalar(doc.tokens[typeToken], b, &e) else { return false }
            _ = e.addNode(name: FlatNames.type, valueFrom: typeStart, parent: entry)
        }
        return true
    }

    /// The members of readPoint/bizLocation (`id`) or persistentDisposition (`set`, `unset`
    /// arrays): each string a child node, anything else refused.
    private mutating func children(of o: Int, allowing a: MemberInfo.Raw, _ a2: MemberInfo.Raw, under node: Int32,
                                   _ b: UnsafeBufferPointer<UInt8>, _ e: inout FlatEvent) -> Bool
    {
        var m = o + 1
        var seenA = false, seenA2 = false
        while m < Int(doc.tokens[o].next) {
            let info = doc.keyInfo[Int(doc.tokens[m].next)]
            guard info.raw == a || info.raw == a2 else { return false }
            if info.raw == a { guard !seenA else { return false }; seenA = true } else { guard !seenA2 else { return false }; seenA2 = true }
            let v = doc.tokens[m + 1]
            if v.kind == .array {
                guard a != .id else { return false }
                var c = m + 2
                while c < Int(v.next) {
                    guard doc.tokens[c].kind == .string else { return false }
                    let start = e.values.count
                    guard appendScalar(doc.tokens[c], b, &e) else { return false }
                    _ = e.addNode(name: info.name, valueFrom: start, parent: node)
                    c += 1
                }
            } else {
                guard v.kind == .string, a == .id else { return false }
                let start = e.values.count
                guard appendScalar(v, b, &e) else { return false }
                _ = e.addNode(name: info.name, valueFrom: start, parent: node)
            }
            m = doc.after(m + 1)
        }
        return true
    }

    /// An extension or ILMD value (`FieldBuilder.field`): an object with its members as
    /// children, an array as one node per item, a scalar as a leaf. Top-level nodes (parent -1)
    /// join the sorted remainder.
    private mutating func generic(_ name: Int32, _ v: Int, parent: Int32, _ b: UnsafeBufferPointer<UInt8>, _ e: inout FlatEvent) -> Bool {
        let t = doc.tokens[v]
        switch t.kind {
        case .object:
            let node = e.addNode(name: name, valueFrom: e.values.count, parent: parent)
            if parent < 0 { e.tail.append(node) }
            var m = v + 1
            while m < Int(t.next) {
                let info = doc.keyInfo[Int(doc.tokens[m].next)]
                switch info.nested {
                case .skip: break
                case .fallback: return false
                case .generic: guard generic(info.name, m + 1, parent: node, b, &e) else { return false }
                }
                m = doc.after(m + 1)
            }
            return true
        case .array:
            var c = v + 1
            while c < Int(t.next) {
                guard doc.tokens[c].kind != .array, generic(name, c, parent: parent, b, &e) else { return false }
                c = doc.after(c)
            }
            return true
        default:
            let start = e.values.count
            guard appendScalar(t, b, &e) else { return false }
            let node = e.addNode(name: name, valueFrom: start, parent: parent)
            if parent < 0 { e.tail.append(node) }
            return true
        }
    }

    /// `FieldBuilder.scalarText(_:expandPrefix: true)`: strings through the bare-word table and
    /// the context's prefixes, numbers as written, literals as Python's `str()` writes them.
    private mutating func appendScalar(_ t: JSONToken, _ b: UnsafeBufferPointer<UInt8>, _ e: inout FlatEvent) -> Bool {
        switch t.kind {
        case .string:
            if t.flags & JSONToken.escaped != 0 {
                unescaped.removeAll(keepingCapacity: true)
                appendUnescapedJSON(slice(t, b), to: &unescaped)
                let nonASCII = unescaped.contains { $0 >= 0x80 }
                let scratch = unescaped
                scratch.withUnsafeBufferPointer { appendString($0, nonASCII: nonASCII, &e) }
            } else {
                appendString(slice(t, b), nonASCII: t.flags & JSONToken.nonASCII != 0, &e)
            }
        case .number:
            e.values.append(contentsOf: slice(t, b))
        case .trueLiteral:
            e.appendValue("True")
        case .falseLiteral:
            e.appendValue("False")
        case .null:
            e.appendValue("None")
        case .object, .array, .key:
            return false
        }
        return true
    }

    private func appendString(_ s: UnsafeBufferPointer<UInt8>, nonASCII: Bool, _ e: inout FlatEvent) {
        if nonASCII {
            // Swift string comparison (canonical equivalence) decides these, as in `FieldBuilder`.
            let text = String(decoding: s, as: UTF8.self)
            e.values += doc.context.expandValue(doc.expansion.replacement(for: text) ?? text).utf8
            return
        }
        if let iri = doc.replacement(s) {
            iri.withUnsafeBufferPointer { expandValue($0, &e) }
        } else {
            expandValue(s, &e)
        }
    }

    /// `JSONLDContext.expandValue` on ASCII bytes.
    @inline(__always)
    private func expandValue(_ s: UnsafeBufferPointer<UInt8>, _ e: inout FlatEvent) {
        if !doc.prefixes.isEmpty, let colon = s.firstIndex(of: UInt8(ascii: ":")) {
            for p in doc.prefixes where p.prefix.count == colon && p.prefix.elementsEqual(UnsafeBufferPointer(rebasing: s[..<colon])) {
                e.values += p.iri
                e.values.append(contentsOf: UnsafeBufferPointer(rebasing: s[(colon + 1)...]))
                return
            }
        }
        e.values.append(contentsOf: s)
    }
}

extension JSONLDFastDocument {
    /// Hashes of the events `range`, or nil when one of them needs the general path.
    func hashes(_ range: Range<Int>, includePreHashes: Bool) -> [EPCISEventHash]? {
        var builder = JSONLDEventBuilder(doc: self)
        var event = FlatEvent()
        var writer = FlatPreHashWriter()
        var out: [EPCISEventHash] = []
        out.reserveCapacity(range.count)
        let ok = bytes.withUnsafeBufferPointer { b -> Bool in
            for i in range {
                guard builder.build(Int(events[i]), into: &event, bytes: b) else { return false }
                var h = EPCISEventHash(index: i, position: "$.epcisBody.eventList[\(i)]")
                do throws(HashValue.Unhashable) {
                    try writer.write(event, names: names)
                    h.hash = EPCISEventHasher.niURI(sha256: writer.out)
                    if includePreHashes { h.preHash = String(decoding: writer.out, as: UTF8.self) }
                } catch {
                    h.failure = error.reason
                }
                out.append(h)
            }
            return true
        }
        return ok ? out : nil
    }
}
