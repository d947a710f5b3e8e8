import BollardCore
import BollardXML

/// One `Goods/Line` of a receipt: the lot and its received quantity, with the commodity's own
/// description checked against that quantity when the line carries one. A receipt whose bar
/// marks disagree with its quantity is the kind of paper the registry exists to stop, so it is
/// refused rather than trusted on either figure.
struct ReceiptGoodsLine {
    var lot: EPC
    var quantity: Quantity
    /// The quantity exactly as written (it becomes the receipt line's text, as in EPCIS).
    var quantityText: String

    init(_ line: XMLElement, _ f: XMLFields) throws(XMLDocumentError) {
        lot = try f.epc(f.child(line, "Lot"))
        let quantityElement = try f.child(line, "Quantity")
        quantity = try f.measure(quantityElement)
        quantityText = f.text(quantityElement)
        if let hs = f.optional(line, "HSCode") {
            let t = f.text(hs)
            _ = try f.convert(hs, rule: "HS code (WCO Harmonized System)") { () throws(IdentifierError) in try HSCode(t) }
        }
        if let bar = f.optional(line, "PreciousMetalBar") {
            try checkBar(bar, f)
        } else if let metal = f.optional(line, "BaseMetalLot") {
            try same(f.child(metal, "NetWeight"), "net weight", f)
        } else if let parcel = f.optional(line, "PetroleumParcel") {
            try same(f.child(parcel, "StandardVolume"), "standard volume", f)
        }
    }

    /// The line's quantity is the commodity's own figure (net weight, standard volume).
    private func same(_ element: XMLElement, _ what: String, _ f: XMLFields) throws(XMLDocumentError) {
        let stated = try f.measure(element)
        guard stated == quantity else {
            throw f.error(.inconsistent, at: element, rule: "receipt quantity is the \(what)",
                          "\(what) \(stated) differs from the line's quantity \(quantity)")
        }
    }

    /// LBMA Good Delivery: a bar is received by gross weight, and its fine weight is gross ×
    /// fineness (parts per thousand), exactly — never a rounded float.
    private func checkBar(_ bar: XMLElement, _ f: XMLFields) throws(XMLDocumentError) {
        let grossElement = try f.child(bar, "GrossWeight")
        try same(grossElement, "gross weight", f)
        guard let fineElement = f.optional(bar, "FineWeight") else { return }
        let finenessElement = try f.child(bar, "Fineness")
        let fineness = try f.decimal(finenessElement)
        let gross = try f.measure(grossElement)
        let stated = try f.measure(fineElement)
        let fine = try f.convert(fineElement, rule: "LBMA fine weight = gross weight × fineness / 1000") {
            () throws(DecimalError) in try (gross.value * fineness).shifted(byPowerOfTen: -3)
        }
        guard stated.unit == gross.unit, stated.value == fine else {
            throw f.error(.inconsistent, at: fineElement, rule: "LBMA fine weight = gross weight × fineness / 1000",
                          "fine weight \(stated) is not \(gross) × \(f.text(finenessElement)) / 1000 = \(fine) \(gross.unit)")
        }
    }
}
