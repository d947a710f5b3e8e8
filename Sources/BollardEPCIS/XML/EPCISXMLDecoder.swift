import BollardXML

/// Reads EPCIS 2.0 XML (EPCIS 2.0 §9, schema EPCglobal-epcis-2_0.xsd) into `EPCISEvent`s.
///
/// Element names of standard fields are unqualified; user extensions are namespaced and become
/// `{namespaceURI}localName`. The EPCIS 1.x `<extension>`/`<baseExtension>` wrappers carry no
/// meaning of their own and are dissolved into their parent, as the CBV 2.0 hash does. Attributes
/// become child fields (the sensor binding of §9 and `xsi:type` on extensions rely on this).
public struct EPCISXMLDecoder: Sendable {
    public var reader: XMLReader

    public init(reader: XMLReader = XMLReader()) {
        self.reader = reader
    }

    static let ignoreFieldsName = "{\(EPCISJSONDecoder.ignoreFieldsNamespace)}ignoreFields"

    public func decode(_ bytes: [UInt8], documentName: String = "") throws(EPCISError) -> EPCISDocument {
        let document: XMLDocument
        do {
            document = try reader.parse(bytes, documentName: documentName)
        } catch {
            throw EPCISError(.malformed, documentName: documentName, position: "line \(error.line), column \(error.column)",
                             context: "\(error.code.rawValue): \(error.message)")
        }
        do {
            return try decode(document.root)
        } catch var e {
            e.documentName = documentName
            throw e
        }
    }

    func decode(_ root: XMLElement) throws(EPCISError) -> EPCISDocument {
        let kind: EPCISDocumentKind
        switch root.name.localName {
        case "EPCISDocument": kind = .document
        case "EPCISQueryDocument": kind = .queryDocument
        case let name where EPCISEventType(rawValue: name) != nil: kind = .bareEvent
        default:
            throw EPCISError(.notEPCIS, position: "line \(root.line)",
                             context: "root element <\(root.name.localName)> is not an EPCIS document")
        }

        var eventElements: [XMLElement]
        var ignored: [String] = []
        if kind == .bareEvent {
            eventElements = [root]
        } else {
            guard let list = Self.findEventList(root) else {
                throw EPCISError(.missingField, position: "line \(root.line)", context: "no EventList in the document")
            }
            eventElements = Self.dissolvingExtensions(list.childElements)
            ignored = Self.ignoredFields(root)
        }

        let builder = XMLFieldBuilder()
        var events: [EPCISEvent] = []
        events.reserveCapacity(eventElements.count)
        for element in eventElements {
            guard element.name.namespaceURI == nil, let type = EPCISEventType(rawValue: element.name.localName) else {
                throw EPCISError(.unknownEventType, position: "line \(element.line)",
                                 context: "<\(element.name.localName)> is not an EPCIS 2.0 event type")
            }
            try XMLEventValidator.validate(element)
            events.append(EPCISEvent(type: type, fields: builder.children(of: element), position: "line \(element.line)"))
        }
        return EPCISDocument(kind: kind, events: events, ignoredFields: ignored)
    }

    /// `EPCISBody/EventList`, or in a query document `…/QueryResults/resultsBody/EventList`.
    static func findEventList(_ root: XMLElement) -> XMLElement? {
        var level = [root]
        for _ in 0..<5 {
            var next: [XMLElement] = []
            for e in level {
                for c in e.childElements {
                    if c.name.localName == "EventList" { return c }
                    next.append(c)
                }
            }
            level = next
        }
        return nil
    }

    static func ignoredFields(_ root: XMLElement) -> [String] {
        var out: [String] = []
        var holders = [root]
        if let body = root.firstChild("EPCISBody", namespace: nil) {
            holders.append(body)
            if let results = body.firstChild("QueryResults", namespace: nil) { holders.append(results) }
        }
        for h in holders {
            for c in h.childElements where XMLFieldBuilder.clark(c.name) == ignoreFieldsName {
                out += c.childElements.map { XMLFieldBuilder.clark($0.name) }
            }
        }
        return out
    }

    static func dissolvingExtensions(_ elements: [XMLElement]) -> [XMLElement] {
        var out: [XMLElement] = []
        for e in elements {
            if XMLFieldBuilder.isWrapper(e) { out += dissolvingExtensions(e.childElements) } else { out.append(e) }
        }
        return out
    }
}

/// Maps XML elements to `EPCISField`s.
struct XMLFieldBuilder {
    static let pairNames: Set<String> = ["bizTransaction", "source", "destination"]

    static func clark(_ name: XMLName) -> String {
        guard let ns = name.namespaceURI, !ns.isEmpty else { return name.localName }
        return "{" + ns + "}" + name.localName
    }

    static func isWrapper(_ e: XMLElement) -> Bool {
        e.name.namespaceURI == nil && (e.name.localName == "extension" || e.name.localName == "baseExtension")
            && e.attributes.isEmpty
    }

    /// `gs1:` and `cbv:` compact values (for example a sensor `type="gs1:Temperature"`) written
    /// as the IRIs the JSON-LD binding would expand them to.
    static func expandedValue(_ s: String) -> String {
        if s.utf8HasPrefix("gs1:") { return s.replacingAll("gs1:", with: "https://gs1.org/voc/") }
        if s.utf8HasPrefix("cbv:") { return s.replacingAll("cbv:", with: "https://ref.gs1.org/cbv/") }
        return s
    }

    /// Text before the first child element, trimmed: the element's own value.
    static func ownText(_ e: XMLElement) -> String {
        var text = ""
        for node in e.children {
            switch node {
            case .text(let t): text += t
            case .element: return HashValue.trimmed(text)
            }
        }
        return HashValue.trimmed(text)
    }

    func children(of e: XMLElement) -> [EPCISField] {
        var out: [EPCISField] = []
        out.reserveCapacity(e.attributes.count + e.children.count)
        for a in e.attributes {
            out.append(EPCISField(name: Self.clark(a.name), value: Self.expandedValue(a.value)))
        }
        for node in e.children {
            guard case .element(let c) = node else { continue }
            if Self.isWrapper(c) {
                out += children(of: c)
            } else {
                out.append(field(c))
            }
        }
        return out
    }

    func field(_ e: XMLElement) -> EPCISField {
        let name = Self.clark(e.name)
        if e.name.namespaceURI == nil, Self.pairNames.contains(name) {
            var entry = EPCISField(name: name, value: Self.ownText(e))
            if let type = e.attributes.first(where: { $0.name.localName == "type" && $0.name.namespaceURI == nil }) {
                entry.children = [EPCISField(name: "type", value: Self.expandedValue(type.value))]
            }
            return entry
        }
        return EPCISField(name: name, value: Self.expandedValue(Self.ownText(e)), children: children(of: e))
    }
}

/// Vocabulary checks of EPCIS 2.0 §7.4 on an XML event; positions are source lines.
enum XMLEventValidator {
    static func validate(_ event: XMLElement) throws(EPCISError) {
        for c in XMLEPCISChildren.of(event) {
            let text = XMLFieldBuilder.ownText(c)
            switch c.name.localName {
            case "action" where !EPCISEventValidator.actions.contains(text):
                throw EPCISError(.unknownVocabulary, position: "line \(c.line)", context: "action must be ADD, OBSERVE or DELETE, not '\(text)'")
            case "bizStep": try EPCISEventValidator.check(text, .bizStep, "line \(c.line)")
            case "disposition": try EPCISEventValidator.check(text, .disposition, "line \(c.line)")
            case "persistentDisposition":
                for d in c.childElements where d.name.localName == "set" || d.name.localName == "unset" {
                    try EPCISEventValidator.check(XMLFieldBuilder.ownText(d), .disposition, "line \(d.line)")
                }
            default: break
            }
        }
    }
}

/// The unqualified children of an event, with `<extension>` wrappers dissolved.
enum XMLEPCISChildren {
    static func of(_ e: XMLElement) -> [XMLElement] {
        var out: [XMLElement] = []
        for c in e.childElements where c.name.namespaceURI == nil {
            if XMLFieldBuilder.isWrapper(c) { out += of(c) } else { out.append(c) }
        }
        return out
    }
}
