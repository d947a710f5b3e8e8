import BollardCore
import BollardXML

/// Reads the fields of a schema-valid document in one namespace, with every error placed at
/// the element it concerns. The schema has already required what is required; these checks
/// stay so that a document that slips past it becomes a typed error, never a crash.
struct XMLFields {
    let namespace: String
    let documentName: String

    func error(
        _ code: XMLDocumentError.Code, at element: XMLElement, rule: String, _ context: String
    ) -> XMLDocumentError {
        XMLDocumentError(code, documentName: documentName, line: element.line, column: element.column, rule: rule, context)
    }

    func children(_ element: XMLElement, _ name: String) -> [XMLElement] {
        element.childElements.filter { $0.name.localName == name && $0.name.namespaceURI == namespace }
    }

    func optional(_ element: XMLElement, _ name: String) -> XMLElement? {
        element.firstChild(name, namespace: namespace)
    }

    func child(_ element: XMLElement, _ name: String) throws(XMLDocumentError) -> XMLElement {
        guard let found = optional(element, name) else {
            throw error(.schemaInvalid, at: element, rule: "XSD validity", "\(element.name.localName) has no \(name)")
        }
        return found
    }

    /// Text with the XSD whitespace facet `collapse` that every simple type used here has.
    func text(_ element: XMLElement) -> String {
        element.text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }

    func text(_ element: XMLElement, _ name: String) throws(XMLDocumentError) -> String {
        text(try child(element, name))
    }

    func attribute(_ element: XMLElement, _ name: String) throws(XMLDocumentError) -> String {
        guard let value = element.attribute(name) else {
            throw error(.schemaInvalid, at: element, rule: "XSD validity", "\(element.name.localName) has no \(name) attribute")
        }
        return value
    }

    /// Runs a Core constructor; its error becomes an `invalidValue` at `element` under `rule`.
    func convert<T, E: Error>(
        _ element: XMLElement, rule: String, _ f: () throws(E) -> T
    ) throws(XMLDocumentError) -> T {
        do { return try f() } catch { throw self.error(.invalidValue, at: element, rule: rule, "\(error)") }
    }

    func time(_ element: XMLElement) throws(XMLDocumentError) -> (EventTime, offset: String) {
        let t = text(element)
        let time = try convert(element, rule: "XSD dateTime with offset") { () throws(EventTimeError) in try EventTime(t) }
        let offset = t.hasSuffix("Z") ? "+00:00" : String(t.suffix(6))
        return (time, offset)
    }

    func decimal(_ element: XMLElement) throws(XMLDocumentError) -> ExactDecimal {
        let t = text(element)
        return try convert(element, rule: "decimal") { () throws(DecimalError) in try ExactDecimal(t) }
    }

    /// A `MeasureType`: a decimal with its UN/ECE Recommendation 20 `unitCode`.
    func measure(_ element: XMLElement) throws(XMLDocumentError) -> Quantity {
        let unit = try attribute(element, "unitCode")
        let code = try convert(element, rule: "UN/ECE Recommendation 20 unit") { () throws(IdentifierError) in try UnitCode(unit) }
        return Quantity(try decimal(element), code)
    }

    /// A lot as an EPC: EPC URIs as written, GS1 Digital Link URIs in their EPC URI form (the
    /// form the EPCIS mapping gives them, so both formats name a lot the same way).
    func epc(_ element: XMLElement) throws(XMLDocumentError) -> EPC {
        let t = text(element)
        return try convert(element, rule: "EPC or GS1 Digital Link URI") { () throws(IdentifierError) in
            try EPC(DigitalLinkNormaliser.normalise(t) ?? t)
        }
    }
}

extension EPC {
    /// A class of objects (a GTIN, with or without a lot: LGTIN) rather than one object: such
    /// lots are counted in quantity lists, instances (a serialised item, an asset, a container)
    /// are listed (EPCIS 2.0 §7.3.3, GS1 Digital Link 1.2 §4 for AI 01 with and without AI 21).
    var isClass: Bool {
        if uri.hasPrefix("urn:epc:class:") { return true }
        return uri.contains("/01/") && !uri.contains("/21/")
    }
}
