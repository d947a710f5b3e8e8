import BollardCore
import BollardIngest
import BollardLedger
import BollardLog
import BollardStore
import BollardVerify
@testable import BollardViewer
import Foundation
import Testing

/// Every string on a page comes from someone else's document: hostile ones must come out as
/// text, never as markup.
struct EscapingTests {
    static let hostile = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(2)>",
        "'onmouseover='alert(3)",
        "</td></tr></table><h1>forged</h1>",
        "&lt;already-escaped&gt; & ampersand",
    ]

    static let lot = "urn:example:lot:'onfocus='alert(0)'&amp;x"

    @Test func escapeWritesCharacterReferencesForEveryMarkupCharacter() {
        #expect(HTML.escape("<a href=\"x\" title='y'>&</a>") == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;")
        #expect(HTML.escape("bell\u{7}nul\u{0}") == "bell\u{FFFD}nul\u{FFFD}")
        #expect(HTML.escape("Onsan · 온산 ✓") == "Onsan · 온산 ✓")
        #expect(HTML.pathSegment("WR-W1-0001") == "WR-W1-0001")
        #expect(HTML.pathSegment("a/b?c#d\"<x> é") == "a%2Fb%3Fc%23d%22%3Cx%3E%20%C3%A9")
    }

    /// A document carrying hostile strings in the places a page shows goes through the real
    /// pipeline: markup in an extension value (free text), attribute-breaking quotes and
    /// ampersands in the identifiers (which must stay URIs: no `<`, `>` or `"` there); the party
    /// directory names its submitter with markup too. The lot page shows each as text.
    @Test func hostileStringsFromADocumentAreShownAsText() async throws {
        let payloads = Self.hostile
        let event: [String: Any] = [
            "type": "ObjectEvent", "eventTime": "2026-03-01T08:00:00.000+09:00", "eventTimeZoneOffset": "+09:00",
            "action": "ADD", "bizStep": "commissioning",
            "epcList": [Self.lot],
            "bizLocation": ["id": "https://example.com/'onmouseover='alert(3)"],
            "bizTransactionList": [["type": "bol", "bizTransaction": "urn:example:bl:'onclick='alert(4)'&amp;"]],
            "bollard:vesselName": payloads.joined(separator: " | "),
        ]
        let document: [String: Any] = [
            "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", ["bollard": "https://ns.bollard.dev/epcis/"]],
            "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-03-01T08:00:00.000+09:00",
            "epcisBody": ["eventList": [event]],
        ]
        let bytes = Array(try JSONSerialization.data(withJSONObject: document))

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bollard-viewer-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try SQLiteStore(path: dir.appendingPathComponent("bollard.sqlite").path)
        let signer = try CheckpointSigner(origin: BusanData.origin, signers: [BusanData.logKey.signer])
        let ledger = try await LocalLedger.open(store: MemoryLedgerStore(), key: BusanData.ledgerSignerKey)
        _ = try await store.submit(bytes, metadata: SubmissionMetadata(submitter: "gln:8801234000017", channel: .cli, filename: "hostile.jsonld"))
        let results = try await Worker(store: store, signer: signer, configuration: WorkerConfiguration(name: "hostile", batchSize: 1)).drain()
        #expect(results.map(\.status) == [.applied], "\(results.map { $0.error.map { "\($0)" } ?? "" })")
        let queries = ProofQueries(store: store, signer: signer, logKey: BusanData.logKey.verifierKey, ledger: ledger,
                                   ledgerKey: BusanData.ledgerSignerKey.verifierKey, holder: "hostile")
        let bundle = try await queries.lotBundle(Self.lot)
        try await store.close()
        let report = BusanData.verifier().verify(bundle)
        #expect(report.passed)

        let parties = PartyDirectory([.init(id: "gln:8801234000017", name: "Evil <b>Refinery</b> \"&\" <script>x</script>")])
        let html = ViewerPages.lot(bundle, report: report, parties: parties)
        PageChecks.wellFormed(html)
        for p in payloads + [Self.lot, "'onclick='alert(4)'&amp;", "Evil <b>Refinery</b> \"&\" <script>x</script>"] {
            #expect(!html.contains(p), "\(p) appears unescaped")
        }
        #expect(html.contains(HTML.escape(payloads.joined(separator: " | "))))
        #expect(html.contains("Evil &lt;b&gt;Refinery&lt;/b&gt; &quot;&amp;&quot; &lt;script&gt;x&lt;/script&gt;"))
        #expect(html.contains("&#39;onfocus=&#39;alert(0)&#39;&amp;amp;x"))
        #expect(html.contains("bol &#39;onclick=&#39;alert(4)&#39;&amp;amp;"))
        #expect(html.contains("https://example.com/&#39;onmouseover=&#39;alert(3)"))
        #expect(!html.contains("<b>"))
        #expect(PageChecks.rows("timeline", in: html).count == 1)
    }

    @Test func loginAndErrorPagesEscapeWhatTheyAreGiven() {
        for p in Self.hostile {
            let login = ViewerPages.login(error: p)
            PageChecks.wellFormed(login)
            #expect(!login.contains(p) && login.contains(HTML.escape(p)))
            let error = ViewerPages.error(status: 404, title: p, detail: p + p)
            PageChecks.wellFormed(error)
            #expect(!error.contains(p) && error.contains(HTML.escape(p + p)))
        }
    }

    @Test func theLoginFormPostsTheKeyToTheViewerRoute() {
        let html = ViewerPages.login(error: nil)
        PageChecks.wellFormed(html)
        #expect(html.contains("<form method=\"post\" action=\"/view/login\""))
        #expect(html.contains("<label for=\"key\">API key</label>"))
        #expect(html.contains("<input type=\"password\" id=\"key\" name=\"key\" required"))
        #expect(!html.contains("login-error"))
        let denied = ViewerPages.error(status: 401, title: "Sign in needed", detail: "No key was given.")
        #expect(denied.contains("<h1>401 — Sign in needed</h1>") && denied.contains("href=\"/view/login\""))
    }
}
