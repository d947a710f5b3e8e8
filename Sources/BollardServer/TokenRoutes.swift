import BollardCore
import BollardStore
import Foundation
import HTTPTypes
import Hummingbird

/// The exchange binds receipts to its tokens and unbinds them. Nothing is changed here: each
/// request becomes an EPCIS 2.0 document (a `token_binding` or `encumbrance_releasing`
/// TransactionEvent, integrations/epcis/README.md) submitted through intake like any other,
/// so the binding is applied by the engine and recorded in the log. The answer is the
/// document's 202.
///
/// Only the token's issuer may bind or unbind (checked here for a clear 403, and again by the
/// engine, DESIGN.md rule 2). The event time is `time` from the body when given, so a retry
/// with the same Idempotency-Key and body is the same document; otherwise now.
struct TokenRoutes<S: Store>: Sendable {
    let follower: ProvenanceFollower<S>
    let documents: DocumentRoutes<S>

    struct BindRequest: Decodable {
        var receipt: String
        /// RFC 3339 with milliseconds and offset, e.g. 2026-03-02T09:50:00.000+09:00.
        var time: String?
    }

    struct UnbindRequest: Decodable {
        var time: String?
    }

    func bind(_ request: Request, _ context: BollardRequestContext, _ principal: Principal) async throws -> Response {
        let body: BindRequest = try await Self.decode(request, limit: 64 * 1024)
        let (token, state) = try await ownToken(context, principal)
        let receipt = try Self.receipt(body.receipt, in: state)
        let document = try Self.document(step: "token_binding", action: "ADD", token: token, receipt: receipt.key, time: body.time)
        return try await documents.accept(document, principal: principal, contentType: "application/ld+json",
                                          idempotencyKey: request.headers[DocumentRoutes<S>.idempotencyKey])
    }

    func unbind(_ request: Request, _ context: BollardRequestContext, _ principal: Principal) async throws -> Response {
        let body: UnbindRequest = try await Self.decode(request, limit: 64 * 1024, emptyAs: UnbindRequest())
        let (token, state) = try await ownToken(context, principal)
        let receipt = try Self.receipt(context.parameters.get("receipt") ?? "", in: state)
        guard receipt.encumbrance == .token(token) else {
            throw ProblemDetails(.conflict, code: "not-bound", title: "Receipt not bound to this token",
                                 detail: "receipt \(receipt.key) is not bound to \(token.value)")
        }
        let document = try Self.document(step: "encumbrance_releasing", action: "DELETE", token: nil, receipt: receipt.key, time: body.time)
        return try await documents.accept(document, principal: principal, contentType: "application/ld+json",
                                          idempotencyKey: request.headers[DocumentRoutes<S>.idempotencyKey])
    }

    private func ownToken(_ context: BollardRequestContext, _ principal: Principal) async throws -> (TokenSymbol, ProvenanceState) {
        let symbol = context.parameters.get("token") ?? ""
        let token: TokenSymbol
        do { token = try TokenSymbol(symbol) } catch { throw ProblemDetails.badRequest("\(error)", code: "bad-token") }
        let (state, _) = try await follower.current()
        guard let definition = state.tokens[token] else { throw ProblemDetails.notFound("no token \(symbol)") }
        guard definition.issuer.description == principal.party else {
            throw ProblemDetails.forbidden("token \(symbol) is issued by \(definition.issuer), not by this key's party \(principal.party)",
                                           extensions: ["issuer": definition.issuer.description])
        }
        return (token, state)
    }

    static func receipt(_ id: String, in state: ProvenanceState) throws -> WarehouseReceipt {
        let matches = state.receipts.values.filter { $0.key.description == id || $0.key.number.value == id }
        guard matches.count == 1, let only = matches.first else {
            if matches.isEmpty { throw ProblemDetails.notFound("no receipt \(id)") }
            throw ProblemDetails(.conflict, code: "ambiguous", title: "Ambiguous id", detail: "\(id) names \(matches.count) receipts; give warehouse/number")
        }
        return only
    }

    static func decode<T: Decodable>(_ request: Request, limit: Int, emptyAs empty: T? = nil) async throws -> T {
        var buffer = try await request.body.collect(upTo: limit)
        let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        if bytes.isEmpty, let empty { return empty }
        do { return try JSONDecoder().decode(T.self, from: Data(bytes)) } catch {
            throw ProblemDetails.badRequest("the body is not the expected JSON: \(error)", code: "bad-json")
        }
    }

    /// One EPCIS 2.0 JSON-LD document with one TransactionEvent (EPCIS 2.0 §7.4.4), in the form
    /// of fixtures/busan/epcis/18-bdax-tokens.jsonld.
    static func document(step: String, action: String, token: TokenSymbol?, receipt: ReceiptKey, time: String?) throws -> [UInt8] {
        let eventTime = time ?? now()
        do { _ = try EventTime(eventTime) } catch { throw ProblemDetails.badRequest("time \(eventTime): \(error)", code: "bad-time") }
        let offset = eventTime.hasSuffix("Z") ? "+00:00" : String(eventTime.suffix(6))
        var transactions: [[String: String]] = []
        if let token {
            transactions.append(["type": "https://ns.bollard.dev/epcis/btt/token", "bizTransaction": "https://ns.bollard.dev/epcis/token/\(token.value)"])
        }
        transactions.append(["type": "https://ns.bollard.dev/epcis/btt/warehouse_receipt",
                             "bizTransaction": "urn:epcglobal:cbv:bt:\(receipt.warehouse.value):\(receipt.number.value)"])
        let event: [String: Any] = [
            "type": "TransactionEvent", "eventTime": eventTime, "eventTimeZoneOffset": offset, "action": action,
            "bizStep": "https://ns.bollard.dev/epcis/bizstep/\(step)", "bizTransactionList": transactions,
        ]
        let document: [String: Any] = [
            "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", ["bollard": "https://ns.bollard.dev/epcis/"]],
            "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": eventTime,
            "epcisBody": ["eventList": [event]],
        ]
        return Array(try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes]))
    }

    static func now() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: Date()).replacingOccurrences(of: "Z", with: "+00:00")
    }
}
