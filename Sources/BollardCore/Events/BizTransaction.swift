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
