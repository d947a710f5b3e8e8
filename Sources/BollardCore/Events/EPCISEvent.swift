/// A custody event, shaped as an EPCIS 2.0 event so that any EPCIS document maps onto it and
/// any Bollard-derived event can be written back as EPCIS. Field names are the EPCIS names;
/// which fields a type may carry is checked by `validate()`.
///
/// One struct for the five event types rather than five types: the EPCIS mappers fill fields by
/// name in document order, and the hash algorithm walks fields in one fixed order regardless of
/// type. `sourcePointer` is Bollard's addition and is never part of the EPCIS content.
public struct EPCISEvent: Hashable, Sendable, Codable {
    public var type: EventType
    public var eventID: String?
    public var eventTime: EventTime
    /// `±hh:mm` as written; kept verbatim (it takes part in the event hash).
    public var eventTimeZoneOffset: String
    public var recordTime: EventTime?
    public var errorDeclaration: ErrorDeclaration?
    public var certificationInfo: [String]

    public var parentID: EPC?
    public var epcList: [EPC]
    public var childEPCs: [EPC]
    public var inputEPCList: [EPC]
    public var outputEPCList: [EPC]
    public var quantityList: [QuantityElement]
    public var childQuantityList: [QuantityElement]
    public var inputQuantityList: [QuantityElement]
    public var outputQuantityList: [QuantityElement]
    public var transformationID: String?

    public var action: Action?
    public var bizStep: BizStep?
    public var disposition: Disposition?
    public var persistentDisposition: PersistentDisposition?
    public var readPoint: EPCISLocation?
    public var bizLocation: EPCISLocation?
    public var bizTransactionList: [BizTransaction]
    public var sourceList: [SourceDestination]
    public var destinationList: [SourceDestination]
    public var sensorElementList: [SensorElement]
    public var ilmd: ILMD?
    public var extensions: [ExtensionElement]

    /// Where in which document this event was read or derived from.
    public var sourcePointer: SourcePointer

    public init(type: EventType, eventTime: EventTime, eventTimeZoneOffset: String, action: Action?,
                sourcePointer: SourcePointer) {
        self.type = type
        self.eventTime = eventTime
        self.eventTimeZoneOffset = eventTimeZoneOffset
        self.action = action
        self.sourcePointer = sourcePointer
        certificationInfo = []
        epcList = []
        childEPCs = []
        inputEPCList = []
        outputEPCList = []
        quantityList = []
        childQuantityList = []
        inputQuantityList = []
        outputQuantityList = []
        bizTransactionList = []
        sourceList = []
        destinationList = []
        sensorElementList = []
        extensions = []
    }

    /// Every EPC and EPC class the event names, in field order, without duplicates.
    public var allObjects: [EPC] {
        var seen = Set<EPC>()
        var out = [EPC]()
        let lists: [[EPC]] = [
            parentID.map { [$0] } ?? [], epcList, childEPCs, inputEPCList, outputEPCList,
            quantityList.map(\.epcClass), childQuantityList.map(\.epcClass),
            inputQuantityList.map(\.epcClass), outputQuantityList.map(\.epcClass),
        ]
        for list in lists {
            for epc in list where seen.insert(epc).inserted { out.append(epc) }
        }
        return out
    }

    /// The bizTransaction values of a type, e.g. all bills of lading the event cites.
    public func bizTransactions(ofType type: BizTransactionType) -> [String] {
        bizTransactionList.filter { $0.type == type }.map(\.bizTransaction)
    }
}
