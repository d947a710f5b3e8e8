import BollardCore

/// Definition lists and banners for the goods and the flags the engine raised.
enum Facts {
    /// `<dl class="facts">` of label/value pairs; values are text.
    static func list(_ pairs: [(String, String)], into w: inout HTMLWriter) {
        w.raw("<dl class=\"facts\">")
        for (label, value) in pairs {
            w.element("dt", label)
            w.element("dd", value)
        }
        w.raw("</dl>\n")
    }

    /// The commodity as its commissioning ILMD describes it (LBMA bar fields, a base-metal lot,
    /// a petroleum parcel).
    static func commodity(_ ilmd: ILMD, parties: PartyDirectory) -> [(String, String)] {
        var out: [(String, String)] = []
        switch ilmd.commodity {
        case .preciousMetalBar(let bar)?:
            out.append(("Metal", bar.metal == .gold ? "gold (XAU)" : bar.metal == .silver ? "silver (XAG)" : bar.metal.rawValue))
            out.append(("Refiner", bar.refiner + (bar.refinerID.map { " (\(Vocabulary.party($0, in: parties).scheme) \(Vocabulary.party($0, in: parties).value))" } ?? "")))
            out.append(("Serial number", bar.serialNumber))
            out.append(("Year of manufacture", String(bar.yearOfManufacture)))
            out.append(("Gross weight", bar.grossWeight.description))
            out.append(("Fineness", "\(bar.fineness) ‰"))
            if let fine = try? bar.fineWeight { out.append(("Fine weight", fine.description)) }
        case .baseMetalLot(let lot)?:
            out.append(("Metal", "\(lot.metal.rawValue), grade \(lot.grade)"))
            out.append(("Brand", lot.brand))
            out.append(("Lot number", lot.lotNumber))
            out.append(("Bundles", String(lot.bundles)))
            out.append(("Net weight", lot.netWeight.description))
        case .petroleumParcel(let p)?:
            out.append(("Parcel", p.parcelID))
            out.append(("Grade", p.grade))
            out.append(("Standard volume", "\(p.standardVolume) at \(p.standardTemperatureFahrenheit) °F"))
            out.append(("API gravity", "\(p.apiGravity)°"))
            if let tank = p.tank { out.append(("Tank", tank.extensionComponent ?? tank.uri)) }
        case nil:
            break
        }
        if let hs = ilmd.hsCode { out.append(("HS code", hs.value)) }
        return out
    }

    /// Discrepancies and custody gaps as banners: said in words, never by colour alone
    /// (DESIGN.md rules 3 and 5: accepted, flagged, never hidden).
    static func flags(discrepancies: [Discrepancy], custodyGaps: [CustodyGap], into w: inout HTMLWriter) {
        for d in discrepancies {
            w.raw("<div class=\"banner warn\" role=\"alert\"><strong>⚑ DISCREPANCY.</strong> ")
            let deviation = d.deviationPercent.map { "\($0)%" } ?? "not comparable"
            w.text("\(Vocabulary.shortName(d.lot.uri)): received \(d.received), manifest \(d.expected) "
                + "(deviation \(deviation), tolerance \(d.tolerancePercent)%)"
                + (d.receipt.map { ", on receipt \($0.number.value)" } ?? "") + ", recorded \(d.time.text).")
            w.raw("</div>\n")
        }
        for g in custodyGaps {
            w.raw("<div class=\"banner warn\" role=\"alert\"><strong>⚑ CUSTODY GAP.</strong> ")
            w.text("\(Vocabulary.shortName(g.lot.uri)) was received"
                + (g.receivedAt.map { " at \($0)" } ?? "") + " with no prior arrival, manifest or container event"
                + (g.receipt.map { " (receipt \($0.number.value))" } ?? "") + ", \(g.time.text).")
            w.raw("</div>\n")
        }
    }
}
