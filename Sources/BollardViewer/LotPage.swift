import BollardCore
import BollardVerify

/// A lot's chain of custody, from the refiner to the vault: every event of the lot and of the
/// containers that held it (the lot bundle of `bollard lot`), each step with its proof.
enum LotPage {
    static func render(_ bundle: ProofBundle, report: VerificationReport, parties: PartyDirectory, sources: SourceDocuments,
                       provenance: LotProvenance?) -> String {
        let view = BundleView(bundle, report: report)
        let parties = parties.adding(namesFrom: view.events)
        let name = Vocabulary.shortName(bundle.subject.id)
        var w = HTMLWriter()
        w.raw("<h1>")
        w.text("Lot \(name)")
        w.raw("</h1>\n<p>")
        if bundle.subject.kind != "lot" {
            w.raw("<span class=\"bad\">")
            w.text("This bundle is about a \(bundle.subject.kind), not a lot. ")
            w.raw("</span>")
        }
        w.raw("Chain of custody of <code>")
        w.text(bundle.subject.id)
        w.raw("</code></p>\n")
        ProofSection.verdict(view, into: &w)
        if let provenance {
            Facts.flags(discrepancies: provenance.discrepancies, custodyGaps: provenance.custodyGaps, into: &w)
        }

        let described = view.events.first { event in
            event.ilmd?.commodity != nil && event.allObjects.contains { $0.uri == bundle.subject.id }
        }
        if let ilmd = described?.ilmd {
            let facts = Facts.commodity(ilmd, parties: parties)
            if !facts.isEmpty {
                w.raw("<section aria-labelledby=\"goods-h\"><h2 id=\"goods-h\">The goods</h2>\n")
                Facts.list(facts, into: &w)
                w.raw("</section>\n")
            }
        }

        w.raw("<section aria-labelledby=\"timeline-h\"><h2 id=\"timeline-h\">Timeline</h2>\n")
        RecordsTable.render(view, id: "timeline",
                            caption: "Chain of custody: \(view.entries.count) step\(view.entries.count == 1 ? "" : "s"), oldest first",
                            parties: parties, sources: sources, into: &w)
        w.raw("</section>\n")

        if let provenance, !provenance.receipts.isEmpty {
            w.raw("<section aria-labelledby=\"receipts-h\"><h2 id=\"receipts-h\">Warehouse receipts</h2>\n<ul>")
            for r in provenance.receipts {
                w.raw("<li>")
                w.link(PageLayout.viewPrefix + "receipts/", r.key.number.value, r.key.number.value)
                w.text(" — \(r.state.rawValue)" + (r.encumbrance.map { ", \($0)" } ?? ""))
                w.raw("</li>")
            }
            w.raw("</ul></section>\n")
        }
        ProofSection.checkpointAndAnchors(view, into: &w)
        ProofSection.allChecks(report, into: &w)
        return PageLayout.page(title: "Lot \(name)", body: w.output)
    }
}
