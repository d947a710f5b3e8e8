import BollardCore
import BollardXML

/// Bollard's shipping manifest XML (fixtures/schemas/shipping-manifest.xsd) → custody events.
///
/// Each bill of lading becomes one EPCIS ObjectEvent OBSERVE with bizStep `shipping` and
/// disposition `in_transit` (CBV 2.0 §7.1, §7.2) at the time the goods were loaded on board:
/// the containers (ISO 6346, as `urn:epc:id:bic:`) and the lots they carry in epcList, classes
/// of goods (copper lots, oil parcels) in quantityList with the manifest's net quantity, the
/// B/L as a `bol` business transaction (CBV 2.0 §8.5 form
/// `urn:epcglobal:cbv:bt:{shipper GLN}:{B/L}`), shipper and consignee as owning parties, and
/// the carrier, vessel, voyage and ports as Bollard extension elements. The engine records
/// these as manifest facts: the quantity a warehouse's receipt is later reconciled against.
public struct ShippingManifestXMLReader: Sendable {
    public static let namespace = "https://ns.bollard.dev/xml/shipping-manifest/1"
    public static let rootElement = "ShippingManifest"

    public var schema: XMLSchema
    public var reader: XMLReader

    /// - Parameter schema: shipping-manifest.xsd, loaded once by the caller.
    public init(schema: XMLSchema, reader: XMLReader = XMLReader(acceptsBareDocumentTypeDeclaration: false)) {
        self.schema = schema
        self.reader = reader
    }

    public func map(_ bytes: [UInt8], fileName: String) throws(XMLDocumentError) -> MappedDocument {
        let valid = try ValidatedXMLDocument(bytes, documentName: fileName, reader: reader, schema: schema,
                                             root: Self.rootElement, namespace: Self.namespace)
        let f = XMLFields(namespace: Self.namespace, documentName: fileName)
        let root = valid.document.root
        let voyage = try Voyage(root, f)
        var events: [MappedEvent] = []
        for bill in f.children(root, "BillOfLading") {
            let event = try self.event(bill, voyage: voyage, f, valid)
            let command: Command
            do {
                command = try CommandInterpreter().command(for: event, position: "line \(bill.line)")
            } catch {
                throw f.error(.inconsistent, at: bill, rule: "custody event", error.description)
            }
            events.append(MappedEvent(event: event, command: command))
        }
        return MappedDocument(documentSHA256: valid.sha256Hex, events: events)
    }

    /// What the manifest says once for all its bills of lading.
    private struct Voyage {
        var carrier: SCAC
        var vessel: IMONumber
        var voyage: String
        var portOfLoading: UNLOCODE
        var portOfDischarge: UNLOCODE
        var loaded: XMLElement

        init(_ root: XMLElement, _ f: XMLFields) throws(XMLDocumentError) {
            let carrierElement = try f.child(root, "Carrier")
            let scac = try f.attribute(carrierElement, "scac")
            carrier = try f.convert(carrierElement, rule: "SCAC (NMFTA)") { () throws(IdentifierError) in try SCAC(scac) }
            let vesselElement = try f.child(root, "Vessel")
            let imo = try f.attribute(vesselElement, "imo")
            vessel = try f.convert(vesselElement, rule: "IMO number check digit (SOLAS XI-1/3)") { () throws(IdentifierError) in try IMONumber(imo) }
            voyage = try f.text(root, "Voyage")
            portOfLoading = try Self.locode(f.child(root, "PortOfLoading"), f)
            portOfDischarge = try Self.locode(f.child(root, "PortOfDischarge"), f)
            loaded = try f.child(root, "LoadedOnBoard")
        }

        static func locode(_ element: XMLElement, _ f: XMLFields) throws(XMLDocumentError) -> UNLOCODE {
            let t = f.text(element)
            return try f.convert(element, rule: "UN/LOCODE (UN/ECE Recommendation 16)") { () throws(IdentifierError) in try UNLOCODE(t) }
        }
    }

    private func event(
        _ bill: XMLElement, voyage: Voyage, _ f: XMLFields, _ valid: ValidatedXMLDocument
    ) throws(XMLDocumentError) -> BollardCore.EPCISEvent {
        let number = try f.attribute(bill, "number")
        _ = try f.convert(bill, rule: "bill of lading number") { () throws(IdentifierError) in try BillOfLadingNumber(number) }
        let shipper = try gln(f.child(bill, "Shipper"), f)
        let consignee = try gln(f.child(bill, "Consignee"), f)
        let (time, offset) = try f.time(voyage.loaded)
        var event = BollardCore.EPCISEvent(type: .objectEvent, eventTime: time, eventTimeZoneOffset: offset,
                                           action: .observe, sourcePointer: try valid.pointer(bill))
        event.bizStep = .shipping
        event.disposition = .inTransit
        event.bizTransactionList = [
            BizTransaction(type: .billOfLading, bizTransaction: "urn:epcglobal:cbv:bt:\(shipper.value):\(number)")
        ]
        event.sourceList = [SourceDestination(type: .owningParty, value: shipper.partyURI)]
        event.destinationList = [SourceDestination(type: .owningParty, value: consignee.partyURI)]
        var listed = Set<EPC>()
        for containerElement in f.children(bill, "Container") {
            let text = try f.attribute(containerElement, "number")
            let container = try f.convert(containerElement, rule: "ISO 6346 container number and check digit") {
                () throws(IdentifierError) in try ContainerNumber(text)
            }
            try note(EPC.container(container), at: containerElement, in: &listed, f)
            event.epcList.append(EPC.container(container))
            for item in f.children(containerElement, "GoodsItem") {
                try goods(item, into: &event, listed: &listed, f)
            }
        }
        let ns = BollardNamespace.uri
        event.extensions = [
            ExtensionElement(namespace: ns, name: "carrier", value: voyage.carrier.value),
            ExtensionElement(namespace: ns, name: "vessel", value: voyage.vessel.value),
            ExtensionElement(namespace: ns, name: "voyage", value: voyage.voyage),
            ExtensionElement(namespace: ns, name: "portOfLoading", value: voyage.portOfLoading.value),
            ExtensionElement(namespace: ns, name: "portOfDischarge", value: voyage.portOfDischarge.value),
        ]
        return event
    }

    private func goods(
        _ item: XMLElement, into event: inout BollardCore.EPCISEvent, listed: inout Set<EPC>, _ f: XMLFields
    ) throws(XMLDocumentError) {
        let hs = try f.child(item, "HSCode")
        let hsText = f.text(hs)
        _ = try f.convert(hs, rule: "HS code (WCO Harmonized System)") { () throws(IdentifierError) in try HSCode(hsText) }
        let lots = f.children(item, "Lot")
        var net: Quantity?
        if let netElement = f.optional(item, "NetQuantity") {
            guard lots.count == 1 else {
                throw f.error(.inconsistent, at: netElement, rule: "net quantity of a single lot",
                              "NetQuantity states one lot's quantity, but the goods item lists \(lots.count) lots")
            }
            net = try f.measure(netElement)
        }
        for lotElement in lots {
            let lot = try f.epc(lotElement)
            try note(lot, at: lotElement, in: &listed, f)
            if lot.isClass {
                event.quantityList.append(QuantityElement(epcClass: lot, quantity: net?.value, uom: net?.unit))
            } else if net != nil {
                throw f.error(.inconsistent, at: lotElement, rule: "net quantity of a class of goods",
                              "\(lot) is one object; a NetQuantity belongs to a lot of a trade item")
            } else {
                event.epcList.append(lot)
            }
        }
    }

    /// A container or lot listed twice under one B/L would double its manifest quantity.
    private func note(_ epc: EPC, at element: XMLElement, in listed: inout Set<EPC>, _ f: XMLFields) throws(XMLDocumentError) {
        guard listed.insert(epc).inserted else {
            throw f.error(.inconsistent, at: element, rule: "each container and lot once per bill of lading", "\(epc) is listed twice")
        }
    }

    private func gln(_ element: XMLElement, _ f: XMLFields) throws(XMLDocumentError) -> GLN {
        let t = try f.attribute(element, "gln")
        return try f.convert(element, rule: "GLN check digit (GS1 General Specifications §7.9)") { () throws(IdentifierError) in try GLN(t) }
    }
}
