/// One field of a `FlatEvent`: the flat counterpart of `EPCISField`, children linked by index.
struct FlatNode: Sendable {
    var name: Int32
    var valueStart: Int32
    var valueEnd: Int32
    var firstChild: Int32 = -1
    var lastChild: Int32 = -1
    var nextSibling: Int32 = -1
    /// As `EPCISField.valueWrittenBeforeType`.
    var valueBeforeType = false
}

/// One event in the XML binding's shape (EPCIS 2.0 §9), held in three arrays that are reused
/// from event to event: nodes, their value bytes, and where each field of the CBV 2.0 §8.9.2
/// fixed order sits. Building it allocates nothing once the arrays have grown.
struct FlatEvent: Sendable {
    var type: EPCISEventType = .objectEvent
    var nodes: [FlatNode] = []
    var values: [UInt8] = []
    /// Node of each `FieldOrder.event` entry, or -1.
    var slots = [Int32](repeating: -1, count: FlatNames.fixedOrderCount)
    /// Top-level nodes outside the fixed order: the sorted remainder of the pre-hash.
    var tail: [Int32] = []
    /// Every top-level node in document order: the event's fields as `FieldBuilder` meets them.
    var top: [Int32] = []

    init() {
        nodes.reserveCapacity(128)
        values.reserveCapacity(4096)
        tail.reserveCapacity(16)
        top.reserveCapacity(32)
    }

    mutating func reset() {
        nodes.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        tail.removeAll(keepingCapacity: true)
        top.removeAll(keepingCapacity: true)
        for i in slots.indices { slots[i] = -1 }
    }

    /// A node whose value is `values[valueStart...]` as appended so far; linked under `parent`
    /// when that is not -1.
    @inline(__always)
    mutating func addNode(name: Int32, valueFrom valueStart: Int, parent: Int32) -> Int32 {
        let i = Int32(nodes.count)
        nodes.append(FlatNode(name: name, valueStart: Int32(valueStart), valueEnd: Int32(values.count)))
        if parent >= 0 {
            let p = Int(parent)
            if nodes[p].lastChild >= 0 { nodes[Int(nodes[p].lastChild)].nextSibling = i } else { nodes[p].firstChild = i }
            nodes[p].lastChild = i
        } else {
            top.append(i)
        }
        return i
    }

    @inline(__always)
    mutating func appendValue(_ s: StaticString) {
        values.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }
}

/// Field names of flat events, interned: the names of the fixed order first (their ids are
/// their `FieldOrder.event` positions), then the member names of lists and entries, then
/// whatever expanded extension names documents bring.
struct FlatNames: Sendable {
    static let fixedOrderCount = FieldOrder.event.entries.count

    /// Every name's bytes, one after the other, and each name's start and end in it: the
    /// pre-hash writer copies names from here through raw pointers, without reference counting.
    private(set) var pool: [UInt8] = []
    private(set) var ranges: [Int32] = []
    private var table = ByteTable(capacity: 64)

    var count: Int { ranges.count / 2 }

    static let epc = Int32(fixedOrderCount)
    static let quantityElement = epc + 1
    static let epcClass = epc + 2
    static let quantity = epc + 3
    static let uom = epc + 4
    static let set = epc + 5
    static let unset = epc + 6
    static let id = epc + 7
    static let type = epc + 8
    static let bizTransaction = epc + 9
    static let source = epc + 10
    static let destination = epc + 11

    init() {
        for e in FieldOrder.event.entries { intern(Array(e.name.utf8)) }
        for n in ["epc", "quantityElement", "epcClass", "quantity", "uom", "set", "unset", "id", "type",
                  "bizTransaction", "source", "destination"] { intern(Array(n.utf8)) }
    }

    static func fixed(_ name: String) -> Int32 {
        Int32(FieldOrder.event.index[name] ?? -1)
    }

    @discardableResult
    mutating func intern(_ name: [UInt8]) -> Int32 {
        if let e = table.find(name) { return table.entries[e].value }
        let id = Int32(count)
        ranges.append(Int32(pool.count))
        pool += name
        ranges.append(Int32(pool.count))
        table.insert(name, value: id)
        return id
    }

    @inline(__always)
    static func isPairName(_ id: Int32) -> Bool {
        id == bizTransaction || id == source || id == destination
    }
}
