/// Value canonicalisation of CBV 2.0 §8.9.2, in the order GS1's reference applies it: CBV URNs
/// to Web URIs, numbers to their shortest form, GS1 identifiers to canonical Digital Links.
enum HashValue {
    struct Unhashable: Error, Equatable {
        var reason: String
    }

    static let cbvURNs: [(String, String)] = [
        ("urn:epcglobal:cbv:bizstep:", "https://ref.gs1.org/cbv/BizStep-"),
        ("urn:epcglobal:cbv:disp:", "https://ref.gs1.org/cbv/Disp-"),
        ("urn:epcglobal:cbv:btt:", "https://ref.gs1.org/cbv/BTT-"),
        ("urn:epcglobal:cbv:sdt:", "https://ref.gs1.org/cbv/SDT-"),
        ("urn:epcglobal:cbv:er:", "https://ref.gs1.org/cbv/ER-"),
    ]

    static let cbvURNStem = Array("urn:epcglobal:cbv:".utf8)
    static let cbvURNBytes: [([UInt8], [UInt8])] = cbvURNs.map { (Array($0.0.utf8.dropFirst(18)), Array($0.1.utf8)) }

    /// CBV 2.0 §8.2: every `urn:epcglobal:cbv:<vocabulary>:` prefix becomes its Web URI, in one pass.
    static func replacingCBVURNs(_ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 16)
        var i = 0
        var copied = 0
        while let at = b.firstRange(of: cbvURNStem, from: i) {
            let rest = at + cbvURNStem.count
            var matched = false
            for (key, web) in cbvURNBytes where rest + key.count <= b.count && b[rest..<(rest + key.count)].elementsEqual(key) {
                out += b[copied..<at]
                out += web
                copied = rest + key.count
                i = copied
                matched = true
                break
            }
            if !matched { i = at + 1 }
        }
        out += b[copied...]
        return out
    }

    static func canonical(_ text: String) throws(Unhashable) -> String {
        var t = text
        if t.utf8.count >= 18, t.utf8Contains("urn:epcglobal:cbv:") {
            t = String(decoding: replacingCBVURNs(Array(t.utf8)), as: UTF8.self)
        }
        if let first = t.utf8.first, isDigitByte(first) || first == UInt8(ascii: "-") || first == UInt8(ascii: "+")
            || first == UInt8(ascii: ".") || (first | 0x20) == UInt8(ascii: "i") || (first | 0x20) == UInt8(ascii: "n")
        {
            switch PythonNumber.canonicalise(t) {
            case .canonical(let n): t = n
            case .overflow: throw Unhashable(reason: "'\(text)' is an infinite number")
            case .notANumber: break
            }
        }
        return DigitalLinkNormaliser.normalise(t) ?? t
    }

    /// Appends `=` and the canonical form of `text` to `out`, or nothing when `text` is blank.
    /// Most values (words, codes, plain URIs) need no rewriting and are copied straight in.
    static func appendCanonical(_ text: String, to out: inout [UInt8]) throws(Unhashable) {
        var text = text
        text.makeContiguousUTF8()
        // Classify on the contiguous bytes; most values are copied as they are.
        let route: Route = text.utf8.withContiguousStorageIfAvailable { u in
            guard let first = u.first, let last = u.last else { return .blank }
            if isSpace(first) || isSpace(last) { return .general }
            let mayBeNumber = isDigitByte(first) || first == UInt8(ascii: "-") || first == UInt8(ascii: "+")
                || first == UInt8(ascii: ".") || (first | 0x20) == UInt8(ascii: "i") || (first | 0x20) == UInt8(ascii: "n")
            if mayBeNumber { return .general }
            if first == UInt8(ascii: "u") || first == UInt8(ascii: "h") {
                if u.contains(UInt8(ascii: ".")) { return .identifier }
            }
            if u.count >= cbvURNStem.count, Self.contains(u, cbvURNStem) { return .general }
            out.append(UInt8(ascii: "="))
            out.append(contentsOf: u)
            return .done
        } ?? .general
        switch route {
        case .blank, .done:
            return
        case .identifier:
            var b = Array(text.utf8)
            if b.count >= 18, b.firstRange(of: cbvURNStem) != nil { b = replacingCBVURNs(b) }
            out.append(UInt8(ascii: "="))
            if let dl = DigitalLinkNormaliser.normalise(bytes: b) { out += dl } else { out += b }
        case .general:
            let t = trimmed(text)
            if !t.isEmpty { out.append(UInt8(ascii: "=")); out += try canonical(t).utf8 }
        }
    }

    enum Route { case blank, done, identifier, general }

    static func contains(_ hay: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard hay.count >= needle.count, let first = needle.first else { return false }
        var i = 0
        while i + needle.count <= hay.count {
            if hay[i] == first {
                var j = 1
                while j < needle.count, hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    static func timestamp(_ text: String) throws(Unhashable) -> String {
        switch HashTimestamp.canonicalise(text) {
        case .canonical(let t): return t
        case .unchanged: return text
        case .roundsToNextSecond: throw Unhashable(reason: "'\(text)' rounds up into the next second")
        }
    }

    /// Trims the characters Python's `str.strip()` removes.
    static func trimmed(_ s: String) -> String {
        let u = s.utf8
        guard let f = u.first, let l = u.last, isSpace(f) || isSpace(l) else { return s }
        return s.trimmingSpaces()
    }

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || (b >= 0x09 && b <= 0x0D) || b == 0x1C || b == 0x1D || b == 0x1E || b == 0x1F || b >= 0x80
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        let out = Array(utf8).replacingAll(Array(target.utf8), with: Array(replacement.utf8))
        return String(decoding: out, as: UTF8.self)
    }

    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace || (0x1C...0x1F).contains(scalars[start].value) {
            start = scalars.index(after: start)
        }
        while end > start {
            let prev = scalars.index(before: end)
            guard scalars[prev].properties.isWhitespace || (0x1C...0x1F).contains(scalars[prev].value) else { break }
            end = prev
        }
        return String(scalars[start..<end])
    }
}
