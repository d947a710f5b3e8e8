import BollardCore
import BollardEPCIS

/// X12 warehouse sets (functional groups AR and AW): receipts, shipments, stock adjustments.
extension MessageMapping {
    func x12Warehouse() throws(EDIMappingError) -> GLN {
        guard let (w, _) = try x12GLN(["WH"]) else {
            throw error(.missingSegment, body.first, "N1 WH (the warehouse, N103 UL with its GLN) is required")
        }
        return w
    }

    /// 944 (Warehouse Stock Transfer Receipt Advice): the warehouse's receipt. W1703 is the
    /// warehouse receipt number, N1 WH the warehouse, N1 DE the depositor (GLN with N103 `UL`, or
    /// Bollard party text with `ZZ`), N9 `WS` the storage place (AI 254 extension of the
    /// warehouse GLN); each W07 line one lot with its received quantity (W20 weight, else
    /// W0701/W0702). N9 `WR` names a receipt this one replaces, which is cancelled first.
    func x12TransferReceipt() throws(EDIMappingError) -> [MappedEvent] {
        guard let w17 = first("W17") else { throw error(.missingSegment, nil, "W17 is required") }
        let warehouse = try x12Warehouse()
        let key = ReceiptKey(warehouse: warehouse, number: try receiptNumber(try required(w17, 3, 1, "warehouse receipt number"), w17, element: 3))
        let time = try x12Time(nil, fallback: (w17, 2, 0))
        var out: [MappedEvent] = []
        for (old, s, e) in x12References("WR") {
            let replaced = ReceiptKey(warehouse: warehouse, number: try receiptNumber(old, s, element: e))
            out.append(try command(.closeReceipt(ReceiptClosure(receipt: replaced, kind: .cancel, time: time.time, source: try pointer(segment: s))), from: s))
        }
        guard let depositor = try x12Party("DE") else { throw error(.missingSegment, w17, "N1 DE (the depositor) is required") }
        var place: StorageLocation?
        if let (ws, s, e) = x12References("WS").first {
            do { place = try StorageLocation(uri: warehouse.locationURI + "/254/" + ws) } catch {
                throw self.error(.invalidIdentifier, s, element: e, error.description)
            }
        }
        var lines: [ReceiptLine] = []
        for item in try x12Lines("W07") {
            let lot = try item.single(self)
            guard let q = item.quantity else { throw error(.missingElement, item.segments.first, element: 1, "the line has no received quantity") }
            lines.append(ReceiptLine(lot: lot, quantity: q))
        }
        guard !lines.isEmpty else { throw error(.missingSegment, w17, "a receipt needs at least one line (W07)") }
        let issuance = ReceiptIssuance(receipt: key, depositor: depositor, storageLocation: place, lines: lines, time: time.time, source: try pointer(body))
        out.append(try command(.issueReceipt(issuance), from: w17))
        return out
    }

    /// 945 (Warehouse Shipping Advice): the warehouse shipped. A `shipping` ObjectEvent at the
    /// warehouse (W12 lines: W1203 quantity shipped, W1205 unit, W1207/W1208 and W1217/W1218
    /// product id, W1209 warehouse lot), the advice (W0604 shipment id) as `desadv`, destination
    /// N1 ST; and each receipt cited in N9 `WR` released.
    func x12ShippingAdvice() throws(EDIMappingError) -> [MappedEvent] {
        guard let w06 = first("W06") else { throw error(.missingSegment, nil, "W06 is required") }
        let warehouse = try x12Warehouse()
        let time = try x12Time(nil, fallback: (w06, 3, 0))
        let lines = try x12Lines("W12")
        var out: [MappedEvent] = []
        if !lines.isEmpty {
            out.append(try shipping(lines, site: warehouse, advice: try required(w06, 4, 1, "shipment identification (W0604)"),
                                    destination: try x12GLN(["ST"])?.0, time: time, from: w06))
        }
        out += try x12Releases(warehouse: warehouse, time: time)
        guard !out.isEmpty else { throw error(.missingSegment, w06, "a shipping advice names lines (W12) or receipts (N9 WR)") }
        return out
    }

    /// 940 (Warehouse Shipping Order): the depositor's order to ship against its receipts. The
    /// order surrenders each receipt it cites (N9 `WR`): those are released. Lines alone (W01),
    /// with no receipt cited, order nothing Bollard records: the 945 that follows does.
    func x12ShippingOrder() throws(EDIMappingError) -> [MappedEvent] {
        guard let w05 = first("W05") else { throw error(.missingSegment, nil, "W05 is required") }
        let warehouse = try x12Warehouse()
        let time = try x12Time(nil, fallback: nil)
        let out = try x12Releases(warehouse: warehouse, time: time)
        guard !out.isEmpty else { throw error(.missingSegment, w05, "a shipping order cites the receipts it draws on (N9 WR)") }
        return out
    }

    /// 943 (Warehouse Stock Transfer Shipment Advice): the depositor shipped goods to the
    /// warehouse. A `shipping` ObjectEvent at the ship-from site (N1 SF by GLN) with the W04
    /// lines, destination the warehouse (N1 WH), the advice (W0604 shipment id) as `desadv`. It
    /// states what the warehouse should receive; the 944 that answers it issues the receipt.
    func x12TransferShipment() throws(EDIMappingError) -> [MappedEvent] {
        guard let w06 = first("W06") else { throw error(.missingSegment, nil, "W06 is required") }
        guard let (site, _) = try x12GLN(["SF", "DE"]) else { throw error(.missingSegment, w06, "N1 SF (ship-from, by GLN) is required") }
        let lines = try x12Lines("W04")
        guard !lines.isEmpty else { throw error(.missingSegment, w06, "a shipment advice needs at least one line (W04)") }
        return [try shipping(lines, site: site, advice: try required(w06, 4, 1, "shipment identification (W0604)"),
                             destination: try x12GLN(["WH"])?.0, time: try x12Time(nil, fallback: (w06, 3, 0)), from: w06)]
    }

    /// 947 (Warehouse Inventory Adjustment Advice): the warehouse's stock statement. Each W19 line
    /// (W1902 quantity, W1903 unit, W1905–W1908 and W1917/W1918 product id, W1909 warehouse lot)
    /// is a counted lot; together they are the inventory report reconciled against live receipts.
    func x12InventoryAdjustment() throws(EDIMappingError) -> [MappedEvent] {
        guard let w15 = first("W15") else { throw error(.missingSegment, nil, "W15 is required") }
        let warehouse = try x12Warehouse()
        var lines: [InventoryReport.Line] = []
        for item in try x12Lines("W19") { lines.append(InventoryReport.Line(lot: try item.single(self), quantity: item.quantity)) }
        guard !lines.isEmpty else { throw error(.missingSegment, w15, "an inventory advice needs at least one line (W19)") }
        let time = try x12Time(nil, fallback: (w15, 1, 0))
        return [try command(.reportInventory(InventoryReport(warehouse: warehouse, lines: lines, time: time.time, source: try pointer(body))), from: w15)]
    }
}
