import BollardCore

/// Writes Core events as an EPCIS 2.0 JSON-LD document (EPCIS 2.0 §10), so events Bollard
/// derives itself (from EDI, receipt XML) are ordinary EPCIS events: GS1's own hash generator
/// gives them the same CBV 2.0 §8.9 event hash Bollard records.
///
/// Extension elements are written under prefixes declared in the document's `@context`
/// (`bollard` for `BollardNamespace.uri`, `ext1`, `ext2`… for others); repeated elements become
/// arrays, as the JSON-LD binding writes repeated XML elements.
public struct EPCISJSONLDWriter: Sendable {
    public static let epcisContext = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"

    public init() {}

    /// - Parameter creationDate: the document's `creationDate` (EPCIS 2.0 §9.2); not hashed.
    public func document(_ events: [BollardCore.EPCISEvent], creationDate: EventTime) -> [UInt8] {
        var prefixes = NamespacePrefixes()
        var bodies: [String] = []
        bodies.reserveCapacity(events.count)
        for e in events { bodies.append(event(e, prefixes: &prefixes)) }
        var out = "{\"@context\":[\(JSONText.string(Self.epcisContext))"
        if !prefixes.declared.isEmpty {
            out += ",{" + prefixes.declared.map { "\(JSONText.string($0.prefix)):\(JSONText.string($0.namespace))" }.joined(separator: ",") + "}"
        }
        out += "],\"type\":\"EPCISDocument\",\"schemaVersion\":\"2.0\",\"creationDate\":\(JSONText.string(creationDate.text)),"
        out += "\"epcisBody\":{\"eventList\":[" + bodies.joined(separator: ",") + "]}}"
        return Array(out.utf8)
    }

    func event(_ e: BollardCore.EPCISEvent, prefixes: inout NamespacePrefixes) -> String {
        var o = JSONObjectText()
        o.add("type", JSONText.string(e.type.rawValue))
        if let id = e.eventID { o.add("eventID", JSONText.string(id)) }
        o.add("eventTime", JSONText.string(e.eventTime.text))
        o.add("eventTimeZoneOffset", JSONText.string(e.eventTimeZoneOffset))
        if let t = e.recordTime { o.add("recordTime", JSONText.string(t.text)) }
        if let d = e.errorDeclaration {
            var x = JSONObjectText()
            x.add("declarationTime", JSONText.string(d.declarationTime.text))
            if let r = d.reason { x.add("reason", JSONText.string(r.uri)) }
            if !d.correctiveEventIDs.isEmpty { x.add("correctiveEventIDs", JSONText.array(d.correctiveEventIDs.map(JSONText.string))) }
            Self.addExtensions(d.extensions, to: &x, prefixes: &prefixes)
            o.add("errorDeclaration", x.text)
        }
        if e.certificationInfo.count == 1 {
            o.add("certificationInfo", JSONText.string(e.certificationInfo[0]))
        } else if !e.certificationInfo.isEmpty {
            o.add("certificationInfo", JSONText.array(e.certificationInfo.map(JSONText.string)))
        }
        if let p = e.parentID { o.add("parentID", JSONText.string(p.uri)) }
        for (name, list) in [("epcList", e.epcList), ("childEPCs", e.childEPCs), ("inputEPCList", e.inputEPCList),
                             ("outputEPCList", e.outputEPCList)] where !list.isEmpty {
            o.add(name, JSONText.array(list.map { JSONText.string($0.uri) }))
        }
        for (name, list) in [("quantityList", e.quantityList), ("childQuantityList", e.childQuantityList),
                             ("inputQuantityList", e.inputQuantityList), ("outputQuantityList", e.outputQuantityList)] where !list.isEmpty {
            o.add(name, JSONText.array(list.map(Self.quantity)))
        }
        if let t = e.transformationID { o.add("transformationID", JSONText.string(t)) }
        if let a = e.action { o.add("action", JSONText.string(a.rawValue)) }
        if let s = e.bizStep { o.add("bizStep", JSONText.string(s.uri)) }
        if let d = e.disposition { o.add("disposition", JSONText.string(d.uri)) }
        if let p = e.persistentDisposition {
            var x = JSONObjectText()
            if !p.set.isEmpty { x.add("set", JSONText.array(p.set.map { JSONText.string($0.uri) })) }
            if !p.unset.isEmpty { x.add("unset", JSONText.array(p.unset.map { JSONText.string($0.uri) })) }
            o.add("persistentDisposition", x.text)
        }
        for (name, location) in [("readPoint", e.readPoint), ("bizLocation", e.bizLocation)] {
            guard let location else { continue }
            var x = JSONObjectText()
            x.add("id", JSONText.string(location.id))
            Self.addExtensions(location.extensions, to: &x, prefixes: &prefixes)
            o.add(name, x.text)
        }
        if !e.bizTransactionList.isEmpty {
            o.add("bizTransactionList", JSONText.array(e.bizTransactionList.map { t in
                var x = JSONObjectText()
                if let type = t.type { x.add("type", JSONText.string(type.uri)) }
                x.add("bizTransaction", JSONText.string(t.bizTransaction))
                return x.text
            }))
        }
        for (name, member, list) in [("sourceList", "source", e.sourceList), ("destinationList", "destination", e.destinationList)]
        where !list.isEmpty {
            o.add(name, JSONText.array(list.map { s in
                var x = JSONObjectText()
                x.add("type", JSONText.string(s.type.uri))
                x.add(member, JSONText.string(s.value))
                return x.text
            }))
        }
        if !e.sensorElementList.isEmpty {
            o.add("sensorElementList", JSONText.array(e.sensorElementList.map { Self.sensorElement($0, prefixes: &prefixes) }))
        }
        if let ilmd = e.ilmd {
            var x = JSONObjectText()
            Self.addExtensions(ilmd.elements, to: &x, prefixes: &prefixes)
            o.add("ilmd", x.text)
        }
        Self.addExtensions(e.extensions, to: &o, prefixes: &prefixes)
        return o.text
    }

    static func quantity(_ q: QuantityElement) -> String {
        var x = JSONObjectText()
        x.add("epcClass", JSONText.string(q.epcClass.uri))
        if let amount = q.quantity { x.add("quantity", amount.description) }
        if let uom = q.uom { x.add("uom", JSONText.string(uom.code)) }
        return x.text
    }

    /// Extension elements as members; same-named siblings become one array member.
    static func addExtensions(_ elements: [ExtensionElement], to object: inout JSONObjectText, prefixes: inout NamespacePrefixes) {
        var order: [String] = []
        var grouped: [String: [String]] = [:]
        for element in elements {
            let key = element.namespace.isEmpty ? element.name : prefixes.prefix(for: element.namespace) + ":" + element.name
            if grouped[key] == nil { order.append(key) }
            grouped[key, default: []].append(extensionValue(element, prefixes: &prefixes))
        }
        for key in order {
            guard let values = grouped[key] else { continue }
            object.add(key, values.count == 1 ? values[0] : JSONText.array(values))
        }
    }

    static func extensionValue(_ element: ExtensionElement, prefixes: inout NamespacePrefixes) -> String {
        // The binding names a `…List` member's items after its stem: write the items' values.
        if element.name.hasSuffix("List"), !element.children.isEmpty {
            return JSONText.array(element.children.map { extensionValue($0, prefixes: &prefixes) })
        }
        guard !element.children.isEmpty else { return JSONText.string(element.value ?? "") }
        var x = JSONObjectText()
        if let v = element.value, !v.isEmpty { x.add("#text", JSONText.string(v)) }
        addExtensions(element.children, to: &x, prefixes: &prefixes)
        return x.text
    }
}

/// Prefixes assigned to extension namespaces in first-use order.
struct NamespacePrefixes {
    var declared: [(prefix: String, namespace: String)] = []

    mutating func prefix(for namespace: String) -> String {
        if let found = declared.first(where: { $0.namespace == namespace }) { return found.prefix }
        let prefix = namespace == BollardNamespace.uri ? "bollard" : "ext\(declared.count + 1)"
        declared.append((prefix, namespace))
        return prefix
    }
}

/// A JSON object built member by member, in insertion order.
struct JSONObjectText {
    private var members: [String] = []

    mutating func add(_ key: String, _ valueText: String) {
        members.append(JSONText.string(key) + ":" + valueText)
    }

    var text: String { "{" + members.joined(separator: ",") + "}" }
}

/// RFC 8259 §7 string escaping.
enum JSONText {
    static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }

    static func string(_ s: String) -> String {
        var out: [UInt8] = [0x22]
        out.reserveCapacity(s.utf8.count + 2)
        let hex = Array("0123456789abcdef".utf8)
        for b in s.utf8 {
            switch b {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x09: out += [0x5C, 0x74]
            case 0..<0x20: out += [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0x0F)]]
            default: out.append(b)
            }
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }
}

extension EPCISJSONLDWriter {
    /// False when the event holds an extension element named `…List` that is not a plain list:
    /// one or more children all named after its stem (`ext:itemList` of `ext:item`), given once.
    /// The JSON-LD binding names a list's members after the list, so any other shape
    /// (`c4l:wasteList` holding `c4l:wasteElement`, a text-only `…List`) reads back with an extra
    /// level and its hash changes. `EPCISXMLWriter` writes those events losslessly.
    public static func canExpress(_ e: BollardCore.EPCISEvent) -> Bool {
        func ok(_ elements: [ExtensionElement]) -> Bool {
            elements.allSatisfy { el in
                if el.name.hasSuffix("List") {
                    let stem = String(el.name.dropLast(4))
                    guard !el.children.isEmpty, el.children.allSatisfy({ $0.name == stem && $0.namespace == el.namespace }),
                          elements.filter({ $0.name == el.name && $0.namespace == el.namespace }).count == 1
                    else { return false }
                }
                return ok(el.children)
            }
        }
        let sensors = e.sensorElementList.flatMap { s in
            s.extensions + (s.sensorMetadata?.extensions ?? []) + s.sensorReport.flatMap(\.extensions)
        }
        return ok(e.extensions) && ok(e.ilmd?.elements ?? []) && ok(e.readPoint?.extensions ?? []) && ok(e.bizLocation?.extensions ?? [])
            && ok(e.errorDeclaration?.extensions ?? []) && ok(sensors)
    }
}
