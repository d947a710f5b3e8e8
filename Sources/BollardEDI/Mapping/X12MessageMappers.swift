import BollardCore
import BollardEPCIS

/// The X12 transaction sets Bollard maps (ST01), in their 004010 and 005010 forms.
/// integrations/edi/MAPPING.md lists every segment and element read and the event field it becomes.
enum X12MessageMappers {
    static let table: [String: MessageMapper] = [
        "309": { m throws(EDIMappingError) in try m.x12CustomsManifest() },
        "310": { m throws(EDIMappingError) in try m.x12FreightReceipt() },
        "315": { m throws(EDIMappingError) in try m.x12OceanStatus() },
        "214": { m throws(EDIMappingError) in try m.x12ShipmentStatus() },
        "856": { m throws(EDIMappingError) in try m.x12ShipNotice() },
        "940": { m throws(EDIMappingError) in try m.x12ShippingOrder() },
        "943": { m throws(EDIMappingError) in try m.x12TransferShipment() },
        "944": { m throws(EDIMappingError) in try m.x12TransferReceipt() },
        "945": { m throws(EDIMappingError) in try m.x12ShippingAdvice() },
        "947": { m throws(EDIMappingError) in try m.x12InventoryAdjustment() },
    ]
}

/// Shared X12 readings.
extension MessageMapping {
    /// N1 of one of `qualifiers` identified by GLN (N103 `UL`, UCC/EAN location code) → its GLN.
    func x12GLN(_ qualifiers: [String], in slice: ArraySlice<MappingSegment>? = nil) throws(EDIMappingError) -> (GLN, MappingSegment)? {
        for q in qualifiers {
            if let n1 = first("N1", in: slice, where: { $0.value(1) == q && $0.value(3) == "UL" && !$0.value(4).isEmpty }) {
                return (try gln(n1.value(4), n1, element: 4), n1)
            }
        }
        return nil
    }

    /// N1 of `qualifier` as a party: GLN (N103 `UL`) or Bollard party text (N103 `ZZ`).
    func x12Party(_ qualifier: String) throws(EDIMappingError) -> PartyID? {
        guard let n1 = first("N1", where: { $0.value(1) == qualifier && !$0.value(4).isEmpty }) else { return nil }
        return try party(n1.value(4), gs1: n1.value(3) == "UL", n1, element: 4)
    }

    /// References of `qualifier`: N9 (N901/N902), L11 (L1102/L1101), REF (REF01/REF02).
    func x12References(_ qualifier: String, in slice: ArraySlice<MappingSegment>? = nil) -> [(String, MappingSegment, Int)] {
        var out: [(String, MappingSegment, Int)] = []
        for s in slice ?? body {
            switch s.tag {
            case "N9" where s.value(1) == qualifier && !s.value(2).isEmpty: out.append((s.value(2), s, 2))
            case "REF" where s.value(1) == qualifier && !s.value(2).isEmpty: out.append((s.value(2), s, 2))
            case "L11" where s.value(2) == qualifier && !s.value(1).isEmpty: out.append((s.value(1), s, 1))
            default: break
            }
        }
        return out
    }

    func x12BillsOfLading(_ slice: ArraySlice<MappingSegment>? = nil) throws(EDIMappingError) -> [BizTransaction] {
        var out: [BizTransaction] = []
        for (b, s, e) in x12References("BM", in: slice) {
            let t = try billOfLading(b, s, element: e)
            if !out.contains(t) { out.append(t) }
        }
        return out
    }

    /// The event time: DTM (DTM02 date, DTM03 time, DTM04 time code) or G62 (G6202 date, G6204
    /// time, G6205 time code) in `slice`, else in the whole transaction set.
    func x12Time(_ slice: ArraySlice<MappingSegment>?, fallback: (MappingSegment, Int, Int)? = nil) throws(EDIMappingError) -> MappedTime {
        for part in [slice, body] {
            if let dtm = first("DTM", in: part, where: { !$0.value(2).isEmpty }) {
                return try x12Time(date: dtm.value(2), time: dtm.value(3), code: dtm.value(4), dtm, element: 2)
            }
            if let g62 = first("G62", in: part, where: { !$0.value(2).isEmpty }) {
                return try x12Time(date: g62.value(2), time: g62.value(4), code: g62.value(5), g62, element: 2)
            }
        }
        if let (s, d, t) = fallback, !s.value(d).isEmpty {
            return try x12Time(date: s.value(d), time: t > 0 ? s.value(t) : "", s, element: d)
        }
        throw error(.missingSegment, slice?.first, "a DTM or G62 gives the event time")
    }

    /// Marks and numbers (MAN02, and MAN05 when MAN04 qualifies a second mark).
    func x12Marks(_ slice: ArraySlice<MappingSegment>, gtin: GTIN? = nil, into item: inout GoodsItem) throws(EDIMappingError) {
        for s in slice where s.tag == "MAN" {
            try addMark(s.value(2), gtin: gtin, to: &item, s, element: 2, component: nil)
            try addMark(s.value(5), gtin: gtin, to: &item, s, element: 5, component: nil)
        }
    }

    /// One line item of a warehouse transaction set: the line segment (`W07`, `W12`, `W19`, `W04`,
    /// `W01`, `LIN`) with the N9/W20/MAN segments that follow it. Product identification comes in
    /// qualifier/value pairs (X12 element 235: `UK`/`EN`/`UP` GTIN, `LT` lot, `SN` serial = GIAI),
    /// a warehouse lot number element (451), N9 `LT`/`SE`, and GS1 marks in MAN; the quantity is
    /// the W20 weight (W2004, unit W2006 per element 188) or the line's own quantity and unit.
    ///
    /// Positions are those of the X12 004010 segment dictionary (the same in 005010), 235/234
    /// being the product/service ID qualifier and ID:
    /// - W07: 01 quantity received, 02 unit (355), 235/234 at 04/05, 06/07, 10/11, 08 lot (451).
    /// - W12: 03 units shipped (382), 05 unit, 235/234 at 07/08 and 17/18, 09 lot (451).
    /// - W19: 02 credit/debit quantity, 03 unit, 235/234 at 05/06, 07/08, 17/18, 09 lot (451);
    ///   16 is the inventory transaction type (529), not a qualifier.
    /// - W04: 01 units shipped (382), 02 unit, 235/234 at 04/05, 06/07, 14/15; no lot element
    ///   (08 is the freight class, 59).
    /// - W01: 01 quantity ordered, 02 unit, 235/234 at 04/05, 06/07, 15/16, 13 lot (451); 08 is the
    ///   freight class (59).
    struct X12LineLayout {
        let quantity: Int
        let unit: Int
        let pairs: [(Int, Int)]
        let lot: Int?
        /// A status element and the code under which the last pair names the item originally
        /// ordered rather than the one on the line: W1201 `IS` (item substituted) makes
        /// W1216–W1218 the ordered item (004010 W12 semantic note), so that pair is not read.
        var substitution: (element: Int, code: String)? = nil
    }

    static let x12LineLayouts: [String: X12LineLayout] = [
        "W07": X12LineLayout(quantity: 1, unit: 2, pairs: [(4, 5), (6, 7), (10, 11)], lot: 8),
        "W12": X12LineLayout(quantity: 3, unit: 5, pairs: [(7, 8), (17, 18)], lot: 9, substitution: (1, "IS")),
        "W19": X12LineLayout(quantity: 2, unit: 3, pairs: [(5, 6), (7, 8), (17, 18)], lot: 9),
        "W04": X12LineLayout(quantity: 1, unit: 2, pairs: [(4, 5), (6, 7), (14, 15)], lot: nil),
        "W01": X12LineLayout(quantity: 1, unit: 2, pairs: [(4, 5), (6, 7), (15, 16)], lot: 13),
        "LIN": X12LineLayout(quantity: 0, unit: 0, pairs: [(2, 3), (4, 5), (6, 7), (8, 9), (10, 11)], lot: nil),
    ]

    func x12Lines(_ tag: String) throws(EDIMappingError) -> [GoodsItem] {
        guard let layout = Self.x12LineLayouts[tag] else { return [] }
        var out: [GoodsItem] = []
        for g in groups(tag, closedBy: ["LX", "W76", "W14", "W03", "W10", "CTT", "HL", "SE"]) {
            guard let line = g.first else { continue }
            var item = GoodsItem(segments: g)
            var gtin: GTIN?
            var lots: [(String, MappingSegment, Int)] = []
            var serials: [(String, MappingSegment, Int)] = []
            var pairs = layout.pairs
            if let sub = layout.substitution, line.value(sub.element) == sub.code { pairs.removeLast() }
            for (q, v) in pairs where !line.value(v).isEmpty {
                switch line.value(q) {
                case "UK", "EN", "UP", "UA":
                    do { gtin = try GS1Keys.gtin(line.value(v)) } catch { throw self.error(.invalidIdentifier, line, element: v, error.description) }
                case "LT": lots.append((line.value(v), line, v))
                case "SN": serials.append((line.value(v), line, v))
                default: break
                }
            }
            if let l = layout.lot, !line.value(l).isEmpty { lots.append((line.value(l), line, l)) }
            lots += x12References("LT", in: g)
            serials += x12References("SE", in: g)
            for (lot, s, e) in lots {
                guard let gtin else { throw error(.missingElement, s, element: e, "lot \(lot) needs the item's GTIN (qualifier UK, EN or UP)") }
                do { add(try EPC.lgtin(gtin: gtin, lot: lot), to: &item) } catch { throw self.error(.invalidIdentifier, s, element: e, error.description) }
            }
            for (serial, s, e) in serials {
                do { add(try GS1Keys.giai(serial), to: &item) } catch { throw self.error(.invalidIdentifier, s, element: e, error.description) }
            }
            try x12Marks(g, gtin: gtin, into: &item)
            if let w20 = g.first(where: { $0.tag == "W20" && !$0.value(4).isEmpty }) {
                item.quantity = try quantity(w20.value(4), unit: w20.value(6), w20, element: 4, component: nil, unitElement: 6, unitComponent: nil)
            } else if tag == "LIN", let sn1 = g.first(where: { $0.tag == "SN1" && !$0.value(2).isEmpty }) {
                item.quantity = try quantity(sn1.value(2), unit: sn1.value(3), sn1, element: 2, component: nil, unitElement: 3, unitComponent: nil)
            } else if layout.quantity > 0, !line.value(layout.quantity).isEmpty {
                item.quantity = try quantity(line.value(layout.quantity), unit: line.value(layout.unit), line, element: layout.quantity,
                                             component: nil, unitElement: layout.unit, unitComponent: nil)
            }
            out.append(item)
        }
        return out
    }

    /// Shipping: ObjectEvent OBSERVE `shipping` / `in_transit` of the lines' lots at `site`.
    func shipping(_ lines: [GoodsItem], site: GLN, advice: String, destination: GLN?, time: MappedTime,
                  from s: MappingSegment) throws(EDIMappingError) -> MappedEvent {
        var e = event(.objectEvent, .observe, at: time, source: try pointer(body))
        for item in lines {
            let lot = try item.single(self)
            if GS1Keys.isClass(lot) {
                e.quantityList.append(QuantityElement(epcClass: lot, quantity: item.quantity?.value, uom: item.quantity?.unit))
            } else {
                e.epcList.append(lot)
            }
        }
        e.bizStep = .shipping
        e.disposition = .inTransit
        e.bizLocation = EPCISLocation(id: site.locationURI)
        let bols = try x12BillsOfLading()
        e.bizTransactionList = [BizTransaction(type: .despatchAdvice, bizTransaction: BollardCommandVocabulary.receiptTransactionPrefix + site.value + ":" + advice)] + bols
        if let destination { e.destinationList = [SourceDestination(type: .location, value: destination.locationURI)] }
        return try capture(e, from: s)
    }

    /// Releases of the warehouse receipts the set cites (N9 `WR`: the W1703 number of the 944
    /// that issued them).
    func x12Releases(warehouse: GLN, time: MappedTime) throws(EDIMappingError) -> [MappedEvent] {
        var out: [MappedEvent] = []
        for (n, s, e) in x12References("WR") {
            let key = ReceiptKey(warehouse: warehouse, number: try receiptNumber(n, s, element: e))
            out.append(try command(.closeReceipt(ReceiptClosure(receipt: key, kind: .release, time: time.time, source: try pointer(segment: s))), from: s))
        }
        return out
    }
}
