extension FlatNames {
    /// The name with id `id`, as a string.
    func name(_ id: Int32) -> String {
        String(decoding: pool[Int(ranges[2 * Int(id)])..<Int(ranges[2 * Int(id) + 1])], as: UTF8.self)
    }
}

extension JSONLDFastDocument {
    /// The events `EPCISJSONDecoder` reads from this document (EPCIS 2.0 §10 brought to the §9
    /// shape), built from the tokens and the flat events of the hash's fast path, or nil when
    /// one event needs the general path. The ingest mapper reads documents this way: building
    /// the `JSONValue` tree, walking it for bare words and then again for fields was half the
    /// cost of reading a receipt.
    func fieldEvents(nameStrings: inout [String]) -> [EPCISEvent]? {
        var builder = JSONLDEventBuilder(doc: self, keepsUnhashedFields: true)
        var flat = FlatEvent()
        if nameStrings.count > names.count { nameStrings.removeAll() }
        while nameStrings.count < names.count { nameStrings.append(names.name(Int32(nameStrings.count))) }
        var out: [EPCISEvent] = []
        out.reserveCapacity(events.count)
        let ok = bytes.withUnsafeBufferPointer { b -> Bool in
            for (i, token) in events.enumerated() {
                guard builder.build(Int(token), into: &flat, bytes: b) else { return false }
                out.append(EPCISEvent(type: flat.type, fields: Self.fields(of: flat, names: nameStrings),
                                      position: "$.epcisBody.eventList[\(i)]"))
            }
            return true
        }
        return ok ? out : nil
    }

    /// The top-level fields in `FieldBuilder.fields(of:)`'s order: members in document order,
    /// then the `…List` fields in the order each first appears, then `childEPCs`.
    private static func fields(of flat: FlatEvent, names: [String]) -> [EPCISField] {
        var direct: [EPCISField] = []
        direct.reserveCapacity(flat.top.count)
        var lists: [EPCISField] = []
        var childEPCs: EPCISField?
        for node in flat.top {
            let field = self.field(node, flat, names)
            if field.name.utf8HasSuffix("List") {
                lists.append(field)
            } else if field.name == "childEPCs" {
                childEPCs = field
            } else {
                direct.append(field)
            }
        }
        direct += lists
        if let childEPCs { direct.append(childEPCs) }
        return direct
    }

    private static func field(_ index: Int32, _ flat: FlatEvent, _ names: [String]) -> EPCISField {
        let node = flat.nodes[Int(index)]
        var field = EPCISField(name: names[Int(node.name)],
                               value: String(decoding: flat.values[Int(node.valueStart)..<Int(node.valueEnd)], as: UTF8.self))
        field.valueWrittenBeforeType = node.valueBeforeType
        var child = node.firstChild
        while child >= 0 {
            field.children.append(self.field(child, flat, names))
            child = flat.nodes[Int(child)].nextSibling
        }
        return field
    }
}

extension EPCISFastPath {
    /// The document `EPCISJSONDecoder().decode(bytes)` gives, or nil where the fast path does
    /// not reproduce it exactly (then, and for every refusal, the caller reads it the general way).
    static func jsonLDDocument(_ bytes: [UInt8], cache: inout EPCISReadCache) -> EPCISDocument? {
        guard let doc = JSONLDFastDocument(bytes: bytes, cache: &cache),
              let events = doc.fieldEvents(nameStrings: &cache.nameStrings) else { return nil }
        return EPCISDocument(kind: .document, events: events)
    }

    static func jsonLDDocument(_ bytes: [UInt8]) -> EPCISDocument? {
        var cache = EPCISReadCache()
        return jsonLDDocument(bytes, cache: &cache)
    }
}

/// What reading one JSON-LD document leaves for the next with the same `@context` prefixes:
/// its member names, interned with their roles (`MemberInfo`) and as strings. Interning a
/// receipt's forty-odd names anew for every document was a tenth of reading it. One cache per
/// task: reading documents one after another through it gives what reading each alone gives.
public struct EPCISReadCache: Sendable {
    var prefixes: [String: String]?
    var keys = ByteTable(capacity: 256)
    var keyInfo: [MemberInfo] = []
    var names = FlatNames()
    /// `names` as strings, as far as they have been needed.
    var nameStrings: [String] = []

    public init() {}
}
