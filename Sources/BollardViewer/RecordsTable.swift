/// The bundle's records in log order, one row a step: what happened, who (the authenticated
/// submitter), where, when, from which source document, its GS1 event hash, ✓/✗ from the
/// verifier, and the anchor of the checkpoint that covers it.
enum RecordsTable {
    static func render(_ view: BundleView, id: String, caption: String, parties: PartyDirectory, sources: SourceDocuments,
                       into w: inout HTMLWriter) {
        w.raw("<table id=\"\(id)\"><caption>")
        w.text(caption)
        w.raw("</caption><thead><tr>")
        for h in ["Step", "Who", "Where", "When", "Source document", "GS1 event hash", "Proof", "Anchor"] {
            w.element("th", h, attributes: "scope=\"col\"")
        }
        w.raw("</tr></thead><tbody>\n")
        for (n, entry) in view.entries.enumerated() {
            w.raw("<tr id=\"\(id)-\(n + 1)\">")
            w.raw("<th scope=\"row\">")
            w.text("\(n + 1). ")
            if let event = entry.event {
                StepCells.what(event, into: &w)
            } else {
                w.raw("<span class=\"bad\">unreadable record</span>")
            }
            w.raw("<br><span class=\"small muted\">")
            w.text("log entry \(entry.item.index)")
            w.raw("</span></th>")
            if let event = entry.event {
                w.raw("<td>")
                StepCells.who(entry.submitter, parties, into: &w)
                w.raw("</td><td>")
                StepCells.place(event, parties, into: &w)
                w.raw("</td><td>")
                StepCells.when(event, into: &w)
                w.raw("</td><td>")
                StepCells.source(event.sourcePointer, sources, into: &w)
                w.raw("</td>")
            } else {
                w.raw("<td colspan=\"4\" class=\"bad\">")
                w.text(entry.readError ?? "the record cannot be read")
                w.raw("</td>")
            }
            w.raw("<td>")
            StepCells.eventHash(entry.item, into: &w)
            w.raw("</td><td>")
            StepCells.proof(entry.proof, into: &w)
            w.raw("</td><td>")
            ProofSection.anchorCell(view, into: &w)
            w.raw("</td></tr>\n")
        }
        w.raw("</tbody></table>\n")
    }
}
