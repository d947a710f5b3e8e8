/// Everything the provenance engine accepts, in the order the log records it. Each command
/// carries its own time and source pointer: the engine never reads a clock.
public enum Command: Hashable, Sendable, Codable {
    case captureEvent(EPCISEvent)
    case issueReceipt(ReceiptIssuance)
    case closeReceipt(ReceiptClosure)
    case pledgeReceipt(PledgeInstruction)
    case defineToken(TokenListing)
    case bindReceipt(TokenBindingInstruction)
    case releaseEncumbrance(EncumbranceRelease)
    case reportInventory(InventoryReport)

    public var source: SourcePointer {
        switch self {
        case .captureEvent(let e): e.sourcePointer
        case .issueReceipt(let c): c.source
        case .closeReceipt(let c): c.source
        case .pledgeReceipt(let c): c.source
        case .defineToken(let c): c.source
        case .bindReceipt(let c): c.source
        case .releaseEncumbrance(let c): c.source
        case .reportInventory(let c): c.source
        }
    }
}

/// A command with the authenticated party that submitted it: one log entry.
public struct Submission: Hashable, Sendable, Codable {
    public var submitter: PartyID
    public var command: Command

    public init(submitter: PartyID, command: Command) {
        self.submitter = submitter
        self.command = command
    }
}

/// A warehouse issues a receipt for lots it received (RECADV, X12 944, receipt XML).
public struct ReceiptIssuance: Hashable, Sendable, Codable {
    public var receipt: ReceiptKey
    public var depositor: PartyID
    public var storageLocation: StorageLocation?
    /// Lots and received quantities; `fineQuantity` is computed by the engine for bars.
    public var lines: [ReceiptLine]
    public var time: EventTime
    public var source: SourcePointer

    public init(receipt: ReceiptKey, depositor: PartyID, storageLocation: StorageLocation? = nil, lines: [ReceiptLine],
                time: EventTime, source: SourcePointer) {
        self.receipt = receipt
        self.depositor = depositor
        self.storageLocation = storageLocation
        self.lines = lines
        self.time = time
        self.source = source
    }
}

/// A warehouse releases goods against a receipt (X12 945, DESADV) or cancels it.
public struct ReceiptClosure: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case release, cancel
    }

    public var receipt: ReceiptKey
    public var kind: Kind
    public var time: EventTime
    public var source: SourcePointer

    public init(receipt: ReceiptKey, kind: Kind, time: EventTime, source: SourcePointer) {
        self.receipt = receipt
        self.kind = kind
        self.time = time
        self.source = source
    }
}

/// A lender takes a receipt as collateral.
public struct PledgeInstruction: Hashable, Sendable, Codable {
    public var receipt: ReceiptKey
    public var lender: LEI
    public var time: EventTime
    public var source: SourcePointer

    public init(receipt: ReceiptKey, lender: LEI, time: EventTime, source: SourcePointer) {
        self.receipt = receipt
        self.lender = lender
        self.time = time
        self.source = source
    }
}

/// An exchange lists a token.
public struct TokenListing: Hashable, Sendable, Codable {
    public var definition: TokenDefinition
    public var time: EventTime
    public var source: SourcePointer

    public init(definition: TokenDefinition, time: EventTime, source: SourcePointer) {
        self.definition = definition
        self.time = time
        self.source = source
    }
}

/// The token issuer binds a receipt to its token.
public struct TokenBindingInstruction: Hashable, Sendable, Codable {
    public var symbol: TokenSymbol
    public var receipt: ReceiptKey
    public var time: EventTime
    public var source: SourcePointer

    public init(symbol: TokenSymbol, receipt: ReceiptKey, time: EventTime, source: SourcePointer) {
        self.symbol = symbol
        self.receipt = receipt
        self.time = time
        self.source = source
    }
}

/// The lender (or token issuer) lets go of a receipt: loan repaid, or receipt unbound.
public struct EncumbranceRelease: Hashable, Sendable, Codable {
    public var receipt: ReceiptKey
    public var time: EventTime
    public var source: SourcePointer

    public init(receipt: ReceiptKey, time: EventTime, source: SourcePointer) {
        self.receipt = receipt
        self.time = time
        self.source = source
    }
}

/// A warehouse's inventory report (INVRPT, X12 947): the lots it holds and, optionally, counted
/// quantities.
public struct InventoryReport: Hashable, Sendable, Codable {
    public struct Line: Hashable, Sendable, Codable {
        public var lot: EPC
        public var quantity: Quantity?

        public init(lot: EPC, quantity: Quantity? = nil) {
            self.lot = lot
            self.quantity = quantity
        }
    }

    public var warehouse: GLN
    public var lines: [Line]
    public var time: EventTime
    public var source: SourcePointer

    public init(warehouse: GLN, lines: [Line], time: EventTime, source: SourcePointer) {
        self.warehouse = warehouse
        self.lines = lines
        self.time = time
        self.source = source
    }
}
