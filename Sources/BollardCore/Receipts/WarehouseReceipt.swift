/// Lifecycle of a warehouse receipt: issued → pledged → released or cancelled.
/// `pledged` covers both a pledge to a lender and a binding to an exchange token: either way the
/// receipt is encumbered and may not be encumbered again (DESIGN.md rule 2).
public enum ReceiptState: String, Hashable, Sendable, Codable {
    case issued
    case pledged
    /// Goods delivered out against the receipt.
    case released
    /// Receipt withdrawn (e.g. replaced after a partial release).
    case cancelled

    /// Issued or pledged: the receipt still represents goods in the warehouse.
    public var isLive: Bool { self == .issued || self == .pledged }
}

/// What encumbers a pledged receipt.
public enum Encumbrance: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Backing an exchange token.
    case token(TokenSymbol)
    /// Collateral for a loan from a lender.
    case lender(LEI)

    public var description: String {
        switch self {
        case .token(let s): "token \(s.value)"
        case .lender(let l): "lender \(l.value)"
        }
    }
}

/// One lot on a receipt, with the quantity the warehouse received.
public struct ReceiptLine: Hashable, Sendable, Codable {
    public var lot: EPC
    /// Received quantity (gross weight for bars, net weight for base metal, standard volume for oil).
    public var quantity: Quantity
    /// Fine metal content, for precious-metal bars (received gross × the bar's fineness).
    public var fineQuantity: Quantity?

    public init(lot: EPC, quantity: Quantity, fineQuantity: Quantity? = nil) {
        self.lot = lot
        self.quantity = quantity
        self.fineQuantity = fineQuantity
    }
}

/// A warehouse receipt as the engine holds it.
public struct WarehouseReceipt: Hashable, Sendable, Codable {
    public var key: ReceiptKey
    public var depositor: PartyID
    public var storageLocation: StorageLocation?
    public var lines: [ReceiptLine]
    public var state: ReceiptState
    /// The current encumbrance while pledged; after release/cancel, the last one it had, so
    /// the exchange sees which token the receipt stopped backing.
    public var encumbrance: Encumbrance?
    public var issuedAt: EventTime
    public var closedAt: EventTime?
    /// Engine sequence numbers of the commands that issued, encumbered and closed it.
    public var history: [ReceiptHistoryEntry]

    public var lots: [EPC] { lines.map(\.lot) }

    /// Backing `symbol` right now: pledged to that token and live.
    public func backs(_ symbol: TokenSymbol) -> Bool {
        state == .pledged && encumbrance == .token(symbol)
    }
}

public struct ReceiptHistoryEntry: Hashable, Sendable, Codable {
    public enum Change: String, Hashable, Sendable, Codable {
        case issued, pledged, bound, encumbranceReleased, released, cancelled
    }

    public var change: Change
    public var sequence: Int
    public var time: EventTime
    public var source: SourcePointer
}
