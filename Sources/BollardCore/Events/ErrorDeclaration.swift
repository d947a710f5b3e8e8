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
