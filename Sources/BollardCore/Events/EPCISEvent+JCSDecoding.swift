import Foundation

/// A custody event read back from its RFC 8785 form (`EPCISEvent+JCS`) without `JSONDecoder`:
/// every worker replays the records the other workers commit, and a server's follower every
/// record, so decoding a log leaf is on their path — through `Codable`, most of a second
/// worker's CPU.
///
/// The result is the one `JSONDecoder` gives, by construction: members are read as the
/// synthesized `Decodable` conformances read them (required members present, optional ones
/// absent or null, unknown ones ignored) through the same validating initialisers (EPC, CBV
/// terms, times, decimals). Anything else — a member of another JSON type, a value an
/// initialiser refuses, a member this reader does not take apart (error declarations, sensor
/// elements, ILMD, persistent dispositions, which are decoded from their own subtree with
/// `JSONDecoder`) — makes it return nil, and the caller decodes the whole leaf with
/// `JSONDecoder` for its exact error. `EPCISEventJCSDecodingTests` hold the two to the same
/// values.
extension EPCISEvent {
    public init?(jcs value: JCSValue) {
        let r = JCSFieldReader(value)
        guard r.isObject, let typeText = r.string("type"), let type = EventType(rawValue: typeText),
              let eventTime: EventTime = r.text("eventTime"),
              let offset = r.string("eventTimeZoneOffset"),
              let action = r.optionalRaw("action") as Action??,
              let pointer = r.value("sourcePointer").flatMap(SourcePointer.init(jcs:))
        else { return nil }
        self.init(type: type, eventTime: eventTime, eventTimeZoneOffset: offset, action: action, sourcePointer: pointer)
        guard let eventID = r.optionalString("eventID"), let recordTime = r.optionalText("recordTime") as EventTime??,
              let certificationInfo = r.strings("certificationInfo"),
              let parentID = r.optionalText("parentID") as EPC??,
              let epcList: [EPC] = r.texts("epcList"), let childEPCs: [EPC] = r.texts("childEPCs"),
              let inputEPCList: [EPC] = r.texts("inputEPCList"), let outputEPCList: [EPC] = r.texts("outputEPCList"),
              let quantityList = r.list("quantityList", QuantityElement.init(jcs:)),
              let childQuantityList = r.list("childQuantityList", QuantityElement.init(jcs:)),
              let inputQuantityList = r.list("inputQuantityList", QuantityElement.init(jcs:)),
              let outputQuantityList = r.list("outputQuantityList", QuantityElement.init(jcs:)),
              let transformationID = r.optionalString("transformationID"),
              let bizStep = r.optionalText("bizStep") as BizStep??, let disposition = r.optionalText("disposition") as Disposition??,
              let readPoint = r.optional("readPoint", EPCISLocation.init(jcs:)),
              let bizLocation = r.optional("bizLocation", EPCISLocation.init(jcs:)),
              let bizTransactionList = r.list("bizTransactionList", BizTransaction.init(jcs:)),
              let sourceList = r.list("sourceList", SourceDestination.init(jcs:)),
              let destinationList = r.list("destinationList", SourceDestination.init(jcs:)),
              let extensions = r.list("extensions", ExtensionElement.init(jcs:)),
              let errorDeclaration: ErrorDeclaration?? = r.optionalDecoded("errorDeclaration"),
              let persistentDisposition: PersistentDisposition?? = r.optionalDecoded("persistentDisposition"),
              let sensorElementList: [SensorElement] = r.decodedList("sensorElementList"),
              let ilmd: ILMD?? = r.optionalDecoded("ilmd")
        else { return nil }
        self.eventID = eventID
        self.recordTime = recordTime
        self.certificationInfo = certificationInfo
        self.parentID = parentID
        self.epcList = epcList
        self.childEPCs = childEPCs
        self.inputEPCList = inputEPCList
        self.outputEPCList = outputEPCList
        self.quantityList = quantityList
        self.childQuantityList = childQuantityList
        self.inputQuantityList = inputQuantityList
        self.outputQuantityList = outputQuantityList
        self.transformationID = transformationID
        self.bizStep = bizStep
        self.disposition = disposition
        self.readPoint = readPoint
        self.bizLocation = bizLocation
        self.bizTransactionList = bizTransactionList
        self.sourceList = sourceList
        self.destinationList = destinationList
        self.extensions = extensions
        self.errorDeclaration = errorDeclaration ?? nil
        self.persistentDisposition = persistentDisposition ?? nil
        self.sensorElementList = sensorElementList
        self.ilmd = ilmd ?? nil
    }
}

extension QuantityElement {
    init?(jcs value: JCSValue) {
        let r = JCSFieldReader(value)
        guard r.isObject, let epcClass: EPC = r.text("epcClass"), let quantity = r.optionalText("quantity") as ExactDecimal??,
              let uom = r.optionalText("uom") as UnitCode??
        else { return nil }
        self.init(epcClass: epcClass, quantity: quantity, uom: uom)
    }
}

extension EPCISLocation {
    init?(jcs value: JCSValue) {
        let r = JCSFieldReader(value)
        guard r.isObject, let id = r.string("id"), let extensions = r.list("extensions", ExtensionElement.init(jcs:)) else { return nil }
        self.init(id: id, extensions: extensions)
    }
}

extension BizTransaction {
    init?(jcs value: JCSValue) {
        let r = JCSFieldReader(value)
        guard r.isObject, let text = r.string("bizTransaction"), let type = r.optionalText("type") as BizTransactionType?? else { return nil }
        self.init(type: type, bizTransaction: text)
    }
}

extension SourceDestination {
    init?(jcs value: JCSValue) {
        let r = JCSFieldReader(value)
        guard r.isObject, let type: SourceDestType = r.text("type"), let text = r.string("value") else { return nil }
        self.init(type: type, value: text)
    }
}

extension ExtensionElement {
    init?(jcs value: JCSValue) {
        let r = JCSFieldReader(value)
        guard r.isObject, let namespace = r.string("namespace"), let name = r.string("name"),
              let text = r.optionalString("value"), let children = r.list("children", ExtensionElement.init(jcs:))
        else { return nil }
        self.init(namespace: namespace, name: name, value: text, children: children)
    }
}

extension SourcePointer {
    /// Through `init(documentSHA256:position:)`, which checks the digest: where synthesized
    /// decoding would take one it refuses, nil sends the caller to `JSONDecoder`.
    init?(jcs value: JCSValue) {
        let r = JCSFieldReader(value)
        guard r.isObject, let digest = r.string("documentSHA256"), let position = r.value("position").flatMap(SourcePosition.init(jcs:)),
              let pointer = try? SourcePointer(documentSHA256: digest, position: position)
        else { return nil }
        self = pointer
    }
}

extension SourcePosition {
    /// `{"case":{labels…}}`, as synthesized `Codable` writes an enum with associated values.
    init?(jcs value: JCSValue) {
        guard case .object(let cases) = value, cases.count == 1, let only = cases.first else { return nil }
        let r = JCSFieldReader(only.value)
        guard r.isObject else { return nil }
        switch only.name {
        case "jsonPath":
            guard let path = r.string("path") else { return nil }
            self = .jsonPath(path: path)
        case "xml":
            guard let line = r.int("line"), let column = r.int("column") else { return nil }
            self = .xml(line: line, column: column)
        case "ediSegments":
            guard let reference = r.string("messageReference"), let first = r.int("firstSegment"), let last = r.int("lastSegment")
            else { return nil }
            self = .ediSegments(messageReference: reference, firstSegment: first, lastSegment: last)
        case "wholeDocument":
            self = .wholeDocument
        default:
            return nil
        }
    }
}

/// The members of one JSON object, read as synthesized `Decodable` reads them. Every accessor
/// returns nil when the member is not what that would accept; an optional member's value is
/// then `.some(nil)` when absent or null.
struct JCSFieldReader {
    /// Looked up by a scan, not a dictionary: objects here have at most a few dozen members with
    /// short names, where hashing each name cost more than comparing them (the parser has
    /// already refused duplicate names).
    private let members: [JCSMember]
    let isObject: Bool

    init(_ value: JCSValue) {
        guard case .object(let list) = value else {
            members = []
            isObject = false
            return
        }
        members = list
        isObject = true
    }

    func value(_ name: String) -> JCSValue? {
        for member in members where member.name == name { return member.value }
        return nil
    }

    private subscript(_ name: String) -> JCSValue? { value(name) }

    func string(_ name: String) -> String? {
        guard case .string(let s) = self[name] else { return nil }
        return s
    }

    func optionalString(_ name: String) -> String?? {
        switch self[name] {
        case nil, .null?: return .some(nil)
        case .string(let s)?: return s
        default: return nil
        }
    }

    /// An integer member below 2⁵³, where the parsed double is the literal's integer (a
    /// canonical leaf spells such an integer in full). Beyond it RFC 8785 respells the double
    /// (2⁶⁰ is written 1152921504606847000) and `Int`'s `Decodable` reads the digits, not the
    /// double: nil, so `JSONDecoder` reads it.
    func int(_ name: String) -> Int? {
        guard case .number(let d) = self[name], d.magnitude < 9_007_199_254_740_992 else { return nil }
        return Int(exactly: d)
    }

    func text<T: TextCodable>(_ name: String) -> T? {
        string(name).flatMap { try? T($0) }
    }

    func optionalText<T: TextCodable>(_ name: String) -> T?? {
        switch self[name] {
        case nil, .null?: return .some(nil)
        case .string(let s)?: return (try? T(s)).map { .some($0) }
        default: return nil
        }
    }

    func optionalRaw<T: RawRepresentable>(_ name: String) -> T?? where T.RawValue == String {
        switch self[name] {
        case nil, .null?: return .some(nil)
        case .string(let s)?: return T(rawValue: s).map { .some($0) }
        default: return nil
        }
    }

    func strings(_ name: String) -> [String]? {
        guard case .array(let items) = self[name] else { return nil }
        var out: [String] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard case .string(let s) = item else { return nil }
            out.append(s)
        }
        return out
    }

    func texts<T: TextCodable>(_ name: String) -> [T]? {
        guard case .array(let items) = self[name] else { return nil }
        var out: [T] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard case .string(let s) = item, let v = try? T(s) else { return nil }
            out.append(v)
        }
        return out
    }

    func list<T>(_ name: String, _ read: (JCSValue) -> T?) -> [T]? {
        guard case .array(let items) = self[name] else { return nil }
        var out: [T] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard let v = read(item) else { return nil }
            out.append(v)
        }
        return out
    }

    func optional<T>(_ name: String, _ read: (JCSValue) -> T?) -> T?? {
        switch self[name] {
        case nil, .null?: return .some(nil)
        case let value?: return read(value).map { .some($0) }
        }
    }

    /// A member decoded from its own subtree with `JSONDecoder`: the parts rare in custody
    /// records, where a second reader would only be a second place for a mistake.
    func decodedList<T: Decodable>(_ name: String) -> [T]? {
        guard case .array(let items) = self[name] else { return nil }
        // An empty list (nearly every record's) needs no decoder.
        return items.isEmpty ? [] : Self.decode([T].self, .array(items))
    }

    func optionalDecoded<T: Decodable>(_ name: String) -> T?? {
        switch self[name] {
        case nil, .null?: return .some(nil)
        case let value?: return Self.decode(T.self, value).map { .some($0) }
        }
    }

    private static func decode<T: Decodable>(_: T.Type, _ value: JCSValue) -> T? {
        guard let bytes = try? JCS.canonicalize(value) else { return nil }
        return try? JSONDecoder().decode(T.self, from: Data(bytes))
    }
}
