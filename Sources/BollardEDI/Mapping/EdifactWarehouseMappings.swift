import BollardCore
import BollardEPCIS

/// Warehouse messages: receipts issued, goods despatched, stock counted. They become the same
/// commands an EPCIS document carries with Bollard's vocabulary (`BollardCommandVocabulary`).
extension MessageMapping {
    /// The warehouse writing: NAD `WH` (warehouse keeper) identified by GLN.
    func edifactWarehouse(required: Bool) throws(EDIMappingError) -> GLN? {
        guard let nad = first("NAD", where: { $0.value(1) == "WH" }) else {
            if required { throw error(.missingSegment, first("BGM"), "NAD WH (the warehouse keeper, by GLN) is required") }
            return nil
        }
        guard nad.value(2, 3) == "9" else { throw error(.invalidIdentifier, nad, element: 2, component: 3, "the warehouse is identified by GLN (code list agency 9)") }
        return try gln(try self.required(nad, 2, 1, "warehouse GLN"), nad, element: 2, component: 1)
    }

    /// Line items (SG LIN, closed by CNT or UNT), each one lot with its quantity.
    func edifactLines(_ quantityQualifiers: [String]) throws(EDIMappingError) -> [(EPC, Quantity?, GoodsItem)] {
        var out: [(EPC, Quantity?, GoodsItem)] = []
        for g in groups("LIN", closedBy: ["CNT", "UNT"]) {
            let item = try edifactGoods(g, quantityQualifiers: quantityQualifiers)
            out.append((try item.single(self), item.quantity, item))
        }
        return out
    }

    /// RECADV: the warehouse's receiving advice is its warehouse receipt. The receipt number is
    /// the advice's own number (BGM C106 1004); NAD WH is the warehouse, NAD SU the depositor
    /// (GLN, or Bollard party text under code list agency ZZZ); LOC with a GLN and C519 names the
    /// storage place; each line (SG LIN) is one lot with its received quantity (MEA weight, else
    /// QTY 48). BGM 1225 says what the advice does to receipts:
    /// 9 original → issue; 5 replace → cancel the receipt RFF ACW names, then issue;
    /// 1 cancellation → cancel this receipt.
    func edifactReceivingAdvice() throws(EDIMappingError) -> [MappedEvent] {
        guard let bgm = first("BGM") else { throw error(.missingSegment, nil, "BGM is required") }
        guard let warehouse = try edifactWarehouse(required: true) else { return [] }
        let number = try receiptNumber(try required(bgm, 2, 1, "receipt number (BGM 1004)"), bgm, element: 2, component: 1)
        let key = ReceiptKey(warehouse: warehouse, number: number)
        let time = try edifactTime(nil, ["50", "137"])
        let function = bgm.value(3).isEmpty ? "9" : bgm.value(3)
        var out: [MappedEvent] = []
        switch function {
        case "1":
            return [try command(.closeReceipt(ReceiptClosure(receipt: key, kind: .cancel, time: time.time, source: try pointer(body))), from: bgm)]
        case "5":
            guard let (previous, rff) = edifactReferences("ACW", in: nil).first else {
                throw error(.missingSegment, bgm, element: 3, "a replacing receipt names the receipt it replaces (RFF ACW)")
            }
            let old = ReceiptKey(warehouse: warehouse, number: try receiptNumber(previous, rff, element: 1, component: 2))
            out.append(try command(.closeReceipt(ReceiptClosure(receipt: old, kind: .cancel, time: time.time, source: try pointer(segment: rff))), from: rff))
        case "9":
            break
        default:
            throw error(.unsupportedCode, bgm, element: 3, "message function \(function) is not 9 (original), 5 (replace) or 1 (cancellation)")
        }
        guard let (depositor, _) = try edifactParty("SU") else {
            throw error(.missingSegment, bgm, "NAD SU (the depositor) is required")
        }
        var place: StorageLocation?
        if let loc = try edifactLocation(nil) {
            do { place = try StorageLocation(uri: loc.id) } catch {
                throw self.error(.invalidIdentifier, first("LOC"), element: 3, error.description)
            }
        }
        let lines = try edifactLines(["48"])
        guard !lines.isEmpty else { throw error(.missingSegment, bgm, "a receipt needs at least one line (SG LIN)") }
        var receiptLines: [ReceiptLine] = []
        for (lot, quantity, item) in lines {
            guard let quantity else {
                throw error(.missingSegment, item.segments.first, "line \(item.segments.first?.value(1) ?? "") has no received quantity (MEA or QTY 48)")
            }
            receiptLines.append(ReceiptLine(lot: lot, quantity: quantity))
        }
        let issuance = ReceiptIssuance(receipt: key, depositor: depositor, storageLocation: place, lines: receiptLines,
                                       time: time.time, source: try pointer(body))
        out.append(try command(.issueReceipt(issuance), from: bgm))
        return out
    }

    /// DESADV: goods leave. One ObjectEvent OBSERVE, bizStep `shipping`, disposition `in_transit`,
    /// at the ship-from site (NAD SF, or LOC by GLN), with the despatch advice as a CBV `desadv`
    /// transaction `urn:epcglobal:cbv:bt:{ship-from GLN}:{BGM 1004}`; lines (SG LIN) with QTY 12
    /// (despatched) or MEA. Each warehouse receipt the advice cites (RFF ALO, the receiving
    /// advice that issued it) is released: the goods it stood for are gone.
    func edifactDespatchAdvice() throws(EDIMappingError) -> [MappedEvent] {
        guard let bgm = first("BGM") else { throw error(.missingSegment, nil, "BGM is required") }
        let time = try edifactTime(nil, ["11", "137"])
        var objects: [EPC] = []
        var quantities: [QuantityElement] = []
        for (lot, q, _) in try edifactLines(["12"]) {
            if GS1Keys.isClass(lot) {
                quantities.append(QuantityElement(epcClass: lot, quantity: q?.value, uom: q?.unit))
            } else {
                objects.append(lot)
            }
        }
        var from = try edifactParty("SF")
        if from == nil { from = try edifactParty("WH") }
        guard let (shipper, nad) = from, case .gln(let site) = shipper else {
            throw error(.missingSegment, bgm, "NAD SF (ship-from, by GLN) is required")
        }
        let number = try required(bgm, 2, 1, "despatch advice number")
        var transactions = [BizTransaction(type: .despatchAdvice, bizTransaction: BollardCommandVocabulary.receiptTransactionPrefix + site.value + ":" + number)]
        transactions += try edifactBillsOfLading(nil)
        let location = try edifactLocation(header(before: ["LIN"])) ?? EPCISLocation(id: site.locationURI)
        let e = observation(objects, quantities: quantities, step: .shipping, disposition: .inTransit, location: nil,
                            transactions: transactions, time: time, source: try pointer(body))
        var shipped = e
        shipped.bizLocation = location
        var out = [try capture(shipped, from: nad)]
        let warehouse = try edifactWarehouse(required: false) ?? site
        for (receipt, rff) in edifactReferences("ALO", in: nil) {
            let key = ReceiptKey(warehouse: warehouse, number: try receiptNumber(receipt, rff, element: 1, component: 2))
            out.append(try command(.closeReceipt(ReceiptClosure(receipt: key, kind: .release, time: time.time, source: try pointer(segment: rff))), from: rff))
        }
        return out
    }

    /// INVRPT: the warehouse's stock count is its inventory report. The warehouse is NAD WH (or
    /// the LOC GLN); each line (SG LIN) is a lot with its counted quantity (QTY 145 actual stock,
    /// or MEA). Becomes the stock_taking report `CommandInterpreter` reconciles against live
    /// receipts (DESIGN.md rule 3).
    func edifactInventoryReport() throws(EDIMappingError) -> [MappedEvent] {
        guard let bgm = first("BGM") else { throw error(.missingSegment, nil, "BGM is required") }
        var warehouse = try edifactWarehouse(required: false)
        if warehouse == nil, let loc = try edifactLocation(header(before: ["LIN"])) {
            warehouse = try? StorageLocation(uri: loc.id).site
        }
        guard let warehouse else { throw error(.missingSegment, bgm, "NAD WH or LOC (the counting warehouse, by GLN) is required") }
        let lines = try edifactLines(["145", "156"]).map { InventoryReport.Line(lot: $0.0, quantity: $0.1) }
        guard !lines.isEmpty else { throw error(.missingSegment, bgm, "an inventory report needs at least one line (SG LIN)") }
        let report = InventoryReport(warehouse: warehouse, lines: lines, time: try edifactTime(nil, ["366", "137"]).time, source: try pointer(body))
        return [try command(.reportInventory(report), from: bgm)]
    }
}
