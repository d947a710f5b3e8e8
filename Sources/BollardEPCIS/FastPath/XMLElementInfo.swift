/// What one element name (local name and namespace) means to the XML fast path, worked out once
/// per distinct name with the string tests `EPCISXMLDecoder` and `XMLFieldBuilder` apply.
struct XMLElementInfo: Sendable {
    /// The role of an unqualified element directly inside an event (EPCIS 2.0 §9).
    enum Top: UInt8, Sendable {
        /// A field of the CBV 2.0 §8.9.2 fixed order.
        case fixed
        /// `recordTime`, `eventID`, `type`: never hashed (`PreHashBuilder.isNeverHashed`).
        case skip
        /// Shapes the fast path leaves to the general path (sensor data, error declarations).
        case fallback
        /// Anything else: a field of the sorted remainder.
        case generic
    }

    /// `{namespaceURI}localName`, interned.
    var name: Int32
    var unqualified: Bool
    var top: Top
    /// For `.fixed`: the name's `FieldOrder.event` position.
    var fixedSlot: Int
    var eventType: EPCISEventType?
    /// Unqualified `extension`/`baseExtension`: the 1.x wrappers `XMLFieldBuilder` dissolves.
    var isWrapper: Bool
    /// Unqualified bizTransaction/source/destination: `XMLFieldBuilder.field`'s entries.
    var isPair: Bool
    var isEventList: Bool
    var isIgnoreFields: Bool
    var local: String

    init(local: String, namespace: String?, names: inout FlatNames) {
        self.local = local
        unqualified = namespace == nil
        let clark = namespace.map { "{" + $0 + "}" + local } ?? local
        name = names.intern(Array(clark.utf8))
        eventType = unqualified ? EPCISEventType(rawValue: local) : nil
        isWrapper = unqualified && (local == "extension" || local == "baseExtension")
        isPair = unqualified && PreHashBuilder.isPairName(local)
        isEventList = local == "EventList"
        isIgnoreFields = local == "ignoreFields"
        fixedSlot = -1
        if !unqualified {
            top = .generic
        } else if let k = FieldOrder.event.index[local] {
            top = local == "sensorElementList" ? .fallback : .fixed
            fixedSlot = k
        } else {
            switch local {
            case "recordTime", "eventID", "type": top = .skip
            case "errorDeclaration", "extension", "baseExtension": top = .fallback
            default: top = .generic
            }
        }
    }
}
