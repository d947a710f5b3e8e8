import BollardCore
import BollardVerify

/// The provenance viewer's pages (issue #6), as complete HTML documents (UTF-8, served as
/// `text/html; charset=utf-8`). Pure functions of a proof bundle, the verifier's report on it
/// and Core values: no I/O, no script, every string escaped. BollardServer mounts them at
/// /view/lots/{id}, /view/receipts/{id}, /view/tokens/{token} and /view/login, and
/// `bollard view render` writes them to files. ✓ and ✗ come only from `report`, so a page can
/// never say more than the verifier established.
public enum ViewerPages {
    /// A lot's timeline from the refiner to the vault (`bollard lot` bundle). `provenance`, when
    /// given, adds the engine's flags on the lot and the receipts that held it.
    public static func lot(_ bundle: ProofBundle, report: VerificationReport, parties: PartyDirectory,
                           sources: SourceDocuments = SourceDocuments(), provenance: LotProvenance? = nil) -> String {
        LotPage.render(bundle, report: report, parties: parties, sources: sources, provenance: provenance)
    }

    /// A warehouse receipt (`bollard receipt` bundle) with its state from the engine, and the
    /// flags on its lots (`ProvenanceState.discrepancies(onReceipt:)`, `custodyGaps(onReceipt:)`).
    public static func receipt(_ bundle: ProofBundle, report: VerificationReport, parties: PartyDirectory,
                               sources: SourceDocuments = SourceDocuments(), receipt: WarehouseReceipt,
                               discrepancies: [Discrepancy] = [], custodyGaps: [CustodyGap] = []) -> String {
        ReceiptPage.render(bundle, report: report, parties: parties, sources: sources, receipt: receipt,
                           discrepancies: discrepancies, custodyGaps: custodyGaps)
    }

    /// A token's collateral (`bollard collateral` bundle) reconciled against the supply the
    /// exchange states (`ProvenanceState.collateralReport(for:statedSupply:)`).
    public static func token(_ bundle: ProofBundle, report: VerificationReport, parties: PartyDirectory,
                             sources: SourceDocuments = SourceDocuments(), collateral: CollateralReport) -> String {
        TokenPage.render(bundle, report: report, parties: parties, sources: sources, collateral: collateral)
    }

    /// The sign-in form: POST /view/login with `key=` (an API key; the server sets the
    /// `bollard_key` cookie). `error` is shown above the form, escaped.
    public static func login(error: String?) -> String {
        var w = HTMLWriter()
        w.raw("<h1>Sign in</h1>\n")
        if let error {
            w.raw("<div class=\"banner bad\" role=\"alert\" id=\"login-error\"><strong>✗ Not signed in.</strong> ")
            w.text(error)
            w.raw("</div>\n")
        }
        w.raw("<p>Paste the API key your organisation was given (customs, exchange, warehouse, auditor …). "
            + "The key is sent once and kept in a cookie for the viewer's pages only.</p>\n")
        w.raw("<form method=\"post\" action=\"\(PageLayout.viewPrefix)login\" autocomplete=\"off\">\n")
        w.raw("<label for=\"key\">API key</label>\n")
        w.raw("<input type=\"password\" id=\"key\" name=\"key\" required spellcheck=\"false\" aria-describedby=\"key-help\">\n")
        w.raw("<p id=\"key-help\" class=\"small muted\">Keys are stored by Bollard only as SHA-256 hashes.</p>\n")
        w.raw("<button type=\"submit\">Sign in</button>\n</form>\n")
        return PageLayout.page(title: "Sign in", body: w.output)
    }

    /// An error page (404, 401, 403, 500 …); `title` and `detail` are escaped.
    public static func error(status: Int, title: String, detail: String) -> String {
        var w = HTMLWriter()
        w.raw("<h1>")
        w.text("\(status) — \(title)")
        w.raw("</h1>\n<div class=\"banner bad\" role=\"alert\">")
        w.text(detail)
        w.raw("</div>\n")
        if status == 401 || status == 403 {
            w.raw("<p><a href=\"\(PageLayout.viewPrefix)login\">Sign in</a> with a key that may see this page.</p>\n")
        }
        return PageLayout.page(title: "\(status) \(title)", body: w.output)
    }
}
