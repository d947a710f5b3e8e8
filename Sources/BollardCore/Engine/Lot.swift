/// Everything the engine knows about one tracked object (bar, lot, parcel or container).
public struct Lot: Hashable, Sendable, Codable {
    public var epc: EPC
    public var commodity: Commodity?
    public var hsCode: HSCode?
    /// The quantity stated when the lot was commissioned or produced.
    public var declaredQuantity: Quantity?
    /// The quantity the latest bill-of-lading-bearing event stated.
    public var manifestQuantity: Quantity?
    /// Bills of lading that name the lot or its container.
    public var manifests: [String]
    /// Indexes into `ProvenanceState.events` of every event naming the lot directly.
    public var eventIndexes: [Int]
    /// Containment by aggregation, with the event index window.
    public var memberships: [Membership]
    /// Every object ever aggregated into this one.
    public var children: [EPC]
    /// Transformation inputs this lot was produced from, and outputs it was consumed into.
    public var derivedFrom: [Derivation]
    public var transformedInto: [Derivation]
    /// Index of the first event that evidences arrival (see `ProvenancePolicy.arrivalBizSteps`).
    public var arrivalEventIndex: Int?
    public var lastBizLocation: String?
    public var lastDisposition: Disposition?
    public var confirmations: [InventoryConfirmation]
    public var receipts: [ReceiptKey]
    /// Indexes into `ProvenanceState.discrepancies` and `.custodyGaps` for this lot.
    public var discrepancyIndexes: [Int]
    public var custodyGapIndexes: [Int]

    public init(epc: EPC) {
        self.epc = epc
        manifests = []
        eventIndexes = []
        memberships = []
        children = []
        derivedFrom = []
        transformedInto = []
        confirmations = []
        receipts = []
        discrepancyIndexes = []
        custodyGapIndexes = []
    }

    /// The expected quantity for reconciliation: the manifest's, else the declared one.
    public var expectedQuantity: Quantity? { manifestQuantity ?? declaredQuantity }

    public var currentParent: EPC? { memberships.last { $0.removedAt == nil }?.parent }
}

public struct Membership: Hashable, Sendable, Codable {
    public var parent: EPC
    public var addedAt: Int
    public var removedAt: Int?
}

public struct Derivation: Hashable, Sendable, Codable {
    public var lot: EPC
    public var eventIndex: Int
}

/// A lot confirmed present by an inventory report or a stock-taking event.
public struct InventoryConfirmation: Hashable, Sendable, Codable {
    /// Who confirmed it: only a warehouse's own confirmation counts for its receipts.
    public var submitter: PartyID
    public var time: EventTime
    public var location: String?
    public var quantity: Quantity?
    public var sequence: Int
    public var source: SourcePointer
}

/// An event as recorded, with the engine sequence number it was accepted under.
public struct RecordedEvent: Hashable, Sendable, Codable {
    public var sequence: Int
    public var submitter: PartyID
    public var event: EPCISEvent
    /// Index of a later event that declared this one erroneous (EPCIS errorDeclaration).
    public var declaredErroneousBy: Int?
}
