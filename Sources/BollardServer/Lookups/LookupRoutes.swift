import BollardCore
import BollardIngest
import BollardStore
import BollardVerify
import Foundation
import HTTPTypes
import Hummingbird

/// Customs' and the exchange's questions, each answered as a proof bundle
/// (integrations/bundle-format.md) exactly as `bollard lot|receipt|collateral --json` prints it:
/// the records with their inclusion proofs under the server's anchored checkpoint
/// (`AnchoredLog`, moved forward only when a record is not under it yet). The state comes from the
/// `ProvenanceFollower`, which only replays what was committed since the last request.
struct LookupRoutes<S: Store>: Sendable {
    let follower: ProvenanceFollower<S>
    let proofs: ProofSettings?
    let anchored: AnchoredLog<S>?

    private func queries() throws -> ProofQueries<S> {
        guard let p = proofs, let anchored else {
            throw ProblemDetails(.serviceUnavailable, code: "proofs-unavailable", title: "Proofs unavailable",
                                 detail: "this server was started without the log key and ledger, so it cannot build proof bundles")
        }
        return p.queries(anchored)
    }

    func lot(_ context: BollardRequestContext) async throws -> Response {
        let q = try queries()
        var (state, index) = try await follower.currentAllowingStaleIndex()
        let id = context.parameters.get("id") ?? ""
        if index.sequence != state.sequence, index.names.lots(named: id, in: state).count != 1 {
            // A name the older index does not settle may name a lot committed since.
            (state, index) = try await follower.current()
        }
        let epc = try Self.resolve { try q.lot(id, in: state, names: index.names) }
        let provenance = try state.provenance(of: epc)
        var events: [UInt64: EPCISEvent] = [:]
        for recorded in provenance.events { events[UInt64(recorded.sequence - 1)] = recorded.event }
        return try Self.bundle(try await q.bundle(subject: .init(kind: "lot", id: epc.uri), indices: Array(events.keys), events: events))
    }

    func receipt(_ context: BollardRequestContext) async throws -> Response {
        let q = try queries()
        let (state, _) = try await follower.current()
        let id = context.parameters.get("id") ?? ""
        let r = try Self.resolve { try q.receipt(id, in: state) }
        return try Self.bundle(try await q.bundle(subject: .init(kind: "receipt", id: r.key.description),
                                                  indices: r.history.map { UInt64($0.sequence - 1) }))
    }

    struct LotList: Encodable {
        var lots: [String]
    }

    func search(_ request: Request) async throws -> Response {
        let p = request.uri.queryParameters
        for key in ["from", "to"] {
            if let d = p.get(key), !Self.isDate(d) { throw ProblemDetails.badRequest("\(key)=\(d) is not a YYYY-MM-DD date") }
        }
        let query = LookupIndex.Query(container: p.get("container"), billOfLading: p.get("bl"), receipt: p.get("receipt"),
                                      hsCode: p.get("hs"), from: p.get("from"), to: p.get("to"))
        guard query != LookupIndex.Query() else {
            throw ProblemDetails.badRequest("give at least one of container, bl, receipt, hs, from, to")
        }
        let (_, index) = try await follower.current()
        return try JSONBody.response(.ok, LotList(lots: index.lots(query)))
    }

    /// The exchange's check: the collateral bundle and the reconciliation against `supply`.
    struct CollateralAnswer: Encodable {
        struct Receipt: Encodable {
            var receipt: String
            var state: String
            var backing: Bool
            var quantity: String
            var lots: [String]
        }

        var token: String
        var statedSupply: String
        var required: String
        var collateral: String
        var backed: Bool
        var shortfall: String?
        var receipts: [Receipt]
        var discrepancies: Int
        var custodyGaps: Int
        var bundle: ProofBundle

        enum CodingKeys: String, CodingKey {
            case token, required, collateral, backed, shortfall, receipts, discrepancies, bundle
            case statedSupply = "stated_supply", custodyGaps = "custody_gaps"
        }
    }

    func collateral(_ request: Request, _ context: BollardRequestContext) async throws -> Response {
        let q = try queries()
        let (state, _) = try await follower.current()
        let symbol = context.parameters.get("token") ?? ""
        let token: TokenSymbol
        do { token = try TokenSymbol(symbol) } catch { throw ProblemDetails.badRequest("\(error)", code: "bad-token") }
        guard state.tokens[token] != nil else { throw ProblemDetails.notFound("no token \(symbol)") }
        var supply = ExactDecimal.zero
        if let text = request.uri.queryParameters.get("supply") {
            do { supply = try ExactDecimal(text) } catch { throw ProblemDetails.badRequest("supply=\(text): \(error)") }
        }
        let report = try state.collateralReport(for: token, statedSupply: supply)
        let bound = state.receipts.values.filter { $0.encumbrance == .token(token) }.sorted { $0.key < $1.key }
        let bundle = try await q.bundle(subject: .init(kind: "collateral", id: symbol),
                                        indices: bound.flatMap { $0.history.map { UInt64($0.sequence - 1) } })
        let answer = CollateralAnswer(
            token: symbol, statedSupply: "\(report.statedSupply)", required: "\(report.required)", collateral: "\(report.collateral)",
            backed: report.isBacked, shortfall: report.shortfall.map { "\($0)" },
            receipts: report.receipts.map {
                CollateralAnswer.Receipt(receipt: $0.receipt.description, state: $0.state.rawValue, backing: $0.backing, quantity: "\($0.quantity)",
                      lots: $0.lots.map(\.uri))
            },
            discrepancies: report.discrepancies.count, custodyGaps: report.custodyGaps.count, bundle: bundle)
        return try JSONBody.response(.ok, answer, snakeCase: false)
    }

    static func resolve<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as ProofQueries<S>.QueryFailure {
            if e.description.hasPrefix("no ") { throw ProblemDetails.notFound(e.description) }
            throw ProblemDetails(.conflict, code: "ambiguous", title: "Ambiguous id", detail: e.description)
        }
    }

    /// The bundle as RFC 8785 canonical JSON: the CLI's JSON value (bundle-format.md's member
    /// names, untouched), in compact canonical form.
    static func bundle(_ bundle: ProofBundle) throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"],
                 body: .init(byteBuffer: ByteBuffer(bytes: try JCSWriter.encode(bundle))))
    }

    static func isDate(_ s: String) -> Bool {
        let u = Array(s.utf8)
        return u.count == 10 && u[4] == UInt8(ascii: "-") && u[7] == UInt8(ascii: "-")
            && u.enumerated().allSatisfy { i, c in i == 4 || i == 7 || (c >= 48 && c <= 57) }
    }
}
