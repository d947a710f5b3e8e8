import BollardCore
import BollardVerify

/// The cells of one custody step: who, where, when, what, the source document, the GS1 event
/// hash, the proof status and the anchor. Shared by the lot timeline and the record tables of
/// the receipt and token pages.
enum StepCells {
    static func who(_ party: PartyID?, _ parties: PartyDirectory, into w: inout HTMLWriter) {
        guard let party else {
            w.raw("<span class=\"bad\">no submitter in the record</span>")
            return
        }
        partyName(party, parties, into: &w)
    }

    /// `Name` and, on a second line, `GLN 8801234000048` — or the identifier alone when the
    /// directory does not know the party.
    static func partyName(_ party: PartyID, _ parties: PartyDirectory, into w: inout HTMLWriter) {
        let p = Vocabulary.party(party, in: parties)
        if let name = p.name {
            w.text(name)
            w.raw("<br><span class=\"small muted\">")
            w.text("\(p.scheme) \(p.value)")
            w.raw("</span>")
        } else {
            w.text("\(p.scheme) \(p.value)")
            w.raw(" <span class=\"small muted\">(not in the party directory)</span>")
        }
    }

    static func location(_ id: String, _ parties: PartyDirectory, into w: inout HTMLWriter) {
        guard let location = try? StorageLocation(uri: id) else {
            w.raw("<code>")
            w.text(id)
            w.raw("</code>")
            return
        }
        if let site = parties.site(of: location) { w.text(site.name) } else { w.text("site") }
        if let sub = location.extensionComponent {
            w.text(" · \(sub)")
        }
        w.raw("<br><span class=\"small muted\">")
        w.text("GLN \(location.site.value)")
        w.raw("</span>")
    }

    static func place(_ event: EPCISEvent, _ parties: PartyDirectory, into w: inout HTMLWriter) {
        guard let id = event.bizLocation?.id ?? event.readPoint?.id else {
            w.raw("<span class=\"muted\">not stated</span>")
            return
        }
        location(id, parties, into: &w)
        if let read = event.readPoint?.id, let biz = event.bizLocation?.id, read != biz {
            w.raw("<br><span class=\"small muted\">read at ")
            w.text(Vocabulary.shortName(read))
            w.raw("</span>")
        }
    }

    /// The event time exactly as the source wrote it (its offset included) and the event's
    /// stated time zone offset (EPCIS 2.0 §7.4.1: the local offset where the event happened).
    static func when(_ event: EPCISEvent, into w: inout HTMLWriter) {
        w.raw("<time datetime=\"\(HTML.escape(event.eventTime.text))\">")
        w.text(event.eventTime.text.replacingOccurrences(of: "T", with: " "))
        w.raw("</time><br><span class=\"small muted\">")
        w.text("time zone \(event.eventTimeZoneOffset)")
        w.raw("</span>")
    }

    static func what(_ event: EPCISEvent, into w: inout HTMLWriter) {
        w.raw("<strong>")
        w.text(event.bizStep.map { Vocabulary.term($0.uri) } ?? event.type.rawValue)
        w.raw("</strong><br><span class=\"small\">")
        var facts: [String] = [event.type.rawValue + (event.action.map { " \($0.rawValue)" } ?? "")]
        if let d = event.disposition { facts.append("disposition \(Vocabulary.term(d.uri))") }
        if let parent = event.parentID {
            facts.append("\(event.action == .delete ? "out of" : "into") \(Vocabulary.shortName(parent.uri))")
        }
        let objects = event.epcList + event.childEPCs
        if !objects.isEmpty { facts.append(count(objects.count, "object") + ": " + names(objects)) }
        if !event.inputEPCList.isEmpty || !event.inputQuantityList.isEmpty {
            facts.append("from " + names(event.inputEPCList + event.inputQuantityList.map(\.epcClass)))
        }
        if !event.outputEPCList.isEmpty || !event.outputQuantityList.isEmpty {
            facts.append("to " + names(event.outputEPCList + event.outputQuantityList.map(\.epcClass)))
        }
        for q in event.quantityList + event.childQuantityList {
            facts.append(Vocabulary.shortName(q.epcClass.uri) + (q.asQuantity.map { " \($0)" } ?? ""))
        }
        facts += event.bizTransactionList.map(Vocabulary.transaction)
        for e in event.extensions where e.value != nil && e.children.isEmpty {
            facts.append("\(e.name) \(e.value ?? "")")
        }
        w.text(facts.joined(separator: " · "))
        w.raw("</span>")
    }

    static func source(_ pointer: SourcePointer, _ sources: SourceDocuments, into w: inout HTMLWriter) {
        let known = sources[pointer.documentSHA256]
        w.text(known?.format ?? Vocabulary.syntax(pointer.position))
        if let name = known?.fileName {
            w.text(" · ")
            w.raw("<span class=\"mono\">")
            w.text(name)
            w.raw("</span>")
        }
        w.raw("<br><span class=\"small\">")
        w.text(Vocabulary.position(pointer.position))
        w.raw("</span><br><code title=\"document SHA-256\">")
        w.text("sha256:" + pointer.documentSHA256)
        w.raw("</code>")
    }

    static func eventHash(_ item: ProofBundle.Item, into w: inout HTMLWriter) {
        guard let hash = item.eventHash else {
            w.raw("<span class=\"muted\">none (not an event)</span>")
            return
        }
        w.raw("<code>")
        w.text(hash)
        w.raw("</code>")
    }

    /// ✓ or ✗ in words as well as colour, with every failed check listed under a ✗.
    static func proof(_ proof: BundleView.Proof, into w: inout HTMLWriter) {
        switch proof.status {
        case .verified:
            w.raw("<span class=\"ok\">✓ verified</span>")
        case .unchecked:
            w.raw("<span class=\"unk\">? not fully checked</span><ul class=\"plain small\">")
            for s in proof.skipped { w.element("li", s) }
            w.raw("</ul>")
        case .failed:
            w.raw("<span class=\"bad\">✗ FAILED</span><ul class=\"plain small\">")
            for f in proof.failures { w.element("li", f) }
            w.raw("</ul>")
        }
    }

    private static func count(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }

    private static func names(_ epcs: [EPC]) -> String {
        let shown = epcs.prefix(3).map { Vocabulary.shortName($0.uri) }.joined(separator: ", ")
        return epcs.count > 3 ? shown + " … (\(epcs.count - 3) more)" : shown
    }
}
