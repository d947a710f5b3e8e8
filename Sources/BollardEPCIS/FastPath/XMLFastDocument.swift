import BollardXML

/// Hashes an EPCIS 2.0 XML document (§9) as libxml2 streams it: each event is built as a
/// `FlatEvent` between its start and end tags, the shape `XMLFieldBuilder` gives it, and written
/// by `FlatPreHashWriter`, with no `XMLElement` or `EPCISField` tree.
///
/// Anything it does not reproduce exactly stops the stream and the document takes the general
/// path (`EPCISXMLDecoder`), which also reports refusals with their lines: query documents,
/// bare events, `ignoreFields`, `extension` wrappers, sensor data, error declarations, fixed
/// fields written twice or with attributes or children of their own, attribute values with a
/// `&`, vocabulary `EPCISEventValidator` refuses, and whatever the hardened reader refuses.
final class XMLFastDocument: XMLStreamHandler {
    private enum Kind: UInt8 {
        case root, outer, body, eventList, event, skip
        case leaf, epcList, quantityList, quantityElement, persistentDisposition, ids, generic, pairEntry
    }

    /// What the text before an element's first child element must be or becomes.
    private enum TextUse: UInt8 {
        case none, blank, value, rawValue
    }

    /// The vocabulary check `XMLEventValidator` makes on a value.
    private enum Check: UInt8 { case none, action, bizStep, disposition }

    private struct Frame {
        var kind: Kind
        var node: Int32 = -1
        var text: TextUse = .none
        var check: Check = .none
        /// Children seen, as bits: the quantity element's members, the single `id`.
        var present: UInt8 = 0
    }

    let includePreHashes: Bool
    private(set) var hashes: [EPCISEventHash] = []
    private var names = FlatNames()
    private var event = FlatEvent()
    private var writer = FlatPreHashWriter()
    private var stack: [Frame] = []
    private var text: [UInt8] = []
    private var sawEventList = false
    private var eventLine = 0

    /// Element names by the parser dictionary's pointers (local name, namespace), direct-mapped.
    private var infoKeys = [(UnsafeRawPointer?, UnsafeRawPointer?)](repeating: (nil, nil), count: 256)
    private var infoSlots = [Int32](repeating: -1, count: 256)
    private var infos: [XMLElementInfo] = []
    private var infoIndex: [String: Int32] = [:]
    private var vocabularyAnswers = [ByteTable](repeating: ByteTable(capacity: 16), count: 2)

    init(includePreHashes: Bool) {
        self.includePreHashes = includePreHashes
        stack.reserveCapacity(32)
        text.reserveCapacity(256)
    }

    static let eventTime = Int(FlatNames.fixed("eventTime"))
    static let action = Int(FlatNames.fixed("action"))
    static let bizStep = Int(FlatNames.fixed("bizStep"))
    static let disposition = Int(FlatNames.fixed("disposition"))

    /// Hashes of every event, or nil when the document needs the general path.
    static func hashes(_ bytes: [UInt8], includePreHashes: Bool) -> [EPCISEventHash]? {
        let document = XMLFastDocument(includePreHashes: includePreHashes)
        guard XMLReader().stream(bytes, into: document), document.sawEventList else { return nil }
        return document.hashes
    }

    // MARK: - names

    private func infoID(_ local: UnsafePointer<UInt8>, _ uri: UnsafePointer<UInt8>?) -> Int32 {
        let a = UnsafeRawPointer(local), b = uri.map(UnsafeRawPointer.init)
        let slot = ((Int(bitPattern: a) >> 3) ^ (b.map { Int(bitPattern: $0) >> 5 } ?? 0)) & 255
        if infoKeys[slot].0 == a, infoKeys[slot].1 == b { return infoSlots[slot] }
        let localName = String(cString: local)
        let namespace = uri.map { String(cString: $0) }
        let key = (namespace.map { "{" + $0 + "}" } ?? "") + localName
        let id: Int32
        if let known = infoIndex[key] {
            id = known
        } else {
            id = Int32(infos.count)
            infos.append(XMLElementInfo(local: localName, namespace: namespace, names: &names))
            infoIndex[key] = id
        }
        infoKeys[slot] = (a, b)
        infoSlots[slot] = id
        return id
    }

    // MARK: - the stream

    func startElement(localName: UnsafePointer<UInt8>, namespaceURI: UnsafePointer<UInt8>?,
                      attributes: XMLStreamAttributes, line: () -> Int) -> Bool
    {
        let info = infos[Int(infoID(localName, namespaceURI))]
        guard let last = stack.indices.last else {
            guard info.local == "EPCISDocument" else { return false }
            stack.append(Frame(kind: .root))
            return true
        }
        if stack[last].text != .none {
            guard finishText(last) else { return false }
        }
        switch stack[last].kind {
        case .root, .outer, .body:
            // `EPCISXMLDecoder.findEventList` takes the first `EventList` breadth first and
            // `ignoredFields` looks next to it: only the plain layout is taken here.
            if info.isIgnoreFields { return false }
            if info.isEventList {
                guard stack[last].kind == .body, info.unqualified, !sawEventList else { return false }
                sawEventList = true
                stack.append(Frame(kind: .eventList))
            } else if stack[last].kind == .root, info.unqualified, info.local == "EPCISBody" {
                stack.append(Frame(kind: .body))
            } else {
                stack.append(Frame(kind: .outer))
            }
        case .eventList:
            guard let type = info.eventType, attributes.count == 0 else { return false }
            event.reset()
            event.type = type
            eventLine = line()
            stack.append(Frame(kind: .event))
        case .event:
            return topLevel(info, attributes)
        case .skip, .pairEntry:
            stack.append(Frame(kind: .skip))
        case .leaf:
            return false
        case .epcList:
            guard info.unqualified, info.name == FlatNames.epc, attributes.count == 0 else { return false }
            pushLeaf(info.name, parent: stack[last].node, .none)
        case .quantityList:
            guard info.unqualified, info.name == FlatNames.quantityElement, attributes.count == 0 else { return false }
            let node = event.addNode(name: info.name, valueFrom: event.values.count, parent: stack[last].node)
            stack.append(Frame(kind: .quantityElement, node: node, text: .blank))
        case .quantityElement:
            let bit: UInt8
            switch info.name {
            case FlatNames.epcClass: bit = 1
            case FlatNames.quantity: bit = 2
            case FlatNames.uom: bit = 4
            default: return false
            }
            guard info.unqualified, attributes.count == 0, stack[last].present & bit == 0 else { return false }
            stack[last].present |= bit
            pushLeaf(info.name, parent: stack[last].node, .none)
        case .persistentDisposition:
            guard info.unqualified, info.name == FlatNames.set || info.name == FlatNames.unset, attributes.count == 0 else { return false }
            pushLeaf(info.name, parent: stack[last].node, .disposition)
        case .ids:
            guard info.unqualified, info.name == FlatNames.id, attributes.count == 0, stack[last].present == 0 else { return false }
            stack[last].present = 1
            pushLeaf(info.name, parent: stack[last].node, .none)
        case .generic:
            return field(info, attributes, parent: stack[last].node)
        }
        return true
    }

    func endElement() -> Bool {
        guard let last = stack.indices.last else { return false }
        if stack[last].text != .none {
            guard finishText(last) else { return false }
        }
        let frame = stack.removeLast()
        switch frame.kind {
        case .event:
            return finishEvent()
        case .quantityElement:
            return frame.present != 0
        default:
            return true
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if let last = stack.last, last.text != .none { text.append(contentsOf: bytes) }
        return true
    }

    // MARK: - fields

    private func pushLeaf(_ name: Int32, parent: Int32, _ check: Check) {
        let node = event.addNode(name: name, valueFrom: event.values.count, parent: parent)
        stack.append(Frame(kind: .leaf, node: node, text: .value, check: check))
    }

    /// A field directly inside the event: a fixed-order field in the one shape the pre-hash
    /// writer expects of it, a never-hashed one skipped, or a field of the sorted remainder.
    private func topLevel(_ info: XMLElementInfo, _ attributes: XMLStreamAttributes) -> Bool {
        switch info.top {
        case .fallback:
            return false
        case .skip:
            stack.append(Frame(kind: .skip))
        case .generic:
            return field(info, attributes, parent: -1)
        case .fixed:
            let k = info.fixedSlot
            guard attributes.count == 0, event.slots[k] < 0 else { return false }
            let node = event.addNode(name: info.name, valueFrom: event.values.count, parent: -1)
            event.slots[k] = node
            switch FlatPreHashWriter.kinds[k] {
            case .time, .leaf:
                let check: Check = switch k {
                case Self.action: .action
                case Self.bizStep: .bizStep
                case Self.disposition: .disposition
                default: .none
                }
                stack.append(Frame(kind: .leaf, node: node, text: .value, check: check))
            case .epcs: stack.append(Frame(kind: .epcList, node: node, text: .blank))
            case .quantities: stack.append(Frame(kind: .quantityList, node: node, text: .blank))
            case .persistentDisposition: stack.append(Frame(kind: .persistentDisposition, node: node, text: .blank))
            case .ids: stack.append(Frame(kind: .ids, node: node, text: .blank))
            }
        }
        return true
    }

    /// `XMLFieldBuilder.field`: an entry (its own text as value, its `type` attribute as the one
    /// child), or a field whose attributes come first among its children. Top-level fields
    /// (parent -1) join the sorted remainder.
    private func field(_ info: XMLElementInfo, _ attributes: XMLStreamAttributes, parent: Int32) -> Bool {
        if info.isWrapper { return false }
        let node = event.addNode(name: info.name, valueFrom: event.values.count, parent: parent)
        if parent < 0 { event.tail.append(node) }
        if info.isPair {
            for i in 0..<attributes.count where attributes.namespaceURI(i) == nil {
                guard let local = attributes.localName(i), local[0] == UInt8(ascii: "t"), local[1] == UInt8(ascii: "y"),
                      local[2] == UInt8(ascii: "p"), local[3] == UInt8(ascii: "e"), local[4] == 0 else { continue }
                guard attributeChild(FlatNames.type, attributes.rawValue(i), parent: node) else { return false }
            }
            stack.append(Frame(kind: .pairEntry, node: node, text: .rawValue))
            return true
        }
        for i in 0..<attributes.count {
            guard let local = attributes.localName(i) else { return false }
            let name = infos[Int(infoID(local, attributes.namespaceURI(i)))].name
            guard attributeChild(name, attributes.rawValue(i), parent: node) else { return false }
        }
        stack.append(Frame(kind: .generic, node: node, text: .value))
        return true
    }

    /// An attribute as a child field, its value through `XMLFieldBuilder.expandedValue`. A `&`
    /// (held by libxml2 as `&#38;`) is left to the general path.
    private func attributeChild(_ name: Int32, _ value: UnsafeBufferPointer<UInt8>, parent: Int32) -> Bool {
        guard !value.contains(UInt8(ascii: "&")) else { return false }
        let start = event.values.count
        appendExpanded(value)
        _ = event.addNode(name: name, valueFrom: start, parent: parent)
        return true
    }

    static let gs1Prefix = Array("gs1:".utf8)
    static let cbvPrefix = Array("cbv:".utf8)

    private func appendExpanded(_ s: UnsafeBufferPointer<UInt8>) {
        if s.starts(with: Self.gs1Prefix) || s.starts(with: Self.cbvPrefix) {
            event.values += XMLFieldBuilder.expandedValue(String(decoding: s, as: UTF8.self)).utf8
        } else {
            event.values.append(contentsOf: s)
        }
    }

    // MARK: - text

    /// `XMLFieldBuilder.ownText` of the frame's element, now that its first child element or
    /// its end tag has come: checked, and stored as the node's value.
    private func finishText(_ f: Int) -> Bool {
        let use = stack[f].text
        stack[f].text = .none
        defer { text.removeAll(keepingCapacity: true) }
        return text.withUnsafeBufferPointer { s -> Bool in
            // `HashValue.trimmed`: ASCII blanks trimmed bytewise; a non-ASCII end goes through
            // the Unicode test on the whole string.
            var a = 0, b = s.count
            while a < b, s[a] < 0x80, HashValue.isSpace(s[a]) { a += 1 }
            while b > a, s[b - 1] < 0x80, HashValue.isSpace(s[b - 1]) { b -= 1 }
            if a < b, s[a] >= 0x80 || s[b - 1] >= 0x80 {
                let trimmed = Array(HashValue.trimmed(String(decoding: s, as: UTF8.self)).utf8)
                return trimmed.withUnsafeBufferPointer { store(f, use, $0) }
            }
            return store(f, use, UnsafeBufferPointer(rebasing: s[a..<b]))
        }
    }

    private func store(_ f: Int, _ use: TextUse, _ s: UnsafeBufferPointer<UInt8>) -> Bool {
        switch use {
        case .none: return true
        case .blank: return s.isEmpty
        case .value, .rawValue:
            guard check(stack[f].check, s) else { return false }
            let node = Int(stack[f].node)
            event.nodes[node].valueStart = Int32(event.values.count)
            if use == .value { appendExpanded(s) } else { event.values.append(contentsOf: s) }
            event.nodes[node].valueEnd = Int32(event.values.count)
            return true
        }
    }

    static let actions: [[UInt8]] = ["ADD", "OBSERVE", "DELETE"].map { Array($0.utf8) }

    /// `XMLEventValidator`'s checks; answers are kept per distinct value.
    private func check(_ c: Check, _ s: UnsafeBufferPointer<UInt8>) -> Bool {
        let tag: Int, vocabulary: CBVVocabulary
        switch c {
        case .none: return true
        case .action: return Self.actions.contains { $0.elementsEqual(s) }
        case .bizStep: tag = 0; vocabulary = .bizStep
        case .disposition: tag = 1; vocabulary = .disposition
        }
        let h = ByteTable.hash(s)
        if let found = vocabularyAnswers[tag].find(s, hash: h) { return vocabularyAnswers[tag].entries[found].value == 1 }
        let ok = vocabulary.accepts(String(decoding: s, as: UTF8.self))
        vocabularyAnswers[tag].insert(s, hash: h, value: ok ? 1 : 0)
        return ok
    }

    // MARK: - events

    private func finishEvent() -> Bool {
        guard event.slots[Self.eventTime] >= 0 || event.slots[Self.action] >= 0 else { return false }
        var h = EPCISEventHash(index: hashes.count, position: "line \(eventLine)")
        do throws(HashValue.Unhashable) {
            try writer.write(event, names: names)
            h.hash = EPCISEventHasher.niURI(sha256: writer.out)
            if includePreHashes { h.preHash = String(decoding: writer.out, as: UTF8.self) }
        } catch {
            h.failure = error.reason
        }
        hashes.append(h)
        return true
    }
}
