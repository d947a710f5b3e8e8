/// Why an event is not a well-formed EPCIS 2.0 event: the field and the rule.
public struct EventValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, Codable {
        /// A field the event type does not have (e.g. childEPCs on an ObjectEvent).
        case fieldNotAllowed
        /// A field the event type requires is absent or empty.
        case fieldRequired
        case invalidTimeZoneOffset
        case invalidQuantity
    }

    public var code: Code
    public var field: String
    public var context: String

    public init(_ code: Code, field: String, _ context: String) {
        self.code = code
        self.field = field
        self.context = context
    }

    public var description: String { "\(field): \(code.rawValue): \(context)" }
}

extension EPCISEvent {
    /// Structural rules of EPCIS 2.0 (the per-type field tables of the standard and its XSD):
    /// which fields each type carries, that `action` is present except on TransformationEvent,
    /// that Aggregation/Association ADD or DELETE name a parent, that TransactionEvent cites a
    /// business transaction, that ILMD only appears on ObjectEvent ADD and TransformationEvent,
    /// and that quantities are non-negative.
    public func validate() throws(EventValidationError) {
        func forbid(_ present: Bool, _ field: String) throws(EventValidationError) {
            if present { throw EventValidationError(.fieldNotAllowed, field: field, "\(type.rawValue) has no \(field)") }
        }
        let hasChildren = !childEPCs.isEmpty || !childQuantityList.isEmpty
        let hasTransform = !inputEPCList.isEmpty || !outputEPCList.isEmpty || !inputQuantityList.isEmpty
            || !outputQuantityList.isEmpty || transformationID != nil
        switch type {
        case .objectEvent:
            try forbid(parentID != nil, "parentID")
            try forbid(hasChildren, "childEPCs")
            try forbid(hasTransform, "inputEPCList")
            try forbid(ilmd != nil && action != .add, "ilmd")
        case .aggregationEvent, .associationEvent:
            try forbid(!epcList.isEmpty || !quantityList.isEmpty, "epcList")
            try forbid(hasTransform, "inputEPCList")
            try forbid(ilmd != nil, "ilmd")
            if parentID == nil && action != .observe {
                throw EventValidationError(.fieldRequired, field: "parentID", "\(type.rawValue) \(action?.rawValue ?? "") requires parentID")
            }
        case .transactionEvent:
            try forbid(hasChildren, "childEPCs")
            try forbid(hasTransform, "inputEPCList")
            try forbid(ilmd != nil, "ilmd")
            if bizTransactionList.isEmpty {
                throw EventValidationError(.fieldRequired, field: "bizTransactionList", "TransactionEvent requires at least one business transaction")
            }
        case .transformationEvent:
            try forbid(action != nil, "action")
            try forbid(parentID != nil, "parentID")
            try forbid(hasChildren, "childEPCs")
            try forbid(!epcList.isEmpty || !quantityList.isEmpty, "epcList")
        }
        if type != .transformationEvent && action == nil {
            throw EventValidationError(.fieldRequired, field: "action", "\(type.rawValue) requires action")
        }
        try EPCISEvent.validateOffset(eventTimeZoneOffset)
        for list in [quantityList, childQuantityList, inputQuantityList, outputQuantityList] {
            for q in list where q.quantity?.isNegative == true {
                throw EventValidationError(.invalidQuantity, field: "quantity", "\(q.epcClass): \(q.quantity ?? .zero) is negative")
            }
        }
    }

    static func validateOffset(_ s: String) throws(EventValidationError) {
        let b = Array(s.utf8)
        let ok = b.count == 6 && (b[0] == 0x2B || b[0] == 0x2D) && ASCII.isDigit(b[1]) && ASCII.isDigit(b[2])
            && b[3] == 0x3A && ASCII.isDigit(b[4]) && ASCII.isDigit(b[5])
        if !ok {
            throw EventValidationError(.invalidTimeZoneOffset, field: "eventTimeZoneOffset", "\"\(s)\" is not ±hh:mm")
        }
    }
}
