/// Reads EPCIS 2.0 JSON-LD (EPCIS 2.0 §10): an EPCISDocument, an EPCISQueryDocument or one bare
/// event, into `EPCISEvent`s shaped like the XML binding.
///
/// The JSON and XML bindings differ in shape (JSON drops list-member element names, spells
/// `inputEPCList` members plainly, writes a quantity element as an object). The reshaping below
/// gives the tree the XML binding has, which is also what the CBV 2.0 §8.9 hash is defined on.
public struct EPCISJSONDecoder: Sendable {
    public init() {}

    static let ignoreFieldsNamespace = "https://repository-x.example.com/"

    public func decode(_ bytes: [UInt8], documentName: String = "") throws(EPCISError) -> EPCISDocument {
        let root: JSONValue
        do {
            root = try JSONScanner.parse(bytes)
        } catch {
            throw EPCISError(.malformed, documentName: documentName, position: "byte \(error.offset)",
                             byteOffset: error.offset, context: error.reason)
        }
        do {
            return try decode(root)
        } catch var e {
            e.documentName = documentName
            throw e
        }
    }

    func decode(_ root: JSONValue) throws(EPCISError) -> EPCISDocument {
        guard case .object(let members) = root else {
            throw EPCISError(.notEPCIS, position: "$", context: "top-level value is a \(root.typeName), not an object")
        }
        var context = JSONLDContext()
        if let c = root["@context"] { context.absorb(c) }
        for m in members where m.key.utf8HasPrefix("@xmlns:") {
            if let iri = m.value.stringValue { context.declare(prefix: String(m.key.dropFirst(7)), iri: "{" + iri + "}") }
        }

        let typeName = root["type"]?.stringValue
        let kind: EPCISDocumentKind
        let eventValues: [(JSONValue, String)]
        if let t = typeName, EPCISEventType(rawValue: t) != nil {
            kind = .bareEvent
            eventValues = [(root, "$")]
        } else {
            guard typeName == nil || typeName == "EPCISDocument" || typeName == "EPCISQueryDocument" else {
                throw EPCISError(.notEPCIS, position: "$.type", context: "'\(typeName ?? "")' is not an EPCIS document type")
            }
            guard let body = root["epcisBody"] else {
                throw EPCISError(.missingField, position: "$.epcisBody", context: "an EPCIS document needs epcisBody")
            }
            guard case .object = body else {
                throw EPCISError(.wrongType, position: "$.epcisBody", context: "expected an object, found a \(body.typeName)")
            }
            if let results = body["queryResults"] {
                kind = .queryDocument
                guard let list = results["resultsBody"]?["eventList"] else {
                    throw EPCISError(.missingField, position: "$.epcisBody.queryResults.resultsBody.eventList",
                                     context: "a query document needs resultsBody.eventList")
                }
                eventValues = try Self.events(in: list, path: "$.epcisBody.queryResults.resultsBody.eventList")
            } else if let list = body["eventList"] {
                kind = typeName == "EPCISQueryDocument" ? .queryDocument : .document
                eventValues = try Self.events(in: list, path: "$.epcisBody.eventList")
            } else if let single = body["event"] {
                kind = .document
                eventValues = [(single, "$.epcisBody.event")]
            } else {
                throw EPCISError(.missingField, position: "$.epcisBody.eventList", context: "epcisBody holds no eventList")
            }
        }

        var ignored: [String] = []
        let holders = [root, root["epcisBody"], root["epcisBody"]?["queryResults"]]
        for case .object(let holderMembers)? in holders {
            for m in holderMembers where context.expandKey(m.key) == "{\(Self.ignoreFieldsNamespace)}ignoreFields" {
                if case .array(let items) = m.value {
                    ignored += items.compactMap { $0.stringValue.map(context.expandKey) }
                }
            }
        }

        var expansion = BareWordExpansion()
        for (value, _) in eventValues { expansion.collect(from: value) }

        var events: [EPCISEvent] = []
        events.reserveCapacity(eventValues.count)
        for (value, path) in eventValues {
            var eventContext = context
            if kind != .bareEvent, case .object(let ms) = value,
               ms.contains(where: { $0.key.utf8.first == UInt8(ascii: "@") }), let c = value["@context"] {
                eventContext.absorb(c)
            }
            let builder = FieldBuilder(context: eventContext, expansion: expansion)
            events.append(try builder.event(value, path: path))
        }
        return EPCISDocument(kind: kind, events: events, ignoredFields: ignored)
    }

    static func events(in list: JSONValue, path: String) throws(EPCISError) -> [(JSONValue, String)] {
        guard case .array(let items) = list else {
            throw EPCISError(.wrongType, position: path, context: "expected an array, found a \(list.typeName)")
        }
        var out: [(JSONValue, String)] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() { out.append((item, "\(path)[\(i)]")) }
        return out
    }
}

/// Turns one JSON event object into `EPCISField`s.
struct FieldBuilder {
    let context: JSONLDContext
    let expansion: BareWordExpansion

    static let skippedKeys: Set<String> = ["#text", "rdfs:comment", "comment", "type"]
    static let pairedLists: [String: String] = [
        "bizTransactionList": "bizTransaction", "sourceList": "source", "destinationList": "destination",
    ]

    func event(_ value: JSONValue, path: String) throws(EPCISError) -> EPCISEvent {
        guard case .object(let members) = value else {
            throw EPCISError(.wrongType, position: path, context: "an event must be an object, found a \(value.typeName)")
        }
        guard let typeValue = value["type"] else {
            throw EPCISError(.missingField, position: path + ".type", context: "an event needs a type")
        }
        guard let typeName = typeValue.stringValue else {
            throw EPCISError(.wrongType, position: path + ".type", context: "expected a string, found a \(typeValue.typeName)")
        }
        guard let type = EPCISEventType(rawValue: typeName) else {
            throw EPCISError(.unknownEventType, position: path + ".type", context: "'\(typeName)' is not an EPCIS 2.0 event type")
        }
        return EPCISEvent(type: type, fields: try fields(of: members, topLevel: true, validatingAt: path).fields, position: path)
    }

    /// The fields of one JSON object, and its `#text` member if it has one. At the top level of
    /// an event each member is also type-checked (done in this pass to read the members once).
    func fields(of members: [JSONMember], topLevel: Bool = false, validatingAt path: String? = nil) throws(EPCISError)
        -> (fields: [EPCISField], text: String)
    {
        var text = ""
        var direct: [EPCISField] = []
        direct.reserveCapacity(members.count)
        var lists: [(name: String, members: [EPCISField])] = []
        var childEPCs: [EPCISField] = []

        func place(_ f: EPCISField) {
            if f.name.utf8HasSuffix("List") {
                if let k = lists.firstIndex(where: { $0.name == f.name }) {
                    lists[k].members.append(f)
                } else {
                    lists.append((f.name, [f]))
                }
            } else if f.name == "childEPCs" {
                childEPCs.append(EPCISField(name: "epc", value: f.value))
            } else {
                direct.append(Self.renamed(f))
            }
        }

        for m in members {
            if let path { try EPCISEventValidator.validate(member: m, path: path) }
            switch m.key.utf8.first {
            case UInt8(ascii: "@"): continue
            case UInt8(ascii: "#"):
                if m.key == "#text" { text = scalarText(m.value, expandPrefix: false) }
                continue
            case UInt8(ascii: "r"), UInt8(ascii: "c"), UInt8(ascii: "t"):
                if Self.skippedKeys.contains(m.key) && (topLevel || m.key != "type") { continue }
            default: break
            }
            let name = context.expandKey(m.key)
            if case .array(let items) = m.value {
                for item in items { place(try field(name, item)) }
            } else {
                place(try field(name, m.value))
            }
        }

        for (name, members) in lists {
            let memberName = String(name.dropLast(4))
            if Self.pairedLists[name] != nil {
                direct.append(EPCISField(name: name, children: members.map { Self.pairEntry($0, name: memberName) }))
            } else {
                direct.append(EPCISField(name: name, children: members.map {
                    Self.renamed(EPCISField(name: memberName, value: $0.value, children: $0.children))
                }))
            }
        }
        if !childEPCs.isEmpty { direct.append(EPCISField(name: "childEPCs", children: childEPCs)) }
        return (direct, text)
    }

    func field(_ name: String, _ value: JSONValue) throws(EPCISError) -> EPCISField {
        switch value {
        case .object(let members):
            let (children, text) = try fields(of: members)
            return EPCISField(name: name, value: text, children: children)
        case .array(let items):
            var children: [EPCISField] = []
            for item in items { children.append(try field("", item)) }
            return EPCISField(name: name, children: children)
        default:
            return EPCISField(name: name, value: scalarText(value, expandPrefix: true))
        }
    }

    /// Scalars as Python's `str()` renders them in the reference generator: booleans as
    /// `True`/`False`, null as `None`, numbers as written.
    func scalarText(_ value: JSONValue, expandPrefix: Bool) -> String {
        switch value {
        case .string(let s):
            let s2 = expansion.replacement(for: s) ?? s
            return expandPrefix ? context.expandValue(s2) : s2
        case .number(let n): return n
        case .bool(let b): return b ? "True" : "False"
        case .null: return "None"
        case .object, .array: return ""
        }
    }

    /// JSON spells list members without their XML element names; EPCIS 2.0 §9 names them.
    static func renamed(_ f: EPCISField) -> EPCISField {
        switch f.name {
        case "inputEPC", "outputEPC":
            return EPCISField(name: "epc", value: f.value, children: f.children)
        case "inputQuantity", "outputQuantity", "childQuantity":
            return EPCISField(name: "quantityElement", value: f.value, children: f.children)
        case "quantity" where !f.children.isEmpty:
            return EPCISField(name: "quantityElement", value: f.value, children: f.children)
        default:
            return f
        }
    }

    /// A bizTransaction/source/destination entry: its identifier as value, its type as child.
    static func pairEntry(_ entry: EPCISField, name: String) -> EPCISField {
        var out = EPCISField(name: name)
        for c in entry.children {
            if c.name == name {
                out.value = c.value
                out.valueWrittenBeforeType = out.children.isEmpty
            } else if c.name == "type" {
                out.children.append(c)
            }
        }
        return out
    }
}
