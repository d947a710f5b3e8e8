import BollardCore

/// Writes Core events as an EPCIS 2.0 XML document (EPCIS 2.0 §9, `urn:epcglobal:epcis:xsd:2`).
///
/// The XML binding can say everything Core holds; the JSON-LD binding, read as GS1's generator
/// reads it, cannot express an extension element named `…List` whose children are not named
/// after its stem (see `EPCISJSONLDWriter.canExpress`), so this writer is the lossless one.
/// Sensor metadata and report fields are attributes, as the binding has them.
public struct EPCISXMLWriter: Sendable {
    public static let epcisNamespace = "urn:epcglobal:epcis:xsd:2"

    public init() {}

    public func document(_ events: [BollardCore.EPCISEvent], creationDate: EventTime) -> [UInt8] {
        var prefixes = NamespacePrefixes()
        var body = ""
        for e in events { body += event(e, prefixes: &prefixes) }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<epcis:EPCISDocument xmlns:epcis=\"\(Self.epcisNamespace)\""
        for (prefix, namespace) in prefixes.declared { out += " xmlns:\(prefix)=\(XMLText.attribute(namespace))" }
        out += " schemaVersion=\"2.0\" creationDate=\(XMLText.attribute(creationDate.text))>\n<EPCISBody>\n<EventList>\n"
        out += body + "</EventList>\n</EPCISBody>\n</epcis:EPCISDocument>\n"
        return Array(out.utf8)
    }

    func event(_ e: BollardCore.EPCISEvent, prefixes: inout NamespacePrefixes) -> String {
        var x = "<\(e.type.rawValue)>\n"
        func leaf(_ name: String, _ value: String) { x += "<\(name)>\(XMLText.text(value))</\(name)>\n" }
        func list(_ name: String, _ epcs: [EPC]) {
            guard !epcs.isEmpty else { return }
            x += "<\(name)>\n" + epcs.map { "<epc>\(XMLText.text($0.uri))</epc>\n" }.joined() + "</\(name)>\n"
        }
        func quantities(_ name: String, _ items: [QuantityElement]) {
            guard !items.isEmpty else { return }
            x += "<\(name)>\n"
            for q in items {
                x += "<quantityElement><epcClass>\(XMLText.text(q.epcClass.uri))</epcClass>"
                if let v = q.quantity { x += "<quantity>\(v.description)</quantity>" }
                if let u = q.uom { x += "<uom>\(u.code)</uom>" }
                x += "</quantityElement>\n"
            }
            x += "</\(name)>\n"
        }
        leaf("eventTime", e.eventTime.text)
        if let t = e.recordTime { leaf("recordTime", t.text) }
        leaf("eventTimeZoneOffset", e.eventTimeZoneOffset)
        if let id = e.eventID { leaf("eventID", id) }
        if let d = e.errorDeclaration {
            x += "<errorDeclaration>\n<declarationTime>\(XMLText.text(d.declarationTime.text))</declarationTime>\n"
            if let r = d.reason { x += "<reason>\(XMLText.text(r.uri))</reason>\n" }
            if !d.correctiveEventIDs.isEmpty {
                x += "<correctiveEventIDs>" + d.correctiveEventIDs.map { "<correctiveEventID>\(XMLText.text($0))</correctiveEventID>" }.joined()
                    + "</correctiveEventIDs>\n"
            }
            x += Self.elements(d.extensions, prefixes: &prefixes) + "</errorDeclaration>\n"
        }
        for c in e.certificationInfo { leaf("certificationInfo", c) }
        if let p = e.parentID { leaf("parentID", p.uri) }
        list("epcList", e.epcList)
        list("childEPCs", e.childEPCs)
        list("inputEPCList", e.inputEPCList)
        quantities("inputQuantityList", e.inputQuantityList)
        list("outputEPCList", e.outputEPCList)
        quantities("outputQuantityList", e.outputQuantityList)
        if let t = e.transformationID { leaf("transformationID", t) }
        if let a = e.action { leaf("action", a.rawValue) }
        quantities("quantityList", e.quantityList)
        quantities("childQuantityList", e.childQuantityList)
        if let s = e.bizStep { leaf("bizStep", s.uri) }
        if let d = e.disposition { leaf("disposition", d.uri) }
        if let p = e.persistentDisposition {
            x += "<persistentDisposition>" + p.set.map { "<set>\(XMLText.text($0.uri))</set>" }.joined()
                + p.unset.map { "<unset>\(XMLText.text($0.uri))</unset>" }.joined() + "</persistentDisposition>\n"
        }
        for (name, location) in [("readPoint", e.readPoint), ("bizLocation", e.bizLocation)] {
            guard let location else { continue }
            x += "<\(name)><id>\(XMLText.text(location.id))</id>" + Self.elements(location.extensions, prefixes: &prefixes) + "</\(name)>\n"
        }
        if !e.bizTransactionList.isEmpty {
            x += "<bizTransactionList>\n"
            for t in e.bizTransactionList {
                let type = t.type.map { " type=\(XMLText.attribute($0.uri))" } ?? ""
                x += "<bizTransaction\(type)>\(XMLText.text(t.bizTransaction))</bizTransaction>\n"
            }
            x += "</bizTransactionList>\n"
        }
        for (name, member, items) in [("sourceList", "source", e.sourceList), ("destinationList", "destination", e.destinationList)]
        where !items.isEmpty {
            x += "<\(name)>\n" + items.map { "<\(member) type=\(XMLText.attribute($0.type.uri))>\(XMLText.text($0.value))</\(member)>\n" }.joined()
                + "</\(name)>\n"
        }
        if !e.sensorElementList.isEmpty {
            x += "<sensorElementList>\n" + e.sensorElementList.map { Self.sensorElement($0, prefixes: &prefixes) }.joined()
                + "</sensorElementList>\n"
        }
        if let ilmd = e.ilmd { x += "<ilmd>\n" + Self.elements(ilmd.elements, prefixes: &prefixes) + "</ilmd>\n" }
        x += Self.elements(e.extensions, prefixes: &prefixes)
        return x + "</\(e.type.rawValue)>\n"
    }

    static func qualifiedName(_ e: ExtensionElement, prefixes: inout NamespacePrefixes) -> String {
        e.namespace.isEmpty ? e.name : prefixes.prefix(for: e.namespace) + ":" + e.name
    }

    static func elements(_ elements: [ExtensionElement], prefixes: inout NamespacePrefixes) -> String {
        var out = ""
        for e in elements {
            let name = qualifiedName(e, prefixes: &prefixes)
            out += "<\(name)>" + XMLText.text(e.value ?? "")
            if !e.children.isEmpty { out += "\n" + Self.elements(e.children, prefixes: &prefixes) }
            out += "</\(name)>\n"
        }
        return out
    }

    /// Leaf extensions become attributes beside the standard ones; nested ones stay elements.
    static func attributes(_ pairs: [(String, String?)], _ extensions: [ExtensionElement], prefixes: inout NamespacePrefixes)
        -> (attributes: String, elements: String)
    {
        var attributes = ""
        for (name, value) in pairs { if let value { attributes += " \(name)=\(XMLText.attribute(value))" } }
        var nested: [ExtensionElement] = []
        for e in extensions {
            if e.children.isEmpty {
                attributes += " \(qualifiedName(e, prefixes: &prefixes))=\(XMLText.attribute(e.value ?? ""))"
            } else {
                nested.append(e)
            }
        }
        return (attributes, elements(nested, prefixes: &prefixes))
    }

    static func sensorElement(_ s: SensorElement, prefixes: inout NamespacePrefixes) -> String {
        var out = "<sensorElement>\n"
        if let m = s.sensorMetadata {
            let (a, inner) = attributes([
                ("time", m.time?.text), ("startTime", m.startTime?.text), ("endTime", m.endTime?.text), ("deviceID", m.deviceID),
                ("deviceMetadata", m.deviceMetadata), ("rawData", m.rawData), ("dataProcessingMethod", m.dataProcessingMethod),
                ("bizRules", m.bizRules),
            ], m.extensions, prefixes: &prefixes)
            out += inner.isEmpty ? "<sensorMetadata\(a)/>\n" : "<sensorMetadata\(a)>\n\(inner)</sensorMetadata>\n"
        }
        for r in s.sensorReport {
            let (a, inner) = attributes([
                ("type", r.type), ("exception", r.exception), ("deviceID", r.deviceID), ("deviceMetadata", r.deviceMetadata),
                ("rawData", r.rawData), ("dataProcessingMethod", r.dataProcessingMethod), ("time", r.time?.text),
                ("microorganism", r.microorganism), ("chemicalSubstance", r.chemicalSubstance), ("value", r.value?.description),
                ("component", r.component), ("stringValue", r.stringValue), ("booleanValue", r.booleanValue.map { $0 ? "true" : "false" }),
                ("hexBinaryValue", r.hexBinaryValue), ("uriValue", r.uriValue), ("minValue", r.minValue?.description),
                ("maxValue", r.maxValue?.description), ("meanValue", r.meanValue?.description), ("sDev", r.sDev?.description),
                ("percRank", r.percRank?.description), ("percValue", r.percValue?.description), ("uom", r.uom?.code),
                ("coordinateReferenceSystem", r.coordinateReferenceSystem),
            ], r.extensions, prefixes: &prefixes)
            out += inner.isEmpty ? "<sensorReport\(a)/>\n" : "<sensorReport\(a)>\n\(inner)</sensorReport>\n"
        }
        return out + elements(s.extensions, prefixes: &prefixes) + "</sensorElement>\n"
    }
}

/// XML 1.0 §2.4 character data and §3.3.3 attribute values.
enum XMLText {
    static func text(_ s: String) -> String { escape(s, quotes: false) }
    static func attribute(_ s: String) -> String { "\"" + escape(s, quotes: true) + "\"" }

    static func escape(_ s: String, quotes: Bool) -> String {
        guard s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x0D || $0 == 0x09 || $0 == 0x0A })
        else { return s }
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "\r": out += "&#13;"
            case "\t" where quotes: out += "&#9;"
            case "\n" where quotes: out += "&#10;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
