import BollardCore
import BollardVerify

/// A warehouse receipt: who issued it to whom, the goods and quantities, where they are, its
/// state and encumbrance, its history, and the proofs of the records that made it so.
enum ReceiptPage {
    static func render(_ bundle: ProofBundle, report: VerificationReport, parties: PartyDirectory, sources: SourceDocuments,
                       receipt r: WarehouseReceipt, discrepancies: [Discrepancy], custodyGaps: [CustodyGap]) -> String {
        let view = BundleView(bundle, report: report)
        let parties = parties.adding(namesFrom: view.events)
        let number = r.key.number.value
        var w = HTMLWriter()
        w.raw("<h1>")
        w.text("Warehouse receipt \(number)")
        w.raw("</h1>\n")
        if bundle.subject.kind != "receipt" || bundle.subject.id != r.key.description {
            w.raw("<div class=\"banner bad\" role=\"alert\"><strong>✗ WRONG BUNDLE.</strong> ")
            w.text("The proofs below are about \(bundle.subject.kind) \(bundle.subject.id), not receipt \(r.key).")
            w.raw("</div>\n")
        }
        ProofSection.verdict(view, into: &w)
        if !r.state.isLive {
            w.raw("<div class=\"banner warn\" role=\"alert\"><strong>")
            w.text("This receipt is \(r.state.rawValue.uppercased()).")
            w.raw("</strong> ")
            w.text("Since \(r.closedAt?.text ?? "an unknown time") it no longer represents goods in the warehouse and backs nothing"
                + (r.encumbrance.map { " (it was: \($0))" } ?? "") + ".")
            w.raw("</div>\n")
        }
        Facts.flags(discrepancies: discrepancies, custodyGaps: custodyGaps, into: &w)

        w.raw("<section aria-labelledby=\"facts-h\"><h2 id=\"facts-h\">The receipt</h2>\n<dl class=\"facts\">")
        w.element("dt", "Issuer")
        w.raw("<dd>")
        StepCells.partyName(.gln(r.key.warehouse), parties, into: &w)
        w.raw("</dd>")
        w.element("dt", "Depositor")
        w.raw("<dd>")
        StepCells.partyName(r.depositor, parties, into: &w)
        w.raw("</dd>")
        w.element("dt", "Location")
        w.raw("<dd>")
        if let location = r.storageLocation {
            StepCells.location(location.uri, parties, into: &w)
        } else {
            w.raw("<span class=\"muted\">not stated</span>")
        }
        w.raw("</dd>")
        w.element("dt", "State")
        w.raw("<dd><strong>")
        w.text(r.state.rawValue)
        w.raw("</strong></dd>")
        w.element("dt", r.state == .pledged ? "Pledged to" : "Last encumbrance")
        w.raw("<dd>")
        encumbrance(r.encumbrance, parties, into: &w)
        w.raw("</dd>")
        w.element("dt", "Issued")
        w.element("dd", r.issuedAt.text)
        if let closed = r.closedAt {
            w.element("dt", r.state == .released ? "Released" : "Closed")
            w.element("dd", closed.text)
        }
        w.raw("</dl></section>\n")

        goods(r, into: &w)
        history(r, view, sources, into: &w)

        w.raw("<section aria-labelledby=\"records-h\"><h2 id=\"records-h\">Records and proofs</h2>\n")
        RecordsTable.render(view, id: "records", caption: "The log records that issued, encumbered and closed the receipt",
                            parties: parties, sources: sources, into: &w)
        w.raw("</section>\n")
        ProofSection.checkpointAndAnchors(view, into: &w)
        ProofSection.allChecks(report, into: &w)
        return PageLayout.page(title: "Receipt \(number)", body: w.output)
    }

    static func encumbrance(_ e: Encumbrance?, _ parties: PartyDirectory, into w: inout HTMLWriter) {
        switch e {
        case .token(let symbol)?:
            w.text("exchange token ")
            w.link(PageLayout.viewPrefix + "tokens/", symbol.value, symbol.value)
        case .lender(let lei)?:
            w.text("lender ")
            StepCells.partyName(.lei(lei), parties, into: &w)
        case nil:
            w.raw("<span class=\"muted\">none</span>")
        }
    }

    private static func goods(_ r: WarehouseReceipt, into w: inout HTMLWriter) {
        w.raw("<section aria-labelledby=\"goods-h\"><h2 id=\"goods-h\">Goods</h2>\n<table><caption>")
        w.text("\(r.lines.count) lot\(r.lines.count == 1 ? "" : "s") on the receipt, as received")
        w.raw("</caption><thead><tr>")
        for h in ["Lot", "Quantity received", "Fine content"] { w.element("th", h, attributes: "scope=\"col\"") }
        w.raw("</tr></thead><tbody>")
        var total: Quantity? = r.lines.first.map { Quantity(.zero, $0.quantity.unit) }
        var fineTotal: Quantity? = r.lines.first?.fineQuantity.map { Quantity(.zero, $0.unit) }
        for line in r.lines {
            w.raw("<tr><th scope=\"row\">")
            w.link(PageLayout.viewPrefix + "lots/", Vocabulary.shortName(line.lot.uri), Vocabulary.shortName(line.lot.uri))
            w.raw("</th>")
            w.element("td", line.quantity.description)
            w.element("td", line.fineQuantity?.description ?? "—")
            w.raw("</tr>")
            total = try? total?.adding(line.quantity)
            fineTotal = line.fineQuantity.flatMap { q in try? fineTotal?.adding(q) }
        }
        w.raw("</tbody>")
        if let total {
            w.raw("<tfoot><tr><th scope=\"row\">Total</th>")
            w.element("td", total.description)
            w.element("td", fineTotal?.description ?? "—")
            w.raw("</tr></tfoot>")
        }
        w.raw("</table></section>\n")
    }

    private static func history(_ r: WarehouseReceipt, _ view: BundleView, _ sources: SourceDocuments, into w: inout HTMLWriter) {
        w.raw("<section aria-labelledby=\"history-h\"><h2 id=\"history-h\">History and pledges</h2>\n<table><thead><tr>")
        for h in ["Change", "When", "Source document", "Log entry", "Proof"] { w.element("th", h, attributes: "scope=\"col\"") }
        w.raw("</tr></thead><tbody>")
        for h in r.history {
            w.raw("<tr>")
            w.element("th", label(h.change), attributes: "scope=\"row\"")
            w.element("td", h.time.text)
            w.raw("<td>")
            StepCells.source(h.source, sources, into: &w)
            w.raw("</td>")
            let index = UInt64(max(0, h.sequence - 1))
            w.element("td", String(index))
            w.raw("<td>")
            if let entry = view.entry(logIndex: index) {
                StepCells.proof(entry.proof, into: &w)
            } else {
                w.raw("<span class=\"bad\">✗ not in the bundle</span>")
            }
            w.raw("</td></tr>")
        }
        w.raw("</tbody></table></section>\n")
    }

    static func label(_ change: ReceiptHistoryEntry.Change) -> String {
        switch change {
        case .issued: "issued"
        case .pledged: "pledged to a lender"
        case .bound: "bound to a token"
        case .encumbranceReleased: "encumbrance released"
        case .released: "released (goods delivered out)"
        case .cancelled: "cancelled"
        }
    }
}
