import BollardVerify

/// The bundle-wide parts of a page: the verdict banner, the checkpoint and its anchors, the
/// per-step anchor cell and the full list of checks the verifier made.
enum ProofSection {
    /// One sentence per anchor: which ledger, where, and whether the verifier accepted it.
    static func anchorLabel(_ anchor: ProofBundle.AnchorEvidence) -> String {
        if anchor.ledger == "ethereum", let chain = anchor.ethereum {
            return "Ethereum chain \(chain.chainId), block \(chain.blockNumber), tx \(chain.transactionHash)"
        }
        if anchor.ledger == "local" { return "local ledger record \(anchor.id)" }
        return "\(anchor.ledger) \(anchor.id)"
    }

    static func anchorPassed(_ j: Int, _ report: VerificationReport) -> Bool {
        report.check("anchor[\(j)].commitment")?.outcome == .passed
            && !report.checks.contains { $0.name.hasPrefix("anchor[\(j)].") && $0.outcome == .failed }
    }

    /// The anchor cell of a step: the checkpoint covering the entry is what is anchored, so
    /// every step of one bundle shares its anchors.
    static func anchorCell(_ view: BundleView, into w: inout HTMLWriter) {
        if view.bundle.anchors.isEmpty {
            w.raw("<span class=\"bad\">✗ not anchored</span>")
            return
        }
        for (j, anchor) in view.bundle.anchors.enumerated() {
            if j > 0 { w.raw("<br>") }
            w.raw(anchorPassed(j, view.report) ? "<span class=\"ok\">✓</span> " : "<span class=\"bad\">✗</span> ")
            w.raw("<span class=\"small\">")
            w.text(anchorLabel(anchor))
            w.raw("</span>")
        }
    }

    /// The verdict for the whole bundle, in a banner that says it in words.
    static func verdict(_ view: BundleView, into w: inout HTMLWriter) {
        let report = view.report
        let failures = report.failures
        let passed = report.checks.filter { $0.outcome == .passed }.count
        if report.passed && report.skipped.isEmpty {
            w.raw("<div class=\"banner ok\" role=\"status\"><strong>✓ Proofs verified.</strong> ")
            w.text("All \(passed) checks hold: every record is in the log under the signed checkpoint"
                + (view.checkpoint.map { " (size \($0.size))" } ?? "") + ", and the checkpoint is anchored.")
            w.raw("</div>\n")
        } else if failures.isEmpty {
            w.raw("<div class=\"banner warn\" role=\"status\"><strong>? Partly verified.</strong> ")
            w.text("\(passed) checks hold, none failed, \(report.skipped.count) not performed:")
            w.raw("<ul class=\"plain\">")
            for c in report.skipped { w.element("li", "\(c.name): \(c.reason)") }
            w.raw("</ul></div>\n")
        } else {
            w.raw("<div class=\"banner bad\" role=\"alert\"><strong>✗ NOT VERIFIED.</strong> ")
            w.text("\(failures.count) of \(report.checks.count) checks failed; do not rely on the records marked ✗:")
            w.raw("<ul class=\"plain\">")
            for c in failures.prefix(20) { w.element("li", "\(c.name): \(c.reason)") }
            if failures.count > 20 { w.element("li", "… and \(failures.count - 20) more (see all checks below)") }
            w.raw("</ul></div>\n")
        }
    }

    static func checkpointAndAnchors(_ view: BundleView, into w: inout HTMLWriter) {
        let bundle = view.bundle
        w.raw("<section aria-labelledby=\"proof-h\"><h2 id=\"proof-h\">Checkpoint and anchors</h2>\n<dl class=\"facts\">")
        w.element("dt", "Log")
        w.raw("<dd><code>")
        w.text(bundle.log.origin)
        w.raw("</code></dd>")
        if let cp = view.checkpoint {
            w.element("dt", "Checkpoint")
            w.raw("<dd>")
            w.text("size \(cp.size), root ")
            w.raw("<code>")
            w.text(cp.root.base64)
            w.raw("</code> ")
            let signature = view.report.check("checkpoint.signature")
            if signature?.outcome == .passed {
                w.raw("<span class=\"ok\">✓ signature verified</span>")
            } else {
                w.raw("<span class=\"bad\">✗ signature not verified</span>")
            }
            w.raw("</dd>")
        } else {
            w.element("dt", "Checkpoint")
            w.raw("<dd><span class=\"bad\">✗ the checkpoint note cannot be read</span></dd>")
        }
        w.raw("</dl>\n<table><caption class=\"muted small\">Where the checkpoint is anchored</caption><thead><tr>")
        for h in ["Ledger", "Reference", "Confirmations", "Status"] { w.element("th", h, attributes: "scope=\"col\"") }
        w.raw("</tr></thead><tbody>")
        for (j, anchor) in bundle.anchors.enumerated() {
            w.raw("<tr>")
            w.element("th", anchor.ledger == "ethereum" ? "Ethereum" : anchor.ledger == "local" ? "Local ledger" : anchor.ledger,
                      attributes: "scope=\"row\"")
            w.raw("<td>")
            if let chain = anchor.ethereum {
                w.text("chain \(chain.chainId), contract ")
                w.raw("<code>")
                w.text(chain.contract)
                w.raw("</code>, block ")
                w.text(chain.blockNumber)
                w.raw(", tx <code>")
                w.text(chain.transactionHash)
                w.raw("</code>")
            } else {
                w.raw("<code>")
                w.text(anchor.id)
                w.raw("</code>")
            }
            w.raw("</td>")
            w.element("td", String(anchor.confirmations))
            w.raw("<td>")
            w.raw(anchorPassed(j, view.report) ? "<span class=\"ok\">✓ commits this checkpoint</span>" : "<span class=\"bad\">✗ not verified</span>")
            let notes = view.report.checks.filter { $0.name.hasPrefix("anchor[\(j)].") && $0.outcome != .passed }
            if !notes.isEmpty {
                w.raw("<ul class=\"plain small\">")
                for c in notes { w.element("li", "\(c.outcome == .skipped ? "not checked here" : "failed") — \(c.name): \(c.reason)") }
                w.raw("</ul>")
            }
            w.raw("</td></tr>")
        }
        w.raw("</tbody></table></section>\n")
    }

    /// Every check, in a disclosure element (no script needed to open it).
    static func allChecks(_ report: VerificationReport, into w: inout HTMLWriter) {
        w.raw("<details><summary>")
        w.text("All \(report.checks.count) verification checks")
        w.raw("</summary><table><thead><tr>")
        for h in ["Check", "Outcome", "Detail"] { w.element("th", h, attributes: "scope=\"col\"") }
        w.raw("</tr></thead><tbody>")
        for c in report.checks {
            w.raw("<tr>")
            w.element("th", c.name, attributes: "scope=\"row\" class=\"mono\"")
            switch c.outcome {
            case .passed: w.raw("<td class=\"ok\">✓ passed</td>")
            case .failed: w.raw("<td class=\"bad\">✗ failed</td>")
            case .skipped: w.raw("<td class=\"unk\">? skipped</td>")
            }
            w.element("td", c.reason, attributes: "class=\"small\"")
            w.raw("</tr>")
        }
        w.raw("</tbody></table></details>\n")
    }
}
