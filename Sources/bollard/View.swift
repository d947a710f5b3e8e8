import ArgumentParser
import BollardCore
import BollardIngest
import BollardLog
import BollardStore
import BollardVerify
import BollardViewer
import Foundation

/// `bollard view`: the provenance viewer's pages without a server.
struct ViewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "view",
        abstract: "Render the provenance viewer's HTML pages from a data folder.",
        subcommands: [ViewRender.self]
    )
}

/// `bollard view render`: one page of the provenance viewer as a file — the same HTML the
/// server's /view/ routes answer, for offline reading, archiving and the headless-browser check
/// (ops/ci/viewer-check.sh).
struct ViewRender: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render one viewer page (lot, receipt, token, login, error) as HTML.",
        discussion: """
            The proof bundle is built from the store (as `bollard lot|receipt|collateral` builds
            it) unless --bundle gives one, and is verified with the data folder's log and ledger
            keys: the page's ✓ and ✗ are that verification's. Party names come from --parties
            (default: parties.json in the data folder, when present).

            Example:
              bollard view render lot OPM26-0001 --data /var/tmp/b --parties fixtures/busan/parties.json --out lot.html
              bollard view render token BOIL --supply 150000 --data /var/tmp/b --out boil.html
              bollard lot OPM26-0001 --data /var/tmp/b --json > lot.json   # … edit it …
              bollard view render lot OPM26-0001 --data /var/tmp/b --bundle lot.json --out tampered.html
            """
    )

    enum Page: String, ExpressibleByArgument, CaseIterable {
        case lot, receipt, token, login, error
    }

    @Argument(help: "The page: lot, receipt, token, login or error.") var page: Page
    @Argument(help: "The lot, receipt or token (as `bollard lot|receipt|collateral` take them).") var id: String?
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var anchorOptions: AnchorOptions
    @Option(help: "For token pages: tokens in circulation, as the exchange states them (default: the collateral bound).")
    var supply: String?
    @Option(help: "Render this proof bundle (JSON) instead of building one from the store.") var bundle: String?
    @Option(help: "Party master data ({\"parties\": [{\"id\", \"name\", \"role\"}]}).") var parties: String?
    @Option(help: "Write the page here (default: standard output).") var out: String?

    func run() async throws {
        let html: String
        switch page {
        case .login:
            html = ViewerPages.login(error: nil)
        case .error:
            html = ViewerPages.error(status: 404, title: "Not found", detail: "No lot, receipt or token is known by \(id ?? "that name").")
        case .lot, .receipt, .token:
            guard let id else { throw ValidationError("the \(page.rawValue) page needs an id") }
            let dir = try await storeOptions.open()
            html = try await render(id, dir, dir.store)
        }
        if let out {
            try FileManager.default.createDirectory(at: URL(fileURLWithPath: out).deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(html.utf8).write(to: URL(fileURLWithPath: out))
        } else {
            print(html, terminator: "")
        }
    }

    private func render<S: Store>(_ id: String, _ dir: DataDirectory, _ store: S) async throws -> String {
        let q = try queries(dir, store, anchorOptions)
        let directory = try PartyDirectory.load(option: parties, folder: dir.folder)
        let verifier = BundleVerifier(logKey: dir.logKey, ledgerKey: dir.ledgerKey, eventHasher: GS1EventHashRecomputer())
        let given = try bundle.map { try ProofBundle.decode(Array(try Data(contentsOf: URL(fileURLWithPath: $0)))) }
        switch page {
        case .lot:
            let b = try await given.orBuild { try await q.lotBundle(id) }
            let state = try await q.state()
            let provenance = try? state.provenance(of: q.lot(id, in: state))
            return ViewerPages.lot(b, report: verifier.verify(b), parties: directory, sources: try await sources(b, store),
                                   provenance: provenance)
        case .receipt:
            let b = try await given.orBuild { try await q.receiptBundle(id) }
            let state = try await q.state()
            let receipt = try q.receipt(id, in: state)
            return ViewerPages.receipt(b, report: verifier.verify(b), parties: directory, sources: try await sources(b, store),
                                       receipt: receipt, discrepancies: state.discrepancies(onReceipt: receipt.key),
                                       custodyGaps: state.custodyGaps(onReceipt: receipt.key))
        case .token:
            let (built, state) = try await q.collateralBundle(id)
            let b = given ?? built
            let symbol = try TokenSymbol(id)
            let stated = try supply.map { try ExactDecimal($0) } ?? state.collateralReport(for: symbol, statedSupply: 0).collateral.value
            let report = try state.collateralReport(for: symbol, statedSupply: stated)
            return ViewerPages.token(b, report: verifier.verify(b), parties: directory, sources: try await sources(b, store),
                                     collateral: report)
        case .login, .error:
            throw ValidationError("not a data page")
        }
    }


    /// The format (sniffed from the stored bytes) and file name of each document the bundle's
    /// records point into.
    private func sources<S: Store>(_ bundle: ProofBundle, _ store: S) async throws -> SourceDocuments {
        var ids = Set<DocumentID>()
        for (i, item) in bundle.items.enumerated() {
            guard let leaf = Base64.decode(item.leaf), let record = try? CustodyRecord.decode(leaf, index: UInt64(i)),
                  let id = DocumentID(hex: record.event.sourcePointer.documentSHA256) else { continue }
            ids.insert(id)
        }
        var out: [String: SourceDocuments.Document] = [:]
        for (id, document) in try await store.documents(Array(ids)) {
            let format = (try? FormatSniffer.sniff(document.bytes))?.rawValue ?? "unknown format"
            out[id.hex] = SourceDocuments.Document(format: format, fileName: document.metadata.filename)
        }
        return SourceDocuments(out)
    }
}

extension Optional where Wrapped == ProofBundle {
    /// The given bundle, or one built now.
    func orBuild(_ build: () async throws -> ProofBundle) async throws -> ProofBundle {
        if let self { return self }
        return try await build()
    }
}
