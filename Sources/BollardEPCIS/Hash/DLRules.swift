/// GS1 Digital Link URI constraint (GS1 Digital Link 1.2 §4-§6) as the CBV 2.0 hash applies it.
enum DLRules {
    static let primaryKeys: [[UInt8]] = [
        "01", "gtin", "8006", "itip", "8010", "cpid", "414", "gln", "417", "party", "8017", "gsrnp", "8018",
        "gsrn", "255", "gcn", "00", "sscc", "253", "gdti", "401", "ginc", "402", "gsin", "8003", "grai",
        "8004", "giai",
    ].map { Array($0.utf8) }

    static let keyInitials = Set(primaryKeys.compactMap(\.first))

    static let numericKeys: [[UInt8]] = [
        "01", "8006", "8010", "414", "417", "8017", "8018", "255", "00", "253", "401", "402", "8003", "8004",
    ].map { Array($0.utf8) }

    /// Keys looked for, in this order, when moving a Digital Link onto id.gs1.org.
    static let rehostOrder: [[UInt8]] = [
        "/00/", "/01/", "/253/", "/255/", "/401/", "/402/", "/414/", "/417/", "/8003/", "/8004/", "/8006/",
        "/8010/", "/8017/", "/8018/",
    ].map { Array($0.utf8) }

    static let shortNames: [([UInt8], [UInt8])] = [
        ("/gtin/", "/01/"), ("/itip/", "/8006/"), ("/cpid/", "/8010/"), ("/gln/", "/414/"), ("/party/", "/417/"),
        ("/gsrnp/", "/8017/"), ("/gsrn/", "/8018/"), ("/gcn/", "/255/"), ("/sscc/", "/00/"), ("/gdti/", "/253/"),
        ("/ginc/", "/401/"), ("/gsin/", "/402/"), ("/grai/", "/8003/"), ("/giai/", "/8004/"), ("/cpv/", "/22/"),
        ("/lot/", "/10/"), ("/ser/", "/21/"),
    ].map { (Array($0.0.utf8), Array($0.1.utf8)) }

    /// The characters a key qualifier value may hold in the constrained form (GS1 AI encodable
    /// set 82 minus the characters that must be percent-encoded).
    @inline(__always) static func isDLValueByte(_ b: UInt8) -> Bool {
        switch b {
        case 0x22, 0x27, 0x2D, 0x2E, 0x30...0x39, 0x3B...0x3F, 0x41...0x5A, 0x5F, 0x61...0x7A: true
        default: false
        }
    }

    @inline(__always) static func isCPIByte(_ b: UInt8) -> Bool {
        switch b {
        case 0x23, 0x2D, 0x2F, 0x30...0x39, 0x41...0x5A: true
        default: false
        }
    }

    /// `http(s):` followed by a path holding `/<primary key>/dddd…`, or a compressed link.
    static func looksLikeDigitalLink(_ u: [UInt8]) -> Bool {
        let rest: Int
        if u.starts(with: Array("https:".utf8)) { rest = 6 } else if u.starts(with: Array("http:".utf8)) { rest = 5 } else { return false }
        var pathEnd = u.count
        for i in rest..<u.count where u[i] == UInt8(ascii: "?") || u[i] == UInt8(ascii: "#") { pathEnd = i; break }
        var i = rest
        while i < pathEnd {
            if u[i] == UInt8(ascii: "/"), i + 1 < pathEnd, keyInitials.contains(u[i + 1]) {
                for key in primaryKeys where i + key.count + 1 < pathEnd {
                    let k = i + 1
                    guard u[k..<(k + key.count)].elementsEqual(key), u[k + key.count] == UInt8(ascii: "/") else { continue }
                    let d = k + key.count + 1
                    if d + 5 <= u.count, u[d..<(d + 4)].allSatisfy(isDigitByte), u[d + 4] != UInt8(ascii: "/") { return true }
                }
            }
            i += 1
        }
        var j = rest
        if u.count >= j + 2, u[j] == UInt8(ascii: "/"), u[j + 1] == UInt8(ascii: "/") {
            j += 2
            while j < u.count, u[j] != UInt8(ascii: "/"), u[j] != UInt8(ascii: "?"), u[j] != UInt8(ascii: "#") { j += 1 }
        }
        guard j < u.count, u[j] == UInt8(ascii: "/"), u.count - j - 1 == 10 else { return false }
        return u[(j + 1)...].allSatisfy { b in
            (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
        }
    }

    /// `https://id.gs1.org/` where each `.` of the host stands for any character, as the
    /// reference's unescaped pattern lets it.
    static func hasCanonicalHost(_ u: [UInt8]) -> Int? {
        let h = Lit.idGS1
        guard u.count > h.count, u[h.count] == UInt8(ascii: "/") else { return nil }
        for i in 0..<h.count where h[i] != u[i] && !(h[i] == UInt8(ascii: ".") && i >= 10) { return nil }
        return h.count + 1
    }

    static func constrain(_ input: [UInt8]) -> [UInt8] {
        var u = input
        if let q = u.firstIndex(of: UInt8(ascii: "?")) { u.removeSubrange(q...) }
        for (short, ai) in shortNames { u = u.replacingAll(short, with: ai) }

        if !isOnCanonicalHostWithKey(u) {
            for key in rehostOrder {
                if let at = u.firstRange(of: key) {
                    u = Lit.idGS1 + Array(u[at...])
                    break
                }
            }
        }

        let gtinPrefix = Array("https://id.gs1.org/01/".utf8)
        func leadingDigits(after prefix: [UInt8]) -> Int {
            guard u.starts(with: prefix) else { return 0 }
            var n = 0
            while prefix.count + n < u.count, isDigitByte(u[prefix.count + n]) { n += 1 }
            return n
        }
        let gtinDigits = leadingDigits(after: gtinPrefix)
        if gtinDigits < 14 {
            let pad: Int
            switch gtinDigits {
            case 13: pad = 1
            case 12: pad = 2
            case 8...11: pad = 6
            default: pad = 0
            }
            if pad > 0 {
                u = u.replacingAll(Array("/01/".utf8), with: Array("/01/".utf8) + Array(repeating: UInt8(ascii: "0"), count: pad))
            }
        }

        dropCPV(&u)
        dropLotWhenSerialised(&u)
        return u
    }

    static func isOnCanonicalHostWithKey(_ u: [UInt8]) -> Bool {
        guard let start = hasCanonicalHost(u) else { return false }
        for key in numericKeys {
            let k = start
            guard k + key.count < u.count, u[k..<(k + key.count)].elementsEqual(key), u[k + key.count] == UInt8(ascii: "/") else { continue }
            let d = k + key.count + 1
            if d + 5 <= u.count, u[d..<(d + 4)].allSatisfy(isDigitByte), u[d + 4] != UInt8(ascii: "/") { return true }
        }
        return false
    }

    /// Matches `https://id.gs1.org/<ai>/<n digits>` and returns the index after the digits.
    static func keyed(_ u: [UInt8], ai: String, digits: Int) -> Int? {
        guard let start = hasCanonicalHost(u) else { return nil }
        let key = Array(ai.utf8)
        guard start + key.count + 1 + digits <= u.count, u[start..<(start + key.count)].elementsEqual(key),
              u[start + key.count] == UInt8(ascii: "/") else { return nil }
        let d = start + key.count + 1
        guard u[d..<(d + digits)].allSatisfy(isDigitByte) else { return nil }
        return d + digits
    }

    static func segment(_ u: [UInt8], at i: Int, ai: String) -> Int? {
        let s = Array("/\(ai)/".utf8)
        guard i + s.count <= u.count, u[i..<(i + s.count)].elementsEqual(s) else { return nil }
        return i + s.count
    }

    static func valueRun(_ u: [UInt8], from i: Int, max: Int, allowSlash: Bool = false) -> Int? {
        var j = i
        while j < u.count, isDLValueByte(u[j]) || (allowSlash && u[j] == UInt8(ascii: "/")) { j += 1 }
        return j - i <= max ? j : nil
    }

    /// Drops a consumer product variant (AI 22): only the key and its serial or lot identify.
    static func dropCPV(_ u: inout [UInt8]) {
        let cpv = Array("/22/".utf8)
        guard let at = u.firstRange(of: cpv) else { return }
        var afterKey: Int?
        if let e = keyed(u, ai: "8006", digits: 18) { afterKey = e } else if let e = keyed(u, ai: "01", digits: 14) { afterKey = e }
        guard let k = afterKey, let v = segment(u, at: k, ai: "22") else { return }
        if let end = valueRun(u, from: v, max: 20), end == u.count {
            u = Array(u[..<at])
            return
        }
        if let end = valueRun(u, from: v, max: 20, allowSlash: true), end == u.count {
            let x = u[(at + 4)...]
            let rest = x.firstIndex(of: UInt8(ascii: "/")).map { Array(u[$0...]) } ?? Array(x.suffix(1))
            u = Array(u[..<at]) + rest
        }
    }

    static func dropLotWhenSerialised(_ u: inout [UInt8]) {
        var afterKey: Int?
        if let e = keyed(u, ai: "8006", digits: 18) { afterKey = e } else if let e = keyed(u, ai: "01", digits: 14) { afterKey = e }
        guard let k = afterKey, let lot = segment(u, at: k, ai: "10"), let lotEnd = valueRun(u, from: lot, max: 20),
              let ser = segment(u, at: lotEnd, ai: "21"), let serEnd = valueRun(u, from: ser, max: 20), serEnd == u.count
        else { return }
        u = Array(u[..<(lot - 4)]) + Array(u[lotEnd...])
    }

    static func isValidCanonical(_ u: [UInt8]) -> Bool {
        func tailIs(_ from: Int, max: Int) -> Bool { valueRun(u, from: from, max: max) == u.count }
        if let e = keyed(u, ai: "00", digits: 18), e == u.count { return true }
        if let e = keyed(u, ai: "01", digits: 14) {
            if e == u.count { return true }
            if let v = segment(u, at: e, ai: "21"), tailIs(v, max: 20) { return true }
            if let v = segment(u, at: e, ai: "10"), tailIs(v, max: 20) { return true }
            if let v = segment(u, at: e, ai: "235"), tailIs(v, max: 28) { return true }
        }
        if let e = keyed(u, ai: "253", digits: 13), tailIs(e, max: 17) { return true }
        if let e = keyed(u, ai: "255", digits: 13), u.count - e <= 12, u[e...].allSatisfy(isDigitByte) { return true }
        if let e = keyed(u, ai: "401", digits: 0), tailIs(e, max: 30) { return true }
        if let e = keyed(u, ai: "402", digits: 17), e == u.count { return true }
        if let e = keyed(u, ai: "414", digits: 13) {
            if e == u.count { return true }
            if let v = segment(u, at: e, ai: "254"), tailIs(v, max: 20) { return true }
        }
        if let e = keyed(u, ai: "417", digits: 13), e == u.count { return true }
        if let e = keyed(u, ai: "8003", digits: 14), tailIs(e, max: 16) { return true }
        if let e = keyed(u, ai: "8004", digits: 0), tailIs(e, max: 30) { return true }
        if let e = keyed(u, ai: "8006", digits: 18) {
            if e == u.count { return true }
            if let v = segment(u, at: e, ai: "21"), tailIs(v, max: 20) { return true }
            if let v = segment(u, at: e, ai: "10"), tailIs(v, max: 20) { return true }
        }
        if let e = keyed(u, ai: "8010", digits: 0) {
            var j = e
            while j < u.count, isCPIByte(u[j]) { j += 1 }
            if j == u.count, j - e <= 30 { return true }
            // `8010/<cpi ≤30>/8011/<digits ≤12>`: the CPI class holds `/`, so try each split.
            let marker = Array("/8011/".utf8)
            var from = e
            while let m = u.firstRange(of: marker, from: from) {
                if m - e <= 30, u[e..<m].allSatisfy(isCPIByte), u.count - (m + 6) <= 12,
                   u[(m + 6)...].allSatisfy(isDigitByte) { return true }
                from = m + 1
            }
        }
        if let e = keyed(u, ai: "8017", digits: 18), e == u.count { return true }
        if let e = keyed(u, ai: "8018", digits: 18), e == u.count { return true }
        return false
    }
}
