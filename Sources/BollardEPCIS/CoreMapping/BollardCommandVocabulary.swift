import BollardCore

/// How Bollard's receipt, pledge and token commands are written as EPCIS 2.0 TransactionEvents
/// (integrations/epcis/README.md has the full description with examples).
///
/// EPCIS 2.0 §7.4.4 makes a TransactionEvent the statement that objects are associated with
/// (ADD) or dissociated from (DELETE) a business transaction. A warehouse receipt is such a
/// transaction (Bollard's `btt/warehouse_receipt` type, identified in the CBV 2.0 §8.5 form
/// `urn:epcglobal:cbv:bt:{issuing warehouse GLN}:{receipt number}`), and so is a token
/// (`btt/token`, `https://ns.bollard.dev/epcis/token/{symbol}`). The bizStep, a private
/// vocabulary URI as CBV 2.0 §8.2 allows, says which command the event is.
public enum BollardCommandVocabulary {
    public static let bizStepPrefix = BollardNamespace.uri + "bizstep/"
    public static let tokenPrefix = BollardNamespace.uri + "token/"
    public static let tokenTransaction = BizTransactionType(canonicalURI: BollardNamespace.uri + "btt/token")
    public static let receiptTransactionPrefix = "urn:epcglobal:cbv:bt:"

    /// The command bizSteps, with the action each requires.
    public enum Step: String, Sendable, CaseIterable {
        case receiptIssuing = "receipt_issuing"
        case receiptReleasing = "receipt_releasing"
        case receiptCancelling = "receipt_cancelling"
        case pledging
        case encumbranceReleasing = "encumbrance_releasing"
        case tokenListing = "token_listing"
        case tokenBinding = "token_binding"

        public var bizStep: BizStep { BizStep(canonicalURI: BollardCommandVocabulary.bizStepPrefix + rawValue) }

        public var action: Action {
            switch self {
            case .receiptIssuing, .pledging, .tokenListing, .tokenBinding: .add
            case .receiptReleasing, .receiptCancelling, .encumbranceReleasing: .delete
            }
        }

        public init?(_ bizStep: BizStep?) {
            guard let uri = bizStep?.uri, uri.hasPrefix(BollardCommandVocabulary.bizStepPrefix) else { return nil }
            self.init(rawValue: String(uri.dropFirst(BollardCommandVocabulary.bizStepPrefix.count)))
        }
    }

    /// Extension element local names (namespace `BollardNamespace.uri`).
    public enum Element {
        public static let depositor = "depositor"
        public static let lender = "lender"
        public static let receiptLine = "receiptLine"
        public static let lot = "lot"
        public static let quantity = "quantity"
        public static let uom = "uom"
        public static let unitPerToken = "unitPerToken"
        public static let unitPerTokenUOM = "unitPerTokenUOM"
        public static let collateralBasis = "collateralBasis"
        public static let issuer = "issuer"
    }

    public static func receiptTransaction(_ key: ReceiptKey) -> BizTransaction {
        BizTransaction(type: .warehouseReceipt, bizTransaction: receiptTransactionPrefix + key.warehouse.value + ":" + key.number.value)
    }

    public static func tokenTransaction(_ symbol: TokenSymbol) -> BizTransaction {
        BizTransaction(type: tokenTransaction, bizTransaction: tokenPrefix + symbol.value)
    }
}
