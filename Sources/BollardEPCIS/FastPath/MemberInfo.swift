/// What one JSON member name means to the fast path, worked out once per distinct name with the
/// same string tests `FieldBuilder`, `EPCISEventValidator` and `BareWordExpansion` apply.
struct MemberInfo: Sendable {
    /// The role of the member directly inside an event object.
    enum Top: UInt8, Sendable {
        case eventType, skip, skipString, timeLeaf, leaf, action, bizStep, disposition
        case epcArray, quantityArray, pairArray, idObject, persistentDisposition, ilmd, generic, fallback
    }

    /// The role of the member inside an extension or ILMD object.
    enum Nested: UInt8, Sendable { case skip, generic, fallback }

    /// Names the fixed-shape objects (quantity elements, entries, readPoint…) may hold.
    enum Raw: UInt8, Sendable { case other, type, epcClass, quantity, uom, id, set, unset, bizTransaction, source, destination }

    var top: Top
    var nested: Nested
    var raw: Raw
    /// The expanded field name (`{iri}local` for a declared prefix).
    var name: Int32
    /// For bizTransactionList/sourceList/destinationList: the entry's name.
    var pairMember: Int32 = -1
    /// `BareWordExpansion.rule` in two halves: this name as a member, and as the parent.
    var keyClass: UInt8 = 0
    var parentClass: UInt8 = 0

    init(raw key: String, context: JSONLDContext, names: inout FlatNames) {
        let expanded = context.expandKey(key)
        name = names.intern(Array(expanded.utf8))
        raw = switch key {
        case "type": .type
        case "epcClass": .epcClass
        case "quantity": .quantity
        case "uom": .uom
        case "id": .id
        case "set": .set
        case "unset": .unset
        case "bizTransaction": .bizTransaction
        case "source": .source
        case "destination": .destination
        default: .other
        }
        keyClass = switch key {
        case "bizStep": 1
        case "disposition": 2
        case "set", "unset": 3
        case "type": 4
        case "reason": 5
        case "exception": 6
        case "component": 7
        default: 0
        }
        parentClass = switch key {
        case "persistentDisposition": 1
        case "bizTransactionList": 2
        case "sourceList", "destinationList": 3
        case "errorDeclaration": 4
        case "sensorReport": 5
        default: 0
        }
        let plain = Self.isPlainField(expanded)
        switch key.utf8.first {
        case UInt8(ascii: "@"): nested = .skip
        case UInt8(ascii: "#"): nested = key == "#text" ? .fallback : .skip
        default:
            if key == "comment" || key == "rdfs:comment" { nested = .skip } else { nested = plain ? .generic : .fallback }
        }
        switch key {
        case "type": top = .eventType
        case "recordTime", "eventID": top = .skipString
        case "comment", "rdfs:comment": top = .skip
        case "eventTime": top = .timeLeaf
        case "eventTimeZoneOffset", "certificationInfo", "parentID", "transformationID": top = .leaf
        case "action": top = .action
        case "bizStep": top = .bizStep
        case "disposition": top = .disposition
        case "epcList", "inputEPCList", "outputEPCList", "childEPCs": top = .epcArray
        case "quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList": top = .quantityArray
        case "bizTransactionList": top = .pairArray; pairMember = FlatNames.bizTransaction
        case "sourceList": top = .pairArray; pairMember = FlatNames.source
        case "destinationList": top = .pairArray; pairMember = FlatNames.destination
        case "readPoint", "bizLocation": top = .idObject
        case "persistentDisposition": top = .persistentDisposition
        case "ilmd": top = .ilmd
        case "errorDeclaration", "sensorElementList": top = .fallback
        default:
            switch key.utf8.first {
            case UInt8(ascii: "@"): top = .fallback
            case UInt8(ascii: "#"): top = .skip
            default: top = plain ? .generic : .fallback
            }
        }
    }

    /// A name `FieldBuilder` places as it is: not grouped as a list (`…List`, `childEPCs`) and
    /// not renamed to a list member (`FieldBuilder.renamed`).
    static func isPlainField(_ name: String) -> Bool {
        if name.utf8HasSuffix("List") { return false }
        switch name {
        case "childEPCs", "inputEPC", "outputEPC", "inputQuantity", "outputQuantity", "childQuantity", "quantity": return false
        default: return true
        }
    }

    /// `BareWordExpansion.rule(key:parentKey:)` from the two classes.
    @inline(__always)
    static func rule(_ key: UInt8, _ parent: UInt8) -> Int? {
        switch (key, parent) {
        case (1, _): 1
        case (2, _), (3, 1): 2
        case (4, 2): 3
        case (4, 3): 4
        case (5, 4): 5
        case (4, 5): 6
        case (6, 5): 7
        case (7, 5): 8
        default: nil
        }
    }

    /// A (key, parentKey) pair that selects each rule in `BareWordExpansion.vocabularyExpansion`.
    static let ruleKeys: [(String, String)] = [
        ("", ""), ("bizStep", ""), ("disposition", ""), ("type", "bizTransactionList"), ("type", "sourceList"),
        ("reason", "errorDeclaration"), ("type", "sensorReport"), ("exception", "sensorReport"), ("component", "sensorReport"),
    ]
}
