/// An EPCIS 2.0 JSON-LD document (§10) prepared for hashing without a `JSONValue` tree: its
/// tokens, the token of each event, its member names interned with their roles, its context
/// prefixes, and the document-wide bare-word table of `BareWordExpansion`.
///
/// `init` returns nil for anything outside what the fast path reproduces exactly (query
/// documents, `ignoreFields`, event-level `@context`, sensor data, error declarations, malformed
/// or ill-typed input, …); the caller then hashes through `EPCISJSONDecoder`, which also gives
/// refusals their positions.
struct JSONLDFastDocument: Sendable {
    let bytes: [UInt8]
    private(set) var tokens: [JSONToken]
    private(set) var events: [Int32] = []
    private(set) var keyInfo: [MemberInfo] = []
    private(set) var names = FlatNames()
    private(set) var keys = ByteTable(capacity: 256)
    private(set) var context = JSONLDContext()
    private(set) var prefixes: [(prefix: [UInt8], iri: [UInt8])] = []
    private(set) var expansion = BareWordExpansion()
    private var iris = ByteTable(capacity: 64)
    /// Words already expanded, per rule of `BareWordExpansion.rule` (0: compact IRIs).
    private var vocabularyWords = [ByteTable](repeating: ByteTable(capacity: 16), count: 9)
    /// Vocabulary answers: bizStep, disposition, business transaction type, source/destination type.
    private var accepted = [ByteTable](repeating: ByteTable(capacity: 16), count: 4)
    private(set) var suffixes = ByteTable(capacity: 256)
    private(set) var suffixIRI: [Int32] = []
    private(set) var longestSuffix = 0
    private(set) var suffixHasColon = false

    init?(bytes: [UInt8]) {
        var cache = EPCISReadCache()
        self.init(bytes: bytes, cache: &cache)
    }

    /// Starts from the member names `cache` holds when the document declares the same prefixes
    /// (a name's role and expansion depend on nothing else), and leaves its own there.
    init?(bytes: [UInt8], cache: inout EPCISReadCache) {
        self.bytes = bytes
        guard let tokens = bytes.withUnsafeBufferPointer({ JSONTokenizer.tokens($0) }) else { return nil }
        self.tokens = tokens
        guard readRoot() else { return nil }
        let sameContext = cache.prefixes == context.prefixes
        if sameContext {
            keys = cache.keys
            keyInfo = cache.keyInfo
            names = cache.names
        }
        guard collectEvents(), buildSuffixes() else { return nil }
        if !sameContext {
            cache = EPCISReadCache()
            cache.prefixes = context.prefixes
        }
        if keyInfo.count != cache.keyInfo.count || names.count != cache.names.count {
            cache.keys = keys
            cache.keyInfo = keyInfo
            cache.names = names
        }
    }

    @inline(__always)
    func after(_ t: Int) -> Int {
        switch tokens[t].kind {
        case .object, .array: Int(tokens[t].next)
        default: t + 1
        }
    }

    @inline(__always)
    func text(_ t: Int) -> ArraySlice<UInt8> {
        bytes[Int(tokens[t].start)..<Int(tokens[t].end)]
    }

    /// Member (key token, value token) pairs of the object at `t`.
    func members(_ t: Int) -> [(key: Int, value: Int)] {
        var out: [(key: Int, value: Int)] = []
        var c = t + 1
        while c < Int(tokens[t].next) {
            out.append((c, c + 1))
            c = after(c + 1)
        }
        return out
    }

    static let ignoreFieldsBytes = Array("ignoreFields".utf8)

    /// The root object, its `@context` and `@xmlns:` prefixes, and where the events are.
    private mutating func readRoot() -> Bool {
        guard tokens.first?.kind == .object else { return false }
        let root = members(0)
        guard !hasDuplicateOrOddKey(root) else { return false }
        var body: Int?
        var xmlns: [(String, String)] = []
        for (k, v) in root {
            let key = text(k)
            if key.elementsEqual("@context".utf8) {
                // A string context (a URL) declares no prefix the hash uses: `JSONLDContext.absorb`.
                guard tokens[v].kind == .object || tokens[v].kind == .array else { continue }
                guard let c = try? JSONScanner.parse(Array(bytes[Int(tokens[v].start)..<Int(tokens[v].end)])) else { return false }
                context.absorb(c)
            } else if key.starts(with: "@xmlns:".utf8) {
                guard tokens[v].kind == .string, tokens[v].flags & JSONToken.escaped == 0 else { return false }
                xmlns.append((String(decoding: key.dropFirst(7), as: UTF8.self), String(decoding: text(v), as: UTF8.self)))
            } else if key.elementsEqual("type".utf8) {
                guard tokens[v].kind == .string, text(v).elementsEqual("EPCISDocument".utf8) else { return false }
            } else if key.elementsEqual("epcisBody".utf8) {
                body = v
            }
        }
        for (prefix, iri) in xmlns { context.declare(prefix: prefix, iri: "{" + iri + "}") }
        for (p, iri) in context.prefixes {
            guard p.utf8.allSatisfy({ $0 < 0x80 }) else { return false }
            prefixes.append((Array(p.utf8), Array(iri.utf8)))
        }
        guard let body, tokens[body].kind == .object else { return false }
        let bodyMembers = members(body)
        guard !hasDuplicateOrOddKey(bodyMembers) else { return false }
        var list: Int?
        for (k, v) in bodyMembers {
            if text(k).elementsEqual("queryResults".utf8) { return false }
            if text(k).elementsEqual("eventList".utf8) { list = v }
        }
        guard let list, tokens[list].kind == .array else { return false }
        var c = list + 1
        while c < Int(tokens[list].next) {
            guard tokens[c].kind == .object else { return false }
            events.append(Int32(c))
            c = after(c)
        }
        return true
    }

    /// Duplicate member names, escaped names, and an `ignoreFields` member anywhere in a holder
    /// object are left to the general path.
    private func hasDuplicateOrOddKey(_ ms: [(key: Int, value: Int)]) -> Bool {
        for (i, m) in ms.enumerated() {
            if tokens[m.key].flags != 0 { return true }
            let key = text(m.key)
            if key.firstRange(of: Self.ignoreFieldsBytes) != nil { return true }
            for other in ms[..<i] where text(other.key).elementsEqual(key) { return true }
        }
        return false
    }

    // MARK: - member names

    /// The interned id of the member name at key token `t`, or nil for an escaped name.
    private mutating func intern(_ t: Int) -> Int32? {
        guard tokens[t].flags & JSONToken.escaped == 0 else { return nil }
        let s = Int(tokens[t].start), e = Int(tokens[t].end)
        let bytes = self.bytes
        return bytes.withUnsafeBufferPointer { b -> Int32 in
            let key = UnsafeBufferPointer(rebasing: b[s..<e])
            let h = ByteTable.hash(key)
            if let found = keys.find(key, hash: h) { return keys.entries[found].value }
            let id = Int32(keyInfo.count)
            keyInfo.append(MemberInfo(raw: String(decoding: key, as: UTF8.self), context: context, names: &names))
            keys.insert(key, hash: h, value: id)
            return id
        }
    }

    // MARK: - the document-wide bare-word table

    /// Interns every member name of every event and gathers the IRIs `BareWordExpansion.collect`
    /// gathers, value by value in the same places; checks the CBV-typed values as
    /// `EPCISEventValidator` checks them.
    private mutating func collectEvents() -> Bool {
        for e in events {
            guard walk(Int(e), key: -1, parent: -1), checkVocabulary(Int(e)) else { return false }
        }
        return true
    }

    private mutating func walk(_ t: Int, key: Int32, parent: Int32) -> Bool {
        switch tokens[t].kind {
        case .string:
            return collectString(t, key: key, parent: parent)
        case .array:
            var c = t + 1
            while c < Int(tokens[t].next) {
                guard walk(c, key: key, parent: parent) else { return false }
                c = after(c)
            }
            return true
        case .object:
            var c = t + 1
            while c < Int(tokens[t].next) {
                guard let id = intern(c) else { return false }
                tokens[c].next = id
                guard walk(c + 1, key: id, parent: key) else { return false }
                c = after(c + 1)
            }
            return true
        default:
            return true
        }
    }

    static let cbvIRI = Array("https://ref.gs1.org/cbv".utf8)
    static let vocIRI = Array("https://gs1.org/voc".utf8)
    static let cbvCURIE = Array("cbv:".utf8)
    static let gs1CURIE = Array("gs1:".utf8)

    /// Vocabulary words and IRIs outside ASCII: `BareWordExpansion` compares them as Swift
    /// strings (canonical equivalence), which byte tables do not reproduce.
    private var nonASCIIWord = false

    private mutating func collectString(_ t: Int, key: Int32, parent: Int32) -> Bool {
        let rule: Int?
        if key >= 0 {
            rule = MemberInfo.rule(keyInfo[Int(key)].keyClass, parent >= 0 ? keyInfo[Int(parent)].parentClass : 0)
        } else {
            rule = nil
        }
        if tokens[t].flags & JSONToken.escaped != 0 {
            var decoded: [UInt8] = []
            text(t).withUnsafeBufferPointer { appendUnescapedJSON($0, to: &decoded) }
            decoded.withUnsafeBufferPointer { collect($0, rule: rule) }
        } else {
            let bytes = self.bytes
            let s = Int(tokens[t].start), e = Int(tokens[t].end)
            bytes.withUnsafeBufferPointer { collect(UnsafeBufferPointer(rebasing: $0[s..<e]), rule: rule) }
        }
        return !nonASCIIWord
    }

    private mutating func collect(_ s: UnsafeBufferPointer<UInt8>, rule keyRule: Int?) {
        guard let first = s.first else { return }
        if first == UInt8(ascii: "h"), s.starts(with: Self.cbvIRI) || s.starts(with: Self.vocIRI) {
            let h = ByteTable.hash(s)
            if iris.find(s, hash: h) == nil { iris.insert(s, hash: h, value: 0) }
        }
        let compact = (first == UInt8(ascii: "c") || first == UInt8(ascii: "g")) && (s.starts(with: Self.cbvCURIE) || s.starts(with: Self.gs1CURIE))
        guard let rule = compact ? 0 : keyRule else { return }
        if s.contains(where: { $0 >= 0x80 }) { nonASCIIWord = true; return }
        let h = ByteTable.hash(s)
        guard vocabularyWords[rule].find(s, hash: h) == nil else { return }
        vocabularyWords[rule].insert(s, hash: h, value: 0)
        let (k, p) = MemberInfo.ruleKeys[rule]
        if let iri = BareWordExpansion.vocabularyExpansion(of: String(decoding: s, as: UTF8.self), key: k, parentKey: p) {
            let b = Array(iri.utf8)
            if b.starts(with: Self.cbvIRI) || b.starts(with: Self.vocIRI) { iris.insert(b, value: 0) }
        }
    }

    /// Whether a CBV-typed top-level value is accepted (`EPCISEventValidator.check`); answers are
    /// kept per distinct value.
    private mutating func accepts(_ t: Int, _ vocabulary: CBVVocabulary, tag: Int) -> Bool {
        guard tokens[t].kind == .string else { return false }
        var bytes = self.bytes
        var s = Int(tokens[t].start), e = Int(tokens[t].end)
        if tokens[t].flags & JSONToken.escaped != 0 {
            var decoded: [UInt8] = []
            text(t).withUnsafeBufferPointer { appendUnescapedJSON($0, to: &decoded) }
            bytes = decoded
            s = 0
            e = decoded.count
        }
        return bytes.withUnsafeBufferPointer { b -> Bool in
            let value = UnsafeBufferPointer(rebasing: b[s..<e])
            let h = ByteTable.hash(value)
            if let found = accepted[tag].find(value, hash: h) { return accepted[tag].entries[found].value == 1 }
            let ok = vocabulary.accepts(String(decoding: value, as: UTF8.self))
            accepted[tag].insert(value, hash: h, value: ok ? 1 : 0)
            return ok
        }
    }

    private mutating func checkVocabulary(_ event: Int) -> Bool {
        var m = event + 1
        while m < Int(tokens[event].next) {
            let v = m + 1
            defer { m = after(v) }
            let info = keyInfo[Int(tokens[m].next)]
            switch info.top {
            case .bizStep:
                guard accepts(v, .bizStep, tag: 0) else { return false }
            case .disposition:
                guard accepts(v, .disposition, tag: 1) else { return false }
            case .pairArray:
                let isBizTransaction = info.pairMember == FlatNames.bizTransaction
                guard tokens[v].kind == .array else { return false }
                var c = v + 1
                while c < Int(tokens[v].next) {
                    guard tokens[c].kind == .object else { return false }
                    var ek = c + 1
                    while ek < Int(tokens[c].next) {
                        if keyInfo[Int(tokens[ek].next)].raw == .type {
                            guard isBizTransaction ? accepts(ek + 1, .bizTransactionType, tag: 2)
                                : accepts(ek + 1, .sourceDestinationType, tag: 3) else { return false }
                        }
                        ek = after(ek + 1)
                    }
                    c = after(c)
                }
            case .persistentDisposition:
                guard tokens[v].kind == .object else { return false }
                var ek = v + 1
                while ek < Int(tokens[v].next) {
                    let ev = ek + 1
                    let raw = keyInfo[Int(tokens[ek].next)].raw
                    if raw == .set || raw == .unset {
                        guard tokens[ev].kind == .array else { return false }
                        var c = ev + 1
                        while c < Int(tokens[ev].next) {
                            guard accepts(c, .disposition, tag: 1) else { return false }
                            c = after(c)
                        }
                    }
                    ek = after(ev)
                }
            default:
                break
            }
        }
        return true
    }

    /// `BareWordExpansion.add` over the distinct IRIs: every suffix after a `-` or `/`, counted.
    /// The `BareWordExpansion` itself answers only for values outside ASCII (`appendString`), so
    /// it is filled only when some string value has an escape or a byte ≥ 0x80.
    private mutating func buildSuffixes() -> Bool {
        let stringTable = tokens.contains { $0.kind == .string && $0.flags != 0 }
        for e in 0..<iris.count {
            let iri = Array(iris.key(at: e))
            guard iri.allSatisfy({ $0 < 0x80 }) else { return false }
            if stringTable { expansion.add(expanded: String(decoding: iri, as: UTF8.self)) }
            for (i, b) in iri.enumerated() where b == UInt8(ascii: "-") || b == UInt8(ascii: "/") {
                let suffix = Array(iri[(i + 1)...])
                if suffix.contains(UInt8(ascii: ":")) { suffixHasColon = true }
                longestSuffix = max(longestSuffix, suffix.count)
                if let s = suffixes.find(suffix) {
                    suffixes.setValue(suffixes.entries[s].value + 1, at: s)
                } else {
                    suffixes.insert(suffix, value: 1)
                    suffixIRI.append(Int32(e))
                }
            }
        }
        return true
    }

    /// The IRI a bare word stands for (`BareWordExpansion.replacement`), for ASCII values.
    @inline(__always)
    func replacement(_ s: UnsafeBufferPointer<UInt8>) -> ArraySlice<UInt8>? {
        guard suffixes.count > 0, s.count <= longestSuffix else { return nil }
        if !suffixHasColon, s.contains(UInt8(ascii: ":")) { return nil }
        guard let e = suffixes.find(s, hash: ByteTable.hash(s)), suffixes.entries[e].value == 1 else { return nil }
        return iris.key(at: Int(suffixIRI[e]))
    }
}
