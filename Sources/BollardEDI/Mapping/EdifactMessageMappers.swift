import BollardCore
import BollardEPCIS

typealias MessageMapper = @Sendable (MessageMapping) throws(EDIMappingError) -> [MappedEvent]

/// The EDIFACT message types Bollard maps (UNH S009 0065), as the D.95B/D.96A directories and the
/// SMDG user groups (COARRI, CODECO, COPRAR, BAPLIE) define them. integrations/edi/MAPPING.md
/// lists every segment and element read and the event field it becomes.
enum EdifactMessageMappers {
    static let table: [String: MessageMapper] = [
        "IFTMIN": { m throws(EDIMappingError) in try m.edifactConsignment(asPacking: true) },
        "IFTMBC": { m throws(EDIMappingError) in try m.edifactConsignment(asPacking: false) },
        "CUSCAR": { m throws(EDIMappingError) in try m.edifactCargoReport() },
        "CUSRES": { m throws(EDIMappingError) in try m.edifactCustomsResponse() },
        "COARRI": { m throws(EDIMappingError) in try m.edifactContainerReport(.coarri) },
        "CODECO": { m throws(EDIMappingError) in try m.edifactContainerReport(.codeco) },
        "COPRAR": { m throws(EDIMappingError) in try m.edifactContainerReport(.coprar) },
        "BAPLIE": { m throws(EDIMappingError) in try m.edifactBayPlan() },
        "IFTSTA": { m throws(EDIMappingError) in try m.edifactStatus() },
        "RECADV": { m throws(EDIMappingError) in try m.edifactReceivingAdvice() },
        "DESADV": { m throws(EDIMappingError) in try m.edifactDespatchAdvice() },
        "INVRPT": { m throws(EDIMappingError) in try m.edifactInventoryReport() },
    ]
}

/// Shared EDIFACT readings.
extension MessageMapping {
    /// The first location in `slice` identified by GLN: LOC C517 (3225 id, 3055 agency `9` = GS1)
    /// with C519 3223 as AI 254 sub-location, else NAD C082 (3039, 3055 `9`) of one of `parties`.
    func edifactLocation(_ slice: ArraySlice<MappingSegment>?, parties: Set<String> = []) throws(EDIMappingError) -> EPCISLocation? {
        if let loc = first("LOC", in: slice, where: { $0.value(2, 3) == "9" && !$0.value(2, 1).isEmpty }) {
            return try location(try gln(loc.value(2, 1), loc, element: 2, component: 1), subLocation: loc.value(3, 1), loc, element: 3)
        }
        if let nad = first("NAD", in: slice, where: { parties.contains($0.value(1)) && $0.value(2, 3) == "9" }) {
            return EPCISLocation(id: try gln(nad.value(2, 1), nad, element: 2, component: 1).locationURI)
        }
        return nil
    }

    /// NAD of `qualifier`: a GLN (C082 3055 `9`) or Bollard party text (3055 `ZZZ`).
    func edifactParty(_ qualifier: String) throws(EDIMappingError) -> (PartyID, MappingSegment)? {
        guard let nad = first("NAD", where: { $0.value(1) == qualifier && !$0.value(2, 1).isEmpty }) else { return nil }
        return (try party(nad.value(2, 1), gs1: nad.value(2, 3) == "9", nad, element: 2), nad)
    }

    /// RFF C506 (1153 qualifier, 1154 reference) values of `qualifier`.
    func edifactReferences(_ qualifier: String, in slice: ArraySlice<MappingSegment>?) -> [(String, MappingSegment)] {
        all("RFF", in: slice) { $0.value(1, 1) == qualifier && !$0.value(1, 2).isEmpty }.map { ($0.value(1, 2), $0) }
    }

    /// Bills of lading: RFF `BM`.
    func edifactBillsOfLading(_ slice: ArraySlice<MappingSegment>?) throws(EDIMappingError) -> [BizTransaction] {
        var out: [BizTransaction] = []
        for (bol, s) in edifactReferences("BM", in: slice) {
            let t = try billOfLading(bol, s, element: 1, component: 2)
            if !out.contains(t) { out.append(t) }
        }
        return out
    }

    /// Containers: EQD 8053 `CN` with C237 8260 (ISO 6346), and RFF `EQ` references to them.
    func edifactContainers(_ slice: ArraySlice<MappingSegment>?) throws(EDIMappingError) -> [EPC] {
        var out: [EPC] = []
        for s in all("EQD", in: slice, where: { $0.value(1) == "CN" && !$0.value(2, 1).isEmpty }) {
            let c = try container(s.value(2, 1), s, element: 2, component: 1)
            if !out.contains(c) { out.append(c) }
        }
        for (id, s) in edifactReferences("EQ", in: slice) {
            let c = try container(id, s, element: 1, component: 2)
            if !out.contains(c) { out.append(c) }
        }
        return out
    }

    /// The voyage (TDT 8028) and vessel (TDT C222: 8213 IMO number when listed by Lloyd's, 3055
    /// `11`, or code list 1131 `146`; 8212 name) as Bollard extension elements.
    func edifactVoyage() throws(EDIMappingError) -> [ExtensionElement] {
        guard let tdt = first("TDT", where: { $0.value(1) == "20" }) else { return [] }
        var out: [ExtensionElement] = []
        let id = tdt.value(8, 1)
        if !id.isEmpty, tdt.value(8, 3) == "11" || tdt.value(8, 2) == "146" {
            do { out.append(Self.extensionElement("vesselIMO", try IMONumber(id).value)) } catch {
                throw self.error(.invalidIdentifier, tdt, element: 8, component: 1, error.description)
            }
        }
        if !tdt.value(8, 4).isEmpty { out.append(Self.extensionElement("vesselName", tdt.value(8, 4))) }
        if !tdt.value(2).isEmpty { out.append(Self.extensionElement("voyage", tdt.value(2))) }
        return out
    }

    static func extensionElement(_ name: String, _ value: String) -> ExtensionElement {
        ExtensionElement(namespace: BollardNamespace.uri, name: name, value: value)
    }

    /// A plain custody ObjectEvent OBSERVE.
    func observation(_ objects: [EPC], quantities: [QuantityElement] = [], step: BizStep?, disposition: Disposition?,
                     location: EPCISLocation?, transactions: [BizTransaction], time: MappedTime, source: SourcePointer,
                     extensions: [ExtensionElement] = []) -> BollardCore.EPCISEvent {
        var e = event(.objectEvent, .observe, at: time, source: source)
        e.epcList = objects
        e.quantityList = quantities
        e.bizStep = step
        e.disposition = disposition
        e.readPoint = location
        e.bizLocation = location
        e.bizTransactionList = transactions
        e.extensions = extensions
        return e
    }

    /// Goods taken out of a container (CBV `unpacking`): AggregationEvent DELETE naming the parent
    /// only, which EPCIS 2.0 §7.4.3 reads as "all children".
    func unpacking(_ container: EPC, location: EPCISLocation?, time: MappedTime, source: SourcePointer) -> BollardCore.EPCISEvent {
        var e = event(.aggregationEvent, .delete, at: time, source: source)
        e.parentID = container
        e.bizStep = .unpacking
        e.bizLocation = location
        return e
    }
}
