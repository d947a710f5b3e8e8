import BollardCore
import BollardVerify

/// The exchange's question for one token — "is it fully backed right now?" — answered with
/// the receipts bound to it, their quantities reconciled against the supply the exchange states,
/// any shortfall and any discrepancy in a banner that says so in words, and the proofs.
enum TokenPage {
    static func render(_ bundle: ProofBundle, report: VerificationReport, parties: PartyDirectory, sources: SourceDocuments,
                       collateral c: CollateralReport) -> String {
        let view = BundleView(bundle, report: report)
        let parties = parties.adding(namesFrom: view.events)
        let symbol = c.token.symbol.value
        var w = HTMLWriter()
        w.raw("<h1>")
        w.text("Token \(symbol): collateral")
        w.raw("</h1>\n")
        if bundle.subject.kind != "collateral" || bundle.subject.id != symbol {
            w.raw("<div class=\"banner bad\" role=\"alert\"><strong>✗ WRONG BUNDLE.</strong> ")
            w.text("The proofs below are about \(bundle.subject.kind) \(bundle.subject.id), not token \(symbol)'s collateral.")
            w.raw("</div>\n")
        }
        switch c.status {
        case .shortfall(let missing):
            w.raw("<div class=\"banner bad\" role=\"alert\" id=\"shortfall\"><strong>")
            w.text("✗ UNDER-COLLATERALISED: shortfall of \(missing).")
            w.raw("</strong> ")
            w.text("A stated supply of \(c.statedSupply) \(symbol) at \(c.token.unitPerToken) per token requires \(c.required); "
                + "the receipts backing it now hold \(c.collateral).")
            w.raw("</div>\n")
        case .backed(let surplus):
            w.raw("<div class=\"banner ok\" role=\"status\" id=\"backed\"><strong>✓ Fully backed.</strong> ")
            w.text("The receipts backing \(symbol) now hold \(c.collateral), covering the \(c.required) a stated supply of "
                + "\(c.statedSupply) requires (surplus \(surplus)).")
            w.raw("</div>\n")
        }
        if !c.discrepancies.isEmpty || !c.custodyGaps.isEmpty {
            w.raw("<p><strong>")
            w.text("\(c.discrepancies.count + c.custodyGaps.count) flag(s) on the goods backing \(symbol):")
            w.raw("</strong></p>\n")
            Facts.flags(discrepancies: c.discrepancies, custodyGaps: c.custodyGaps, into: &w)
        }
        ProofSection.verdict(view, into: &w)

        w.raw("<section aria-labelledby=\"token-h\"><h2 id=\"token-h\">The token</h2>\n<dl class=\"facts\">")
        w.element("dt", "Issuer")
        w.raw("<dd>")
        StepCells.partyName(c.token.issuer, parties, into: &w)
        w.raw("</dd>")
        for (label, value) in [("One token is", "\(c.token.unitPerToken) (\(basis(c.token.basis)))"),
                               ("Stated supply", "\(c.statedSupply) \(symbol)"), ("Required collateral", c.required.description),
                               ("Collateral now", c.collateral.description)] {
            w.element("dt", label)
            w.element("dd", value)
        }
        w.raw("</dl></section>\n")

        receipts(c, into: &w)

        w.raw("<section aria-labelledby=\"records-h\"><h2 id=\"records-h\">Records and proofs</h2>\n")
        RecordsTable.render(view, id: "records", caption: "The log records that issued, bound and closed the receipts",
                            parties: parties, sources: sources, into: &w)
        w.raw("</section>\n")
        ProofSection.checkpointAndAnchors(view, into: &w)
        ProofSection.allChecks(report, into: &w)
        return PageLayout.page(title: "Token \(symbol)", body: w.output)
    }

    private static func basis(_ b: TokenDefinition.CollateralBasis) -> String {
        switch b {
        case .fineMass: "fine metal content"
        case .mass: "net mass"
        case .standardVolume: "standard volume"
        }
    }

    private static func receipts(_ c: CollateralReport, into w: inout HTMLWriter) {
        w.raw("<section aria-labelledby=\"receipts-h\"><h2 id=\"receipts-h\">Receipts bound</h2>\n<table><caption>")
        let backing = c.receipts.filter(\.backing).count
        w.text("\(c.receipts.count) receipt(s) bound to \(c.token.symbol.value) now or before; \(backing) count towards it now")
        w.raw("</caption><thead><tr>")
        for h in ["Receipt", "State", "Counts now", "Collateral", "Lots", "Confirmed by inventory", "Flags"] {
            w.element("th", h, attributes: "scope=\"col\"")
        }
        w.raw("</tr></thead><tbody>")
        for r in c.receipts {
            w.raw("<tr><th scope=\"row\">")
            w.link(PageLayout.viewPrefix + "receipts/", r.receipt.number.value, r.receipt.number.value)
            w.raw("<br><span class=\"small muted\">")
            w.text("warehouse GLN \(r.receipt.warehouse.value)")
            w.raw("</span></th>")
            w.element("td", r.state.rawValue)
            w.raw(r.backing ? "<td class=\"ok\">yes</td>" : "<td class=\"bad\">NO — not live</td>")
            w.element("td", r.quantity.description)
            w.element("td", r.lots.map { Vocabulary.shortName($0.uri) }.joined(separator: ", "))
            w.element("td", r.confirmedLots.isEmpty ? "—" : r.confirmedLots.map { Vocabulary.shortName($0.uri) }.joined(separator: ", "))
            let flags = r.discrepancies.map { "discrepancy on \(Vocabulary.shortName($0.lot.uri))" }
                + r.custodyGaps.map { "custody gap on \(Vocabulary.shortName($0.lot.uri))" }
            if flags.isEmpty { w.element("td", "none") } else { w.element("td", "⚑ " + flags.joined(separator: "; "), attributes: "class=\"bad\"") }
            w.raw("</tr>")
        }
        w.raw("</tbody><tfoot><tr><th scope=\"row\">Collateral now</th>")
        w.raw("<td colspan=\"2\"></td>")
        w.element("td", c.collateral.description)
        w.raw("<td colspan=\"3\"></td></tr><tr><th scope=\"row\">Required</th><td colspan=\"2\"></td>")
        w.element("td", c.required.description)
        w.raw("<td colspan=\"3\"></td></tr><tr><th scope=\"row\">")
        switch c.status {
        case .shortfall(let q):
            w.raw("Shortfall</th><td colspan=\"2\"></td><td class=\"bad\">")
            w.text("− \(q)")
        case .backed(let q):
            w.raw("Surplus</th><td colspan=\"2\"></td><td class=\"ok\">")
            w.text("+ \(q)")
        }
        w.raw("</td><td colspan=\"3\"></td></tr></tfoot></table></section>\n")
    }
}
