/// The five event types of EPCIS 2.0 §7.4.
public enum EPCISEventType: String, Sendable, Equatable, CaseIterable {
    case objectEvent = "ObjectEvent"
    case aggregationEvent = "AggregationEvent"
    case transactionEvent = "TransactionEvent"
    case transformationEvent = "TransformationEvent"
    case associationEvent = "AssociationEvent"
}

/// One field of an EPCIS event in the XML binding's shape (EPCIS 2.0 §9), whichever syntax it
/// was read from.
///
/// Both bindings are brought to one tree so that the CBV 2.0 event hash (§8.9) and the later
/// mapping to core events read one structure. `name` is the EPCIS field name (`epcList`,
/// `quantityElement`, `readPoint`, `id`…) or, for a user extension, `{namespaceURI}localName`
/// with the namespace resolved through `@context` or the XML namespace declarations.
/// `value` is the text exactly as written (JSON numbers keep their source spelling).
/// List-valued fields hold their members as children (`epcList` → `epc`…); a bizTransaction,
/// source or destination entry holds its value in `value` and its `type` as a child.
public struct EPCISField: Sendable, Equatable {
    public var name: String
    public var value: String
    public var children: [EPCISField]
    /// For a bizTransaction/source/destination entry read from JSON-LD: the identifier member was
    /// written before `type`. GS1's reference generator then hashes the identifier first (it
    /// reads the two members in written order), so the order is kept for hashes to agree.
    public var valueWrittenBeforeType: Bool = false

    public init(name: String, value: String = "", children: [EPCISField] = []) {
        self.name = name
        self.value = value
        self.children = children
    }

    public func child(_ name: String) -> EPCISField? {
        children.first { $0.name == name }
    }
}

/// One EPCIS 2.0 event: its type, its fields, and where it sits in its document.
public struct EPCISEvent: Sendable, Equatable {
    public var type: EPCISEventType
    /// Top-level fields in document order, including those the hash ignores (eventID,
    /// recordTime, errorDeclaration), so the event can later be mapped without loss.
    public var fields: [EPCISField]
    /// JSON path (`$.epcisBody.eventList[2]`) or XML line (`line 40`) of the event.
    public var position: String

    public init(type: EPCISEventType, fields: [EPCISField], position: String) {
        self.type = type
        self.fields = fields
        self.position = position
    }

    public func field(_ name: String) -> EPCISField? {
        fields.first { $0.name == name }
    }

    /// The value of a top-level leaf field such as `eventTime`, `action` or `bizStep`.
    public subscript(name: String) -> String? {
        field(name)?.value
    }
}

/// The document kinds of EPCIS 2.0 §9 (XML) and §10 (JSON-LD) that carry events.
public enum EPCISDocumentKind: String, Sendable, Equatable {
    case document = "EPCISDocument"
    case queryDocument = "EPCISQueryDocument"
    case bareEvent = "event"
}

/// A parsed EPCIS document: its events in document order.
public struct EPCISDocument: Sendable, Equatable {
    public var kind: EPCISDocumentKind
    public var events: [EPCISEvent]
    /// Field names (`{namespace}local`) the document asks hash generators to leave out, from the
    /// `ignoreFields` list under `https://repository-x.example.com/` that GS1's reference
    /// generator honours. Empty for ordinary documents.
    public var ignoredFields: [String]

    public init(kind: EPCISDocumentKind, events: [EPCISEvent], ignoredFields: [String] = []) {
        self.kind = kind
        self.events = events
        self.ignoredFields = ignoredFields
    }
}
