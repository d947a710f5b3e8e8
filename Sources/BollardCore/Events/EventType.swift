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
