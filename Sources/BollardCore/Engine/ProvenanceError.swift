/// The rules of DESIGN.md the engine enforces, plus the authority rule for receipts.
public enum ProvenanceRule: String, Hashable, Sendable, Codable, CaseIterable {
    /// Rule 1a: a warehouse never issues the same receipt number twice.
    case uniqueReceiptNumber
    /// Rule 1b: a lot is on at most one live receipt.
    case oneLiveReceiptPerLot
    /// Rule 2: a receipt backs at most one token at a time; pledging a pledged receipt is refused.
    case singleEncumbrance
    /// Rule 3: received quantity reconciles with the manifest within tolerance (flag, not refusal).
    case quantityReconciliation
    /// Rule 4: a released or cancelled receipt stops backing its token, and cannot be used again.
    case closedReceiptStopsBacking
    /// Rule 5: receipt with no prior arrival is accepted but flagged.
    case custodyGap
    /// A warehouse writes only for itself; only a token's issuer binds to it; only the holder of
    /// an encumbrance releases it.
    case submitterAuthority
}

/// A refused command: the rule broken and the objects involved. A refused command changes nothing.
public struct ProvenanceError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, Codable {
        case duplicateReceiptNumber
        case lotOnLiveReceipt
        case receiptAlreadyPledged
        case receiptBacksAnotherToken
        case receiptNotLive
        case receiptNotPledged
        case warehouseWritesOnlyForItself
        case notTokenIssuer
        case notEncumbranceHolder
        case unknownReceipt
        case unknownToken
        case duplicateToken
        case emptyReceipt
        case duplicateLotOnReceipt
        case incompatibleCollateral
        case invalidEvent
        case invalidQuantity

        /// The DESIGN.md rule this refusal enforces, if any.
        public var rule: ProvenanceRule? {
            switch self {
            case .duplicateReceiptNumber: .uniqueReceiptNumber
            case .lotOnLiveReceipt: .oneLiveReceiptPerLot
            case .receiptAlreadyPledged, .receiptBacksAnotherToken: .singleEncumbrance
            case .receiptNotLive: .closedReceiptStopsBacking
            case .warehouseWritesOnlyForItself, .notTokenIssuer, .notEncumbranceHolder: .submitterAuthority
            default: nil
            }
        }
    }

    public var code: Code
    /// Identifiers of the receipts, lots, tokens and parties involved.
    public var objects: [String]
    public var context: String
    /// The document and position of the refused command.
    public var source: SourcePointer?

    public var rule: ProvenanceRule? { code.rule }

    public init(_ code: Code, objects: [String], _ context: String, source: SourcePointer? = nil) {
        self.code = code
        self.objects = objects
        self.context = context
        self.source = source
    }

    public var description: String {
        let rule = rule.map { " [\($0.rawValue)]" } ?? ""
        return "\(code.rawValue)\(rule) \(objects.joined(separator: ", ")): \(context)"
    }
}
