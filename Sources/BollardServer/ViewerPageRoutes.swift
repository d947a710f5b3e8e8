import BollardCore
import BollardIngest
import BollardLog
import BollardStore
import BollardVerify
import BollardViewer
import Foundation
import HTTPTypes
import Hummingbird

/// GET /view/login, POST /view/login, GET /view/lots/{id}, /view/receipts/{id},
/// /view/tokens/{token}[?supply=N]: the pages of BollardViewer, as `text/html; charset=utf-8`.
///
/// Authorisation is the JSON routes' (`Gate`, `Operation`): the key comes from the `bollard_key`
/// cookie that POST /view/login sets (HttpOnly, SameSite=Strict, Path=/view/) or from an
/// `Authorization: Bearer` header. Errors are HTML pages here, not problem+json: a browser shows
/// them. Every page is built from a proof bundle the server makes and then verifies with its
/// own public keys, so ✓ and ✗ on a page are a verification's, never an assertion.
public struct ViewerPageRoutes<S: Store>: ViewerRoutes {
    public static var cookieName: String { "bollard_key" }
    /// The login form is tiny; anything larger is not a login.
    static var maxFormBytes: Int { 4096 }

    let follower: ProvenanceFollower<S>
    let proofs: ProofSettings?
    let parties: PartyDirectory
    let anchored: AnchoredLog<S>?

    /// - Parameter anchored: where bundles are built; pass the server's so both share one.
    public init(follower: ProvenanceFollower<S>, proofs: ProofSettings?, parties: PartyDirectory, anchored: AnchoredLog<S>? = nil) {
        self.follower = follower
        self.proofs = proofs
        self.anchored = anchored ?? proofs.map { $0.anchoredLog(follower.store) }
        self.parties = parties
    }

    public func register(on router: Router<BollardRequestContext>,
                         admit: @escaping @Sendable (_ authorization: String?, _ operation: APIOperation) async throws -> Principal?) {
        let gate = Gate(keys: follower.store)
        router.get("/view/login") { _, _ in Self.html(.ok, ViewerPages.login(error: nil)) }
        router.post("/view/login") { request, _ in await self.login(request, gate: gate) }
        router.get("/view/lots/{id}") { request, context in
            await self.page(request, context, admit: admit, operation: .readLot) { q, state, index, id in
                let epc = try q.lot(id, in: state, names: index.names)
                let provenance = try state.provenance(of: epc)
                let bundle = try await q.bundle(subject: .init(kind: "lot", id: epc.uri),
                                                indices: provenance.events.map { UInt64($0.sequence - 1) })
                return ViewerPages.lot(bundle, report: self.verify(bundle), parties: self.parties,
                                       sources: try await self.sources(bundle), provenance: provenance)
            }
        }
        router.get("/view/receipts/{id}") { request, context in
            await self.page(request, context, admit: admit, operation: .readReceipt) { q, state, _, id in
                let receipt = try q.receipt(id, in: state)
                let bundle = try await q.bundle(subject: .init(kind: "receipt", id: receipt.key.description),
                                                indices: receipt.history.map { UInt64($0.sequence - 1) })
                return ViewerPages.receipt(bundle, report: self.verify(bundle), parties: self.parties,
                                           sources: try await self.sources(bundle), receipt: receipt,
                                           discrepancies: state.discrepancies(onReceipt: receipt.key),
                                           custodyGaps: state.custodyGaps(onReceipt: receipt.key))
            }
        }
        router.get("/view/tokens/{token}") { request, context in
            await self.page(request, context, admit: admit, operation: .readCollateral, parameter: "token") { q, state, _, symbol in
                let token = try TokenSymbol(symbol)
                guard state.tokens[token] != nil else { throw ViewerPageError(status: .notFound, "No token \(symbol) is listed.") }
                // Without ?supply= the page reconciles against the collateral bound (the supply
                // the exchange could issue); the exchange states its own with ?supply=N.
                let supply = try request.uri.queryParameters.get("supply").map { text in
                    do { return try ExactDecimal(text) } catch { throw ViewerPageError(status: .badRequest, "supply=\(text) is not a decimal.") }
                } ?? state.collateralReport(for: token, statedSupply: 0).collateral.value
                let report = try state.collateralReport(for: token, statedSupply: supply)
                let bound = state.receipts.values.filter { $0.encumbrance == .token(token) }.sorted { $0.key < $1.key }
                let bundle = try await q.bundle(subject: .init(kind: "collateral", id: token.value),
                                                indices: bound.flatMap { $0.history.map { UInt64($0.sequence - 1) } })
                return ViewerPages.token(bundle, report: self.verify(bundle), parties: self.parties,
                                         sources: try await self.sources(bundle), collateral: report)
            }
        }
    }

    // MARK: Login

    /// POST /view/login, form `key=<API key>`: a known, unrevoked key sets the cookie and goes
    /// back to `next` (a /view/ path only, so the form is no open redirect); anything else
    /// shows the form again with the reason, 401.
    func login(_ request: Request, gate: Gate<S>) async -> Response {
        let form: [String: String]
        do {
            var buffer = try await request.body.collect(upTo: Self.maxFormBytes)
            form = Self.formFields(buffer.readString(length: buffer.readableBytes) ?? "")
        } catch {
            return Self.html(.contentTooLarge, ViewerPages.login(error: "The form is larger than \(Self.maxFormBytes) bytes."))
        }
        guard let key = form["key"]?.trimmingCharacters(in: .whitespaces), !key.isEmpty else {
            return Self.html(.unauthorized, ViewerPages.login(error: "Paste an API key."))
        }
        do {
            _ = try await gate.authenticate("Bearer " + key)
        } catch let problem as ProblemDetails {
            return Self.html(.unauthorized, ViewerPages.login(error: problem.detail))
        } catch {
            return Self.html(.serviceUnavailable, ViewerPages.error(status: 503, title: "Unavailable", detail: "The key store cannot be read."))
        }
        var response = Response(status: .seeOther, headers: [.location: Self.safeNext(form["next"])])
        guard let cookie = try? Cookie.validated(name: Self.cookieName, value: key, path: "/view/", httpOnly: true, sameSite: .strict) else {
            return Self.html(.unauthorized, ViewerPages.login(error: "That is not an API key."))
        }
        response.setCookie(cookie)
        Self.secure(&response.headers)
        return response
    }

    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/view/"), !next.contains("//"), !next.contains("\\"),
              next.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else { return "/view/login" }
        return next
    }

    /// application/x-www-form-urlencoded (WHATWG URL §5.1): `+` is a space, then percent-decoding.
    static func formFields(_ body: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String { String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            out[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return out
    }

    // MARK: Pages

    /// Authenticates from the cookie or header, authorises `operation`, resolves the state and
    /// renders; every failure is an HTML page with its status.
    func page(_ request: Request, _ context: BollardRequestContext,
              admit: @Sendable (_ authorization: String?, _ operation: APIOperation) async throws -> Principal?, operation: APIOperation, parameter: String = "id",
              render: (ProofQueries<S>, ProvenanceState, LookupIndex, String) async throws -> String) async -> Response {
        do {
            let header = request.headers[.authorization] ?? request.cookies[Self.cookieName].map { "Bearer " + $0.value }
            guard let header else {
                return Self.html(.unauthorized, ViewerPages.login(error: "Sign in to see this page."))
            }
            // The JSON routes' decision (authentication, rate limit, role), so a page never shows
            // what the API would refuse the same key.
            _ = try await admit(header, operation)
            guard let p = proofs, let anchored else {
                throw ViewerPageError(status: .serviceUnavailable, "This server was started without the log key and ledger, so it cannot build proofs.")
            }
            let q = p.queries(anchored)
            let (state, index) = try await follower.current()
            return Self.html(.ok, try await render(q, state, index, context.parameters.get(parameter) ?? ""))
        } catch let e as ViewerPageError {
            return Self.html(e.status, ViewerPages.error(status: Int(e.status.code), title: e.status.reasonPhrase, detail: e.detail))
        } catch let problem as ProblemDetails where problem.status == .unauthorized {
            return Self.html(.unauthorized, ViewerPages.login(error: problem.detail))
        } catch let problem as ProblemDetails {
            return Self.html(problem.status, ViewerPages.error(status: Int(problem.status.code), title: problem.title, detail: problem.detail))
        } catch let failure as ProofQueries<S>.QueryFailure {
            let missing = failure.description.hasPrefix("no ")
            return Self.html(missing ? .notFound : .conflict, ViewerPages.error(
                status: missing ? 404 : 409, title: missing ? "Not found" : "Ambiguous", detail: failure.description))
        } catch let e as IdentifierError {
            return Self.html(.badRequest, ViewerPages.error(status: 400, title: "Bad request", detail: e.description))
        } catch {
            return Self.html(.internalServerError, ViewerPages.error(status: 500, title: "Internal error", detail: "The page could not be built."))
        }
    }

    /// The server checks its own bundle as any verifier would, trusting only its public keys.
    func verify(_ bundle: ProofBundle) -> VerificationReport {
        guard let p = proofs else { return VerificationReport() }
        return BundleVerifier(logKey: p.logKey, ledgerKey: p.ledgerKind == "local" ? p.ledgerKey : nil,
                              eventHasher: GS1EventHashRecomputer()).verify(bundle)
    }

    /// The sniffed format and file name of each stored document the bundle's records point into.
    func sources(_ bundle: ProofBundle) async throws -> SourceDocuments {
        var ids = Set<DocumentID>()
        for (i, item) in bundle.items.enumerated() {
            guard let leaf = Base64.decode(item.leaf), let record = try? CustodyRecord.decode(leaf, index: UInt64(i)),
                  let id = DocumentID(hex: record.event.sourcePointer.documentSHA256) else { continue }
            ids.insert(id)
        }
        var out: [String: SourceDocuments.Document] = [:]
        for (id, document) in try await follower.store.documents(Array(ids)) {
            out[id.hex] = SourceDocuments.Document(format: (try? FormatSniffer.sniff(document.bytes))?.rawValue ?? "unknown format",
                                                   fileName: document.metadata.filename)
        }
        return SourceDocuments(out)
    }

    static func html(_ status: HTTPResponse.Status, _ page: String) -> Response {
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"]
        secure(&headers)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    /// The pages carry no script and load nothing: the policy says so, so an injected tag
    /// would do nothing even if escaping ever failed (CSP Level 3).
    static func secure(_ headers: inout HTTPFields) {
        headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'"
        headers[.xContentTypeOptions] = "nosniff"
        if let referrer = HTTPField.Name("Referrer-Policy") { headers[referrer] = "no-referrer" }
    }
}

/// A viewer request that ends on an error page.
struct ViewerPageError: Error, Sendable {
    var status: HTTPResponse.Status
    var detail: String

    init(status: HTTPResponse.Status, _ detail: String) {
        self.status = status
        self.detail = detail
    }
}
