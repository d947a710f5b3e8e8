import BollardCore

/// Reads one parsed EPCIS event (the XML-shaped field tree of either binding) into a
/// `BollardCore.EPCISEvent`, field for field.
///
/// Lot identity in Core is the EPC text, so every EPC and EPC class is brought to its canonical
/// GS1 Digital Link (CBV 2.0 §8.9.2, the same rewriting the event hash applies): the URN and the
/// Digital Link spelling of one bar are then one lot. Identifiers with no GS1 key (ISO 6346
/// containers as `urn:epc:id:bic:…`) stay verbatim. Everything else is kept as written, so the
/// event can be written back as EPCIS with the same GS1 event hash.
public struct CoreEventDecoder: Sendable {
    public init() {}

    public func decode(_ event: BollardEPCIS.EPCISEvent, source: SourcePointer) throws(CoreMappingError) -> BollardCore.EPCISEvent {
        var r = FieldReader(position: event.position)
        guard let type = BollardCore.EventType(rawValue: event.type.rawValue) else {
            throw r.error(.invalidValue, "type", "unknown event type \(event.type.rawValue)")
        }
        let time = try r.time(try r.required(event, "eventTime"), "eventTime")
        let offset = try r.required(event, "eventTimeZoneOffset")
        var action: Action?
        if let a = event["action"] {
            guard let parsed = Action(rawValue: a) else { throw r.error(.invalidValue, "action", "'\(a)' is not ADD, OBSERVE or DELETE") }
            action = parsed
        }
        var e = BollardCore.EPCISEvent(type: type, eventTime: time, eventTimeZoneOffset: offset, action: action, sourcePointer: source)

        for f in event.fields {
            r.field = f.name
            switch f.name {
            case "eventTime", "eventTimeZoneOffset", "action":
                continue
            case "eventID": e.eventID = f.value
            case "recordTime": e.recordTime = try r.time(f.value, f.name)
            case "certificationInfo": e.certificationInfo.append(f.value)
            case "parentID": e.parentID = try r.epc(f.value)
            case "epcList": e.epcList = try r.epcs(f)
            case "childEPCs": e.childEPCs = try r.epcs(f)
            case "inputEPCList": e.inputEPCList = try r.epcs(f)
            case "outputEPCList": e.outputEPCList = try r.epcs(f)
            case "quantityList": e.quantityList = try r.quantities(f)
            case "childQuantityList": e.childQuantityList = try r.quantities(f)
            case "inputQuantityList": e.inputQuantityList = try r.quantities(f)
            case "outputQuantityList": e.outputQuantityList = try r.quantities(f)
            case "transformationID": e.transformationID = f.value
            case "bizStep": e.bizStep = try r.vocabulary(f.value) { t throws(IdentifierError) in try BizStep(t) }
            case "disposition": e.disposition = try r.vocabulary(f.value) { t throws(IdentifierError) in try Disposition(t) }
            case "persistentDisposition": e.persistentDisposition = try r.persistentDisposition(f)
            case "readPoint": e.readPoint = try r.location(f)
            case "bizLocation": e.bizLocation = try r.location(f)
            case "bizTransactionList":
                e.bizTransactionList = try f.children.map { (c) throws(CoreMappingError) in
                    let type = try c.child("type").map { (t) throws(CoreMappingError) in
                        try r.vocabulary(t.value) { s throws(IdentifierError) in try BizTransactionType(s) }
                    }
                    return BizTransaction(type: type, bizTransaction: c.value)
                }
            case "sourceList": e.sourceList = try r.sourceDestinations(f)
            case "destinationList": e.destinationList = try r.sourceDestinations(f)
            case "ilmd":
                let elements = try f.children.map { (c) throws(CoreMappingError) in try r.extensionElement(c) }
                do {
                    e.ilmd = try ILMD(elements: elements)
                } catch {
                    throw r.error(.invalidValue, "ilmd", error.description)
                }
            case "errorDeclaration": e.errorDeclaration = try r.errorDeclaration(f)
            case "sensorElementList": e.sensorElementList = try r.sensorElements(f)
            default:
                guard f.name.hasPrefix("{") else {
                    throw r.error(.unsupportedField, f.name, "no Core field for '\(f.name)'")
                }
                e.extensions.append(try r.extensionElement(f))
            }
        }
        r.field = ""
        do {
            try e.validate()
        } catch {
            throw r.error(.invalidValue, "", "\(error)")
        }
        return e
    }
}

/// Field-level conversions with errors positioned at the event and field.
struct FieldReader {
    let position: String
    var field = ""

    func error(_ code: CoreMappingError.Code, _ name: String, _ context: String) -> CoreMappingError {
        CoreMappingError(code, position: CoreMappingError.position(position, field: name), context)
    }

    func required(_ event: BollardEPCIS.EPCISEvent, _ name: String) throws(CoreMappingError) -> String {
        guard let v = event[name] else { throw error(.missingField, name, "\(name) is required") }
        return v
    }

    func time(_ text: String, _ name: String) throws(CoreMappingError) -> EventTime {
        do { return try EventTime(text) } catch { throw self.error(.invalidValue, name, error.description) }
    }

    func epc(_ text: String) throws(CoreMappingError) -> EPC {
        do { return try EPC(DigitalLinkNormaliser.normalise(text) ?? text) } catch { throw self.error(.invalidValue, field, error.description) }
    }

    func epcs(_ f: EPCISField) throws(CoreMappingError) -> [EPC] {
        try f.children.map { (c) throws(CoreMappingError) in try epc(c.value) }
    }

    func quantities(_ f: EPCISField) throws(CoreMappingError) -> [QuantityElement] {
        try f.children.map { (q) throws(CoreMappingError) in
            guard let cls = q.child("epcClass") else { throw error(.missingField, field, "a quantityElement needs an epcClass") }
            var amount: ExactDecimal?
            // `<quantity xsi:nil="true"/>` (XML Schema §2.6.2) means "no amount", but GS1's
            // generator hashes the nil marker itself; Core cannot keep it, so it is refused
            // rather than mapped to an absent quantity with a different hash.
            if let field = q.child("quantity"), field.value.isEmpty,
               field.child("{http://www.w3.org/2001/XMLSchema-instance}nil") != nil {
                throw error(.unsupportedField, self.field, "xsi:nil quantity (the event hash keeps the nil marker, Core cannot)")
            }
            if let t = q.child("quantity")?.value {
                do { amount = try ExactDecimal(t) } catch { throw self.error(.invalidValue, field, "quantity '\(t)': \(error)") }
            }
            var uom: UnitCode?
            if let t = q.child("uom")?.value {
                do { uom = try UnitCode(t) } catch { throw self.error(.invalidValue, field, "uom '\(t)': \(error)") }
            }
            return QuantityElement(epcClass: try epc(cls.value), quantity: amount, uom: uom)
        }
    }

    func vocabulary<T>(_ text: String, _ parse: (String) throws(IdentifierError) -> T) throws(CoreMappingError) -> T {
        do { return try parse(text) } catch { throw self.error(.invalidValue, field, error.description) }
    }

    func persistentDisposition(_ f: EPCISField) throws(CoreMappingError) -> PersistentDisposition {
        var p = PersistentDisposition()
        for c in f.children {
            let d = try vocabulary(c.value) { t throws(IdentifierError) in try Disposition(t) }
            switch c.name {
            case "set": p.set.append(d)
            case "unset": p.unset.append(d)
            default: throw error(.unsupportedField, field, "persistentDisposition has no '\(c.name)'")
            }
        }
        return p
    }

    func location(_ f: EPCISField) throws(CoreMappingError) -> EPCISLocation {
        var id: String?
        var extensions: [ExtensionElement] = []
        for c in f.children {
            if c.name == "id" { id = c.value } else { extensions.append(try extensionElement(c)) }
        }
        guard let id else { throw error(.missingField, field, "\(f.name) needs an id") }
        return EPCISLocation(id: id, extensions: extensions)
    }

    func sourceDestinations(_ f: EPCISField) throws(CoreMappingError) -> [SourceDestination] {
        try f.children.map { (c) throws(CoreMappingError) in
            guard let t = c.child("type") else { throw error(.missingField, field, "a \(c.name) needs a type") }
            return SourceDestination(type: try vocabulary(t.value) { s throws(IdentifierError) in try SourceDestType(s) }, value: c.value)
        }
    }

    func errorDeclaration(_ f: EPCISField) throws(CoreMappingError) -> ErrorDeclaration {
        guard let t = f.child("declarationTime") else { throw error(.missingField, field, "errorDeclaration needs a declarationTime") }
        var d = ErrorDeclaration(declarationTime: try time(t.value, "errorDeclaration.declarationTime"))
        for c in f.children {
            switch c.name {
            case "declarationTime": continue
            case "reason": d.reason = try vocabulary(c.value) { s throws(IdentifierError) in try ErrorReason(s) }
            case "correctiveEventIDs": d.correctiveEventIDs = c.children.map(\.value)
            default: d.extensions.append(try extensionElement(c))
            }
        }
        return d
    }

    /// `{namespace}local` with its text and children. A child with no namespace (an XML
    /// attribute without prefix) keeps an empty namespace.
    func extensionElement(_ f: EPCISField) throws(CoreMappingError) -> ExtensionElement {
        var namespace = ""
        var name = f.name
        // Searched as UTF-8 (the braces are ASCII and never part of another character's bytes):
        // a Character search here cost as much as decoding the rest of the event.
        let utf8 = f.name.utf8
        if utf8.first == UInt8(ascii: "{") {
            guard let close = utf8.firstIndex(of: UInt8(ascii: "}")) else {
                throw error(.invalidValue, field, "extension name '\(f.name)' has no closing brace")
            }
            namespace = String(f.name[utf8.index(after: utf8.startIndex)..<close])
            name = String(f.name[utf8.index(after: close)...])
        }
        let children = try f.children.map { (c) throws(CoreMappingError) in try extensionElement(c) }
        return ExtensionElement(namespace: namespace, name: name, value: f.value.isEmpty && !children.isEmpty ? nil : f.value,
                                children: children)
    }
}
