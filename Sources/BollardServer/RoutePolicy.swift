import HTTPTypes
import Hummingbird

/// What a route does, as far as authorisation is concerned. Several routes may share one
/// operation (all log reads are `readLog`).
public enum APIOperation: String, Sendable, Hashable, CaseIterable {
    case health
    case metrics
    case submitDocument
    case readDocument
    case readLot
    case searchLots
    case readReceipt
    case readCollateral
    case bindToken
    case readLog

    /// Who may perform it; nil for public operations that need no key. The log is public on
    /// purpose: its checkpoints, tiles and proofs are what lets anyone verify Bollard without
    /// trusting it (DESIGN.md), and immutable tiles are meant to be served by any CDN.
    public var allowedRoles: Set<Role>? {
        switch self {
        case .health, .metrics, .readLog: nil
        // Parties that send documents (DESIGN.md "Who uses it"); customs only reads, the
        // exchange's bindings go through their own route, admins manage keys, not cargo.
        case .submitDocument: [.warehouse, .carrier, .terminal]
        // Submitters see their own documents only (checked by the handler), customs, auditors
        // and admins every document.
        case .readDocument: [.warehouse, .carrier, .terminal, .exchange, .customs, .auditor, .admin]
        case .readLot, .searchLots: [.customs, .auditor, .admin]
        case .readReceipt: [.customs, .exchange, .auditor, .admin]
        case .readCollateral: [.exchange, .customs, .auditor, .admin]
        case .bindToken: [.exchange]
        }
    }

    public func allows(_ role: Role) -> Bool { allowedRoles?.contains(role) ?? true }
}

/// One route: method, Hummingbird path pattern and operation. The router is built from this
/// list, so the list is the single statement of every route and what guards it: the role ×
/// route matrix test and the OpenAPI test both read it.
public struct RouteSpec: Sendable, Hashable {
    public var method: HTTPRequest.Method
    public var path: String
    public var operation: APIOperation

    public init(_ method: HTTPRequest.Method, _ path: String, _ operation: APIOperation) {
        self.method = method
        self.path = path
        self.operation = operation
    }
}
