import BollardCore

/// The objects one goods item or line item names, resolved to EPCs: serialised instances
/// (bars: GIAI) and lots of a trade item (LGTIN) with the quantity the item states for them.
struct GoodsItem {
    var instances: [EPC] = []
    var classes: [EPC] = []
    /// The item's quantity: net weight, else gross weight, else the counted quantity.
    var quantity: Quantity?
    /// Equipment the item is placed in (EDIFACT SGP, X12 loop equipment).
    var equipment: [String] = []
    /// Harmonized System codes the item declares (EDIFACT PIA 7143 `HS`).
    var hsCodes: [HSCode] = []
    var segments: ArraySlice<MappingSegment>

    var isEmpty: Bool { instances.isEmpty && classes.isEmpty }

    var quantityElements: [QuantityElement] {
        classes.map { QuantityElement(epcClass: $0, quantity: classes.count == 1 ? quantity?.value : nil, uom: classes.count == 1 ? quantity?.unit : nil) }
    }

    /// The single object a line item stands for (receipt, despatch and inventory lines).
    func single(_ m: MessageMapping) throws(EDIMappingError) -> EPC {
        let all = instances + classes
        guard all.count == 1 else {
            throw m.error(all.isEmpty ? .missingElement : .inconsistent, segments.first,
                          all.isEmpty ? "the line names no GIAI, GTIN with batch, or GS1 mark" : "the line names \(all.count) objects; a line stands for one lot")
        }
        return all[0]
    }
}

extension MessageMapping {
    /// The goods' HS codes as `bollard:hsCode` extension elements: an aggregation or transaction
    /// event has no ILMD (EPCIS 2.0 §7.3.6), so the declared tariff classification travels beside it.
    func hsCodeExtensions(_ items: [GoodsItem]) -> [ExtensionElement] {
        var seen: [HSCode] = []
        for code in items.flatMap(\.hsCodes) where !seen.contains(code) { seen.append(code) }
        return seen.map { ExtensionElement(namespace: BollardNamespace.uri, name: "hsCode", value: $0.value) }
    }

    /// Adds a mark (EDIFACT PCI 7102, X12 MAN02/L506) to `item`: a GS1 element string names its
    /// object; a plain mark names a lot of the item's GTIN when it has one, and is otherwise a
    /// shipping mark only.
    func addMark(_ mark: String, gtin: GTIN?, to item: inout GoodsItem, _ s: MappingSegment, element: Int, component: Int?) throws(EDIMappingError) {
        guard !mark.isEmpty else { return }
        let epc: EPC?
        do {
            if let e = try GS1Keys.epc(fromElementString: mark) {
                epc = e
            } else if let gtin {
                epc = try EPC.lgtin(gtin: gtin, lot: mark)
            } else {
                epc = nil
            }
        } catch {
            throw self.error(.invalidIdentifier, s, element: element, component: component, error.description)
        }
        if let epc { add(epc, to: &item) }
    }

    func add(_ epc: EPC, to item: inout GoodsItem) {
        if GS1Keys.isClass(epc) {
            if !item.classes.contains(epc) { item.classes.append(epc) }
        } else if !item.instances.contains(epc) {
            item.instances.append(epc)
        }
    }

    /// EDIFACT goods item (IFTMIN/IFTMBC/CUSCAR SG GID) or line item (RECADV/DESADV/INVRPT SG LIN):
    /// - LIN C212 (7140 item number, 7143 type `SRV`/`EN` = GTIN);
    /// - PIA C212 ×5: `SRV`/`EN` GTIN, `NB` batch (lot) number, `SN` serial number (a GIAI);
    /// - GIN 7405 `BN` serial numbers (GIAIs), `BX` batch numbers;
    /// - PCI C210 marks (7102 ×10); SGP C237 equipment placed in;
    /// - MEA C502 6313 `AAL` net / `G` or `AAB` gross weight, C174 unit and value; QTY C186.
    func edifactGoods(_ g: ArraySlice<MappingSegment>, quantityQualifiers: [String] = []) throws(EDIMappingError) -> GoodsItem {
        var item = GoodsItem(segments: g)
        var gtin: GTIN?
        func setGTIN(_ text: String, _ s: MappingSegment, _ e: Int) throws(EDIMappingError) {
            do { gtin = try GS1Keys.gtin(text) } catch { throw self.error(.invalidIdentifier, s, element: e, component: 1, error.description) }
        }
        let gtinTypes: Set<String> = ["SRV", "EN", "UP"]
        for s in g where s.tag == "LIN" && gtinTypes.contains(s.value(3, 2)) && !s.value(3, 1).isEmpty { try setGTIN(s.value(3, 1), s, 3) }
        for s in g where s.tag == "PIA" {
            for e in 2...6 where gtinTypes.contains(s.value(e, 2)) && !s.value(e, 1).isEmpty { try setGTIN(s.value(e, 1), s, e) }
        }
        var net: Quantity?
        var gross: Quantity?
        var counted: Quantity?
        for s in g {
            switch s.tag {
            case "PIA":
                for e in 2...6 {
                    let id = s.value(e, 1)
                    guard !id.isEmpty else { continue }
                    switch s.value(e, 2) {
                    case "NB": try addLot(id, gtin: gtin, to: &item, s, element: e)
                    case "SN": try addSerial(id, to: &item, s, element: e)
                    case "HS":
                        do {
                            let code = try HSCode(id)
                            if !item.hsCodes.contains(code) { item.hsCodes.append(code) }
                        } catch {
                            throw self.error(.invalidIdentifier, s, element: e, component: 1, error.description)
                        }
                    default: break
                    }
                }
            case "GIN":
                for e in 2...6 {
                    let id = s.value(e, 1)
                    guard !id.isEmpty else { continue }
                    switch s.value(1) {
                    case "BN": try addSerial(id, to: &item, s, element: e)
                    case "BX": try addLot(id, gtin: gtin, to: &item, s, element: e)
                    default: break
                    }
                }
            case "PCI":
                for (i, mark) in s.components(2).enumerated() { try addMark(mark, gtin: gtin, to: &item, s, element: 2, component: i + 1) }
            case "SGP":
                if !s.value(1).isEmpty { item.equipment.append(s.value(1)) }
            case "MEA" where s.value(1) == "AAE" || s.value(1) == "WT" || s.value(1).isEmpty:
                guard !s.value(3, 2).isEmpty else { continue }
                let q = try quantity(s.value(3, 2), unit: s.value(3, 1), s, element: 3, component: 2, unitElement: 3, unitComponent: 1)
                switch s.value(2) {
                case "AAL": net = net ?? q
                case "G", "AAB": gross = gross ?? q
                default: break
                }
            case "QTY" where quantityQualifiers.isEmpty || quantityQualifiers.contains(s.value(1, 1)):
                guard !s.value(1, 2).isEmpty, !s.value(1, 3).isEmpty else { continue }
                if counted == nil { counted = try quantity(s.value(1, 2), unit: s.value(1, 3), s, element: 1, component: 2, unitElement: 1, unitComponent: 3) }
            default:
                break
            }
        }
        if item.isEmpty, let gtin, let lin = g.first(where: { $0.tag == "LIN" }), item.classes.isEmpty {
            // A GTIN with no batch names a trade item, not a lot Bollard can track.
            throw error(.missingElement, lin, element: 3, "GTIN \(gtin.value) has no batch number (PIA 7143 NB or GIN BX)")
        }
        item.quantity = net ?? gross ?? counted
        return item
    }

    private func addLot(_ lot: String, gtin: GTIN?, to item: inout GoodsItem, _ s: MappingSegment, element: Int) throws(EDIMappingError) {
        guard let gtin else { throw error(.missingElement, s, element: element, "batch \(lot) needs the item's GTIN (LIN or PIA type SRV)") }
        do { add(try EPC.lgtin(gtin: gtin, lot: lot), to: &item) } catch {
            throw self.error(.invalidIdentifier, s, element: element, component: 1, error.description)
        }
    }

    private func addSerial(_ serial: String, to item: inout GoodsItem, _ s: MappingSegment, element: Int) throws(EDIMappingError) {
        do { add(try GS1Keys.giai(serial), to: &item) } catch {
            throw self.error(.invalidIdentifier, s, element: element, component: 1, error.description)
        }
    }
}
