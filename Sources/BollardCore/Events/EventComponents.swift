/// EPCIS 2.0 event type.
public enum EventType: String, Hashable, Sendable, Codable, CaseIterable {
    case objectEvent = "ObjectEvent"
    case aggregationEvent = "AggregationEvent"
    case transactionEvent = "TransactionEvent"
    case transformationEvent = "TransformationEvent"
    case associationEvent = "AssociationEvent"
}

/// EPCIS 2.0 action: how the event relates to the lifecycle of what it names.
public enum Action: String, Hashable, Sendable, Codable, CaseIterable {
    case add = "ADD"
    case observe = "OBSERVE"
    case delete = "DELETE"
}

/// An EPCIS quantityElement: an amount of an EPC class (a lot), in a Rec 20 unit.
/// `uom` is absent when the quantity is a count of instances.
public struct QuantityElement: Hashable, Sendable, Codable {
    public var epcClass: EPC
    public var quantity: ExactDecimal
    public var uom: UnitCode?

    public init(epcClass: EPC, quantity: ExactDecimal, uom: UnitCode? = nil) {
        self.epcClass = epcClass
        self.quantity = quantity
        self.uom = uom
    }

    /// The amount as a `Quantity`; a unit-less count is in C62 (one).
    public var asQuantity: Quantity { Quantity(quantity, uom ?? .one) }
}

/// readPoint or bizLocation: an identifier (usually a GLN Digital Link or SGLN) plus any
/// extension elements the sender nested inside.
public struct EPCISLocation: Hashable, Sendable, Codable {
    public var id: String
    public var extensions: [ExtensionElement]

    public init(id: String, extensions: [ExtensionElement] = []) {
        self.id = id
        self.extensions = extensions
    }

    public init(_ location: StorageLocation) { self.init(id: location.uri) }

    /// The Bollard location, when the id is in the GLN Digital Link form.
    public var storageLocation: StorageLocation? { try? StorageLocation(uri: id) }
}

/// An entry of bizTransactionList. `type` is optional in EPCIS.
public struct BizTransaction: Hashable, Sendable, Codable {
    public var type: BizTransactionType?
    public var bizTransaction: String

    public init(type: BizTransactionType?, bizTransaction: String) {
        self.type = type
        self.bizTransaction = bizTransaction
    }
}

/// An entry of sourceList or destinationList.
public struct SourceDestination: Hashable, Sendable, Codable {
    public var type: SourceDestType
    /// The party or location URI; named `source` / `destination` in EPCIS documents.
    public var value: String

    public init(type: SourceDestType, value: String) {
        self.type = type
        self.value = value
    }
}

/// A user extension element: `{namespace}localName`, with text and/or child elements.
/// The namespace is kept exactly as declared (the GS1 event hash depends on it).
public struct ExtensionElement: Hashable, Sendable, Codable {
    public var namespace: String
    public var name: String
    public var value: String?
    public var children: [ExtensionElement]

    public init(namespace: String, name: String, value: String? = nil, children: [ExtensionElement] = []) {
        self.namespace = namespace
        self.name = name
        self.value = value
        self.children = children
    }
}

/// EPCIS errorDeclaration: this event is declared erroneous.
public struct ErrorDeclaration: Hashable, Sendable, Codable {
    public var declarationTime: EventTime
    public var reason: ErrorReason?
    public var correctiveEventIDs: [String]
    public var extensions: [ExtensionElement]

    public init(declarationTime: EventTime, reason: ErrorReason? = nil, correctiveEventIDs: [String] = [], extensions: [ExtensionElement] = []) {
        self.declarationTime = declarationTime
        self.reason = reason
        self.correctiveEventIDs = correctiveEventIDs
        self.extensions = extensions
    }
}

/// persistentDisposition: dispositions set or unset until changed.
public struct PersistentDisposition: Hashable, Sendable, Codable {
    public var set: [Disposition]
    public var unset: [Disposition]

    public init(set: [Disposition] = [], unset: [Disposition] = []) {
        self.set = set
        self.unset = unset
    }
}

/// Instance/lot master data (EPCIS ILMD): for Bollard, the commodity description of
/// a lot at commissioning, plus any other extension elements the sender included.
public struct ILMD: Hashable, Sendable, Codable {
    public var commodity: Commodity?
    public var hsCode: HSCode?
    public var extensions: [ExtensionElement]

    public init(commodity: Commodity? = nil, hsCode: HSCode? = nil, extensions: [ExtensionElement] = []) {
        self.commodity = commodity
        self.hsCode = hsCode
        self.extensions = extensions
    }
}
