import BollardCore
import BollardXML

/// Bollard's warehouse receipt XML (fixtures/schemas/warehouse-receipt.xsd) → Core commands.
///
/// Each `Receipt` becomes the receipt_issuing TransactionEvent, and each `Closure` the
/// receipt_releasing or receipt_cancelling one, that the EPCIS form of the same receipt carries
/// (integrations/epcis/README.md); the engine command is then read from that event by the same
/// `CommandInterpreter`, so both formats give the engine identical commands. The receipts are
/// keyed by the document's `Issuer` GLN: whether the submitter may write for that warehouse is
/// the engine's rule, not the reader's.
///
/// All or nothing: the first element that cannot be mapped refuses the whole document.
public struct WarehouseReceiptXMLReader: Sendable {
    public static let namespace = "https://ns.bollard.dev/xml/warehouse-receipt/1"
    public static let rootElement = "WarehouseReceipts"

    public var schema: XMLSchema
    public var reader: XMLReader

    /// - Parameter schema: warehouse-receipt.xsd, loaded once by the caller.
    public init(schema: XMLSchema, reader: XMLReader = XMLReader(acceptsBareDocumentTypeDeclaration: false)) {
        self.schema = schema
        self.reader = reader
    }

    public func map(_ bytes: [UInt8], fileName: String) throws(XMLDocumentError) -> MappedDocument {
        let valid = try ValidatedXMLDocument(bytes, documentName: fileName, reader: reader, schema: schema,
                                             root: Self.rootElement, namespace: Self.namespace)
        let f = XMLFields(namespace: Self.namespace, documentName: fileName)
        let root = valid.document.root
        let issuerElement = try f.child(root, "Issuer")
        let issuerText = try f.attribute(issuerElement, "gln")
        let issuer = try f.convert(issuerElement, rule: "GLN check digit (GS1 General Specifications §7.9)") {
            () throws(IdentifierError) in try GLN(issuerText)
        }
        var events: [MappedEvent] = []
        for element in root.childElements where element.name.namespaceURI == Self.namespace {
            let event: BollardCore.EPCISEvent
            switch element.name.localName {
            case "Receipt": event = try issuance(element, issuer: issuer, f, valid)
            case "Closure": event = try closure(element, issuer: issuer, f, valid)
            default: continue
            }
            let command: Command
            do {
                command = try CommandInterpreter().command(for: event, position: "line \(element.line)")
            } catch {
                throw f.error(.inconsistent, at: element, rule: "Bollard receipt command", error.description)
            }
            events.append(MappedEvent(event: event, command: command))
        }
        return MappedDocument(documentSHA256: valid.sha256Hex, events: events)
    }

    private func key(_ element: XMLElement, issuer: GLN, _ f: XMLFields) throws(XMLDocumentError) -> ReceiptKey {
        let numberElement = try f.child(element, "ReceiptNumber")
        let text = f.text(numberElement)
        let number = try f.convert(numberElement, rule: "receipt number") { () throws(IdentifierError) in try ReceiptNumber(text) }
        return ReceiptKey(warehouse: issuer, number: number)
    }

    private func issuance(
        _ element: XMLElement, issuer: GLN, _ f: XMLFields, _ valid: ValidatedXMLDocument
    ) throws(XMLDocumentError) -> BollardCore.EPCISEvent {
        if let encumbrances = f.optional(element, "Encumbrances") {
            throw f.error(.unsupported, at: encumbrances, rule: "DESIGN.md rule 2: encumbrances come from their holder",
                          "a warehouse cannot declare a pledge or token binding; the lender or exchange records it")
        }
        let key = try key(element, issuer: issuer, f)
        let (time, offset) = try f.time(f.child(element, "IssueTime"))
        var event = BollardCore.EPCISEvent(type: .transactionEvent, eventTime: time, eventTimeZoneOffset: offset,
                                           action: .add, sourcePointer: try valid.pointer(element))
        event.bizStep = BollardCommandVocabulary.Step.receiptIssuing.bizStep
        event.bizTransactionList = [BollardCommandVocabulary.receiptTransaction(key)]
        if let location = f.optional(element, "StorageLocation") {
            event.bizLocation = EPCISLocation(try storageLocation(location, f))
        }
        let names = BollardCommandVocabulary.Element.self
        let depositor = try party(f.child(element, "Depositor"), f)
        event.extensions.append(ExtensionElement(namespace: BollardNamespace.uri, name: names.depositor, value: depositor.description))
        for line in f.children(try f.child(element, "Goods"), "Line") {
            let goods = try ReceiptGoodsLine(line, f)
            if goods.lot.isClass {
                event.quantityList.append(QuantityElement(epcClass: goods.lot, quantity: goods.quantity.value, uom: goods.quantity.unit))
            } else {
                event.epcList.append(goods.lot)
            }
            event.extensions.append(ExtensionElement(namespace: BollardNamespace.uri, name: names.receiptLine, children: [
                ExtensionElement(namespace: BollardNamespace.uri, name: names.lot, value: goods.lot.uri),
                ExtensionElement(namespace: BollardNamespace.uri, name: names.quantity, value: goods.quantityText),
                ExtensionElement(namespace: BollardNamespace.uri, name: names.uom, value: goods.quantity.unit.code),
            ]))
        }
        return event
    }

    private func closure(
        _ element: XMLElement, issuer: GLN, _ f: XMLFields, _ valid: ValidatedXMLDocument
    ) throws(XMLDocumentError) -> BollardCore.EPCISEvent {
        let key = try key(element, issuer: issuer, f)
        let (time, offset) = try f.time(f.child(element, "Time"))
        let step: BollardCommandVocabulary.Step = try f.attribute(element, "kind") == "release" ? .receiptReleasing : .receiptCancelling
        var event = BollardCore.EPCISEvent(type: .transactionEvent, eventTime: time, eventTimeZoneOffset: offset,
                                           action: step.action, sourcePointer: try valid.pointer(element))
        event.bizStep = step.bizStep
        event.bizTransactionList = [BollardCommandVocabulary.receiptTransaction(key)]
        return event
    }

    private func party(_ element: XMLElement, _ f: XMLFields) throws(XMLDocumentError) -> PartyID {
        if let e = f.optional(element, "GLN") {
            let t = f.text(e)
            return try f.convert(e, rule: "GLN check digit (GS1 General Specifications §7.9)") { () throws(IdentifierError) in .gln(try GLN(t)) }
        }
        if let e = f.optional(element, "LEI") {
            let t = f.text(e)
            return try f.convert(e, rule: "LEI check digits (ISO 17442, ISO 7064 MOD 97-10)") { () throws(IdentifierError) in .lei(try LEI(t)) }
        }
        let e = try f.child(element, "CustomsOffice")
        let t = f.text(e)
        return try f.convert(e, rule: "customs office code") { () throws(IdentifierError) in .customsOffice(try CustomsOfficeCode(t)) }
    }

    private func storageLocation(_ element: XMLElement, _ f: XMLFields) throws(XMLDocumentError) -> StorageLocation {
        let glnText = try f.attribute(element, "gln")
        let kindText = try f.attribute(element, "kind")
        let name = try f.attribute(element, "name")
        guard let kind = StorageLocation.Kind(rawValue: kindText) else {
            throw f.error(.invalidValue, at: element, rule: "storage location kind", "'\(kindText)' is not VAULT, BAY or TANK")
        }
        let uri = "https://id.gs1.org/414/\(glnText)/254/\(kind.rawValue)-\(name)"
        return try f.convert(element, rule: "GS1 AI 254 storage location") { () throws(IdentifierError) in
            try StorageLocation(uri: uri)
        }
    }
}
