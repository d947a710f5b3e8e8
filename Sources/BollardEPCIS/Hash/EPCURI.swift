/// EPC pure-identity, class and pattern URIs (GS1 Tag Data Standard 2.x §6-§8) → canonical
/// GS1 Digital Link, for the CBV 2.0 §8.9.2 identifier normalisation.
enum EPCURI {
    static func canonical(_ u: [UInt8]) -> [UInt8]? {
        guard let p = u.firstIndex(of: UInt8(ascii: ".")) else { return nil }
        // `urn:epc:<kind>:<scheme>:` selects the rule; the company prefix starts after it.
        var colons = 0
        var end = Lit.urnEpc.count
        while end < u.count, end < p {
            if u[end] == UInt8(ascii: ":") {
                colons += 1
                if colons == 2 { break }
            }
            end += 1
        }
        guard colons == 2 else { return nil }
        let key = String(decoding: u[Lit.urnEpc.count...end], as: UTF8.self)
        guard let rule = rulesByScheme[key] else { return nil }
        return rule(Parts(u: u, prefixLength: end + 1, partition: p))
    }

    static let rulesByScheme: [String: @Sendable (Parts) -> [UInt8]?] = {
        var d: [String: @Sendable (Parts) -> [UInt8]?] = [:]
        for (prefix, rule) in rules { d[String(decoding: prefix[Lit.urnEpc.count...], as: UTF8.self)] = rule }
        return d
    }()

    /// The URI split the way every TDS scheme starts: `<prefix><company prefix>.<rest>`.
    struct Parts {
        let u: [UInt8]
        let prefixLength: Int
        let partition: Int

        /// Length of the GS1 Company Prefix; TDS allows 6 to 12 digits.
        var cpLength: Int { partition - prefixLength }
        var companyPrefix: ArraySlice<UInt8> { u[prefixLength..<partition] }

        func digits(_ r: Range<Int>) -> Bool {
            r.lowerBound >= 0 && r.upperBound <= u.count && u[r].allSatisfy(isDigitByte)
        }

        func byte(_ i: Int, _ c: Character) -> Bool { i < u.count && u[i] == c.asciiValue }

        /// `\d{k}\.\d{total-k}` with 6 ≤ k ≤ 12; returns the index after the reference digits.
        func companyAndReference(total: Int) -> Int? {
            let k = cpLength
            guard (6...12).contains(k), total - k >= 0, digits(prefixLength..<partition) else { return nil }
            let end = partition + 1 + total - k
            guard digits((partition + 1)..<end) else { return nil }
            return end
        }

        /// As `companyAndReference(total: 12)`, except that a 12-digit company prefix is written
        /// `\d{12}\.\.` (the reference's pattern for GRAI/GDTI/SGCN patterns).
        func companyAndReference12DoubleDot() -> Int? {
            if cpLength == 12 {
                guard digits(prefixLength..<partition), byte(partition + 1, ".") else { return nil }
                return partition + 2
            }
            return companyAndReference(total: 12)
        }

        var reference: (Int) -> ArraySlice<UInt8> {
            { n in u[(partition + 1)..<min(u.count, partition + 1 + n)] }
        }

        /// GTIN-13 body: indicator digit, company prefix, item reference (TDS §7.1).
        func gtin13() -> [UInt8] {
            let itemRef = reference(13 - cpLength)
            guard let first = itemRef.first else { return Array(companyPrefix) }
            return [first] + Array(companyPrefix) + Array(itemRef.dropFirst())
        }

        func tail(from i: Int) -> ArraySlice<UInt8> { i <= u.count ? u[i...] : [] }

        /// Appends indicator + company prefix + item reference and the GTIN check digit.
        func appendGTIN14(to out: inout [UInt8]) {
            let start = out.count
            let itemRef = reference(13 - cpLength)
            if let first = itemRef.first { out.append(first) }
            out += companyPrefix
            out += itemRef.dropFirst()
            out.append(gs1CheckDigit(out[start...]))
        }

        /// Appends `prefix digits` + the following `n` reference digits and their check digit.
        func appendCompanyAndReference(_ n: Int, to out: inout [UInt8]) {
            let start = out.count
            out += companyPrefix
            out += reference(n)
            out.append(gs1CheckDigit(out[start...]))
        }
    }

    /// EPC "GS3A3" characters (TDS Table A-1): a count of them spanning `range` exactly, with a
    /// `%xx` escape counting as one.
    static func gs3a3Count(_ u: [UInt8], from start: Int) -> Int? {
        var i = start
        var n = 0
        while i < u.count {
            let b = u[i]
            if b == UInt8(ascii: "%") {
                guard i + 2 < u.count else { return nil }
                let h = u[i + 1], l = u[i + 2]
                let ok: Bool
                switch h {
                case UInt8(ascii: "2"): ok = l == UInt8(ascii: "1") || l == UInt8(ascii: "2") || l == UInt8(ascii: "5") || (l >= UInt8(ascii: "6") && l <= UInt8(ascii: "9")) || ((l | 0x20) >= UInt8(ascii: "a") && (l | 0x20) <= UInt8(ascii: "f"))
                case UInt8(ascii: "3"): ok = isHexByte(l)
                case UInt8(ascii: "4"), UInt8(ascii: "6"): ok = isHexByte(l) && l != UInt8(ascii: "0")
                case UInt8(ascii: "5"): ok = isDigitByte(l) || l == UInt8(ascii: "A") || l == UInt8(ascii: "a") || l == UInt8(ascii: "F") || l == UInt8(ascii: "f")
                case UInt8(ascii: "7"): ok = isDigitByte(l) || l == UInt8(ascii: "A") || l == UInt8(ascii: "a")
                default: ok = false
                }
                guard ok else { return nil }
                i += 3
            } else {
                switch b {
                case UInt8(ascii: "!"), UInt8(ascii: "'"), UInt8(ascii: ")"), UInt8(ascii: "("), UInt8(ascii: "*"),
                     UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: ";"),
                     UInt8(ascii: "="), UInt8(ascii: "_"), UInt8(ascii: "-"),
                     UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                     UInt8(ascii: "a")...UInt8(ascii: "z"):
                    i += 1
                default: return nil
                }
            }
            n += 1
        }
        return n
    }

    /// Component/part reference characters of the CPI (TDS §6.3.12), up to the first `.`.
    /// Returns (count, index of the stopping byte).
    static func cpiRun(_ u: [UInt8], from start: Int) -> (Int, Int)? {
        var i = start
        var n = 0
        while i < u.count, u[i] != UInt8(ascii: ".") {
            let b = u[i]
            if b == UInt8(ascii: "%") {
                guard i + 2 < u.count else { return nil }
                let h = u[i + 1], l = u[i + 2]
                let ok: Bool
                switch h {
                case UInt8(ascii: "2"): ok = "3dfDF".utf8.contains(l)
                case UInt8(ascii: "3"): ok = isDigitByte(l)
                case UInt8(ascii: "4"): ok = isHexByte(l) && l != UInt8(ascii: "0")
                case UInt8(ascii: "5"): ok = isDigitByte(l) || l == UInt8(ascii: "A") || l == UInt8(ascii: "a")
                default: ok = false
                }
                guard ok else { return nil }
                i += 3
            } else {
                guard isDigitByte(b) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || b == UInt8(ascii: "-") else { return nil }
                i += 1
            }
            n += 1
        }
        return (n, i)
    }

    static func dl(_ parts: [UInt8]...) -> [UInt8] {
        var out = Array("https://id.gs1.org/".utf8)
        for p in parts { out += p }
        return out
    }

    static let idGS1Slash = Array("https://id.gs1.org/".utf8)

    static func start(_ ai: StaticString) -> [UInt8] {
        var out = idGS1Slash
        out.reserveCapacity(64)
        out += UnsafeBufferPointer(start: ai.utf8Start, count: ai.utf8CodeUnitCount)
        return out
    }

    static func withCheck(_ body: [UInt8]) -> [UInt8] { body + [gs1CheckDigit(body)] }

    static func a(_ s: String) -> [UInt8] { Array(s.utf8) }

    static func inRange(_ n: Int?, _ r: ClosedRange<Int>) -> Bool { n.map(r.contains) ?? false }

    static let rules: [([UInt8], @Sendable (Parts) -> [UInt8]?)] = [
        (a("urn:epc:id:sgtin:"), { p in
            guard let end = p.companyAndReference(total: 13), p.byte(end, "."),
                  inRange(gs3a3Count(p.u, from: end + 1), 1...20) else { return nil }
            var out = start("01/")
            p.appendGTIN14(to: &out)
            out += "/21/".utf8
            appendPercentEncodedDL(p.tail(from: 32), to: &out)
            return out
        }),
        (a("urn:epc:id:sscc:"), { p in
            guard let end = p.companyAndReference(total: 17), end == p.u.count else { return nil }
            let ref = p.reference(17 - p.cpLength)
            return dl(a("00/"), withCheck(Array(ref.prefix(1)) + Array(p.companyPrefix) + Array(ref.dropFirst())))
        }),
        (a("urn:epc:id:sgln:"), { p in
            guard let end = p.companyAndReference(total: 12), p.byte(end, "."),
                  inRange(gs3a3Count(p.u, from: end + 1), 1...20) else { return nil }
            var out = start("414/")
            p.appendCompanyAndReference(12 - p.cpLength, to: &out)
            let ext = p.tail(from: 30)
            if ext.count == 1, ext.first == UInt8(ascii: "0") { return out }
            out += "/254/".utf8
            appendPercentEncodedDL(ext, to: &out)
            return out
        }),
        (a("urn:epc:id:grai:"), { p in
            guard let end = p.companyAndReference12DoubleDot(), p.byte(end, "."),
                  inRange(gs3a3Count(p.u, from: end + 1), 1...16) else { return nil }
            let body = [UInt8(ascii: "0")] + Array(p.companyPrefix) + Array(p.reference(12 - p.cpLength))
            return dl(a("8003/"), withCheck(body), percentEncodeDL(p.tail(from: 30)))
        }),
        (a("urn:epc:id:giai:"), { p in
            guard (6...12).contains(p.cpLength), p.digits(p.prefixLength..<p.partition),
                  inRange(gs3a3Count(p.u, from: p.partition + 1), 1...(30 - p.cpLength)) else { return nil }
            return dl(a("8004/"), Array(p.companyPrefix), percentEncodeDL(p.tail(from: p.partition + 1)))
        }),
        (a("urn:epc:id:gsrn:"), { p in
            guard let end = p.companyAndReference(total: 17), end == p.u.count else { return nil }
            return dl(a("8018/"), withCheck(Array(p.companyPrefix) + Array(p.reference(17 - p.cpLength))))
        }),
        (a("urn:epc:id:gsrnp:"), { p in
            guard let end = p.companyAndReference(total: 17), end == p.u.count else { return nil }
            return dl(a("8017/"), withCheck(Array(p.companyPrefix) + Array(p.reference(17 - p.cpLength))))
        }),
        (a("urn:epc:id:gdti:"), { p in
            guard let end = p.companyAndReference12DoubleDot(), inRange(gs3a3Count(p.u, from: end), 1...20) else { return nil }
            let body = Array(p.companyPrefix) + Array(p.reference(12 - p.cpLength))
            return dl(a("253/"), withCheck(body), percentEncodeDL(p.tail(from: 30)))
        }),
        (a("urn:epc:id:cpi:"), { p in
            guard (6...12).contains(p.cpLength), p.digits(p.prefixLength..<p.partition),
                  let (n, stop) = cpiRun(p.u, from: p.partition + 1), (1...(30 - p.cpLength)).contains(n),
                  p.byte(stop, "."), (1...12).contains(p.u.count - stop - 1), p.digits((stop + 1)..<p.u.count)
            else { return nil }
            let cpRef = Array(p.companyPrefix) + Array(p.u[(p.partition + 1)..<stop])
            return dl(a("8010/"), percentEncodeDL(cpRef), a("/8011/"), Array(p.u[(stop + 1)...]))
        }),
        (a("urn:epc:id:sgcn:"), { p in
            guard let end = p.companyAndReference(total: 12), p.byte(end, "."),
                  (1...12).contains(p.u.count - end - 1), p.digits((end + 1)..<p.u.count) else { return nil }
            let body = Array(p.companyPrefix) + Array(p.reference(12 - p.cpLength))
            return dl(a("255/"), withCheck(body), Array(p.tail(from: 30)))
        }),
        (a("urn:epc:id:ginc:"), { p in
            guard (6...12).contains(p.cpLength), p.digits(p.prefixLength..<p.partition),
                  inRange(gs3a3Count(p.u, from: p.partition + 1), 1...(30 - p.cpLength)) else { return nil }
            return dl(a("401/"), Array(p.companyPrefix), percentEncodeDL(p.tail(from: p.partition + 1)))
        }),
        (a("urn:epc:id:gsin:"), { p in
            guard let end = p.companyAndReference(total: 16), end == p.u.count else { return nil }
            return dl(a("402/"), withCheck(Array(p.companyPrefix) + Array(p.reference(16 - p.cpLength))))
        }),
        (a("urn:epc:id:itip:"), { p in
            guard let end = p.companyAndReference(total: 13), p.byte(end, "."), p.digits((end + 1)..<(end + 3)),
                  p.byte(end + 3, "."), p.digits((end + 4)..<(end + 6)), p.byte(end + 6, "."),
                  inRange(gs3a3Count(p.u, from: end + 7), 1...20) else { return nil }
            return dl(a("8006/"), withCheck(p.gtin13()), Array(p.u[31..<33]), Array(p.u[34..<36]), a("/21/"),
                      percentEncodeDL(p.tail(from: 37)))
        }),
        (a("urn:epc:id:upui:"), { p in
            guard let end = p.companyAndReference(total: 13), p.byte(end, "."),
                  inRange(gs3a3Count(p.u, from: end + 1), 1...28) else { return nil }
            return dl(a("01/"), withCheck(p.gtin13()), a("/235/"), percentEncodeDL(p.tail(from: 31)))
        }),
        (a("urn:epc:id:pgln:"), { p in
            guard let end = p.companyAndReference(total: 12), end == p.u.count else { return nil }
            return dl(a("417/"), withCheck(Array(p.companyPrefix) + Array(p.reference(12 - p.cpLength))))
        }),
        (a("urn:epc:class:lgtin:"), { p in
            guard let end = p.companyAndReference(total: 13), p.byte(end, "."),
                  inRange(gs3a3Count(p.u, from: end + 1), 1...20) else { return nil }
            var out = start("01/")
            p.appendGTIN14(to: &out)
            out += "/10/".utf8
            appendPercentEncodedDL(p.tail(from: 35), to: &out)
            return out
        }),
        (a("urn:epc:idpat:sgtin:"), { p in
            guard let end = p.companyAndReference(total: 13), p.byte(end, "."), p.byte(end + 1, "*"),
                  end + 2 == p.u.count else { return nil }
            return dl(a("01/"), withCheck(p.gtin13()))
        }),
        (a("urn:epc:idpat:grai:"), { p in
            guard let end = p.companyAndReference12DoubleDot(), p.byte(end, "."), p.byte(end + 1, "*"),
                  end + 2 == p.u.count else { return nil }
            let body = [UInt8(ascii: "0")] + Array(p.companyPrefix) + Array(p.reference(12 - p.cpLength))
            return dl(a("8003/"), withCheck(body))
        }),
        (a("urn:epc:idpat:gdti:"), { p in
            guard let end = p.companyAndReference12DoubleDot(), p.byte(end, "."), p.byte(end + 1, "*"),
                  end + 2 == p.u.count else { return nil }
            return dl(a("253/"), withCheck(Array(p.companyPrefix) + Array(p.reference(12 - p.cpLength))))
        }),
        (a("urn:epc:idpat:sgcn:"), { p in
            guard let end = p.companyAndReference12DoubleDot(), p.byte(end, "."), p.byte(end + 1, "*"),
                  end + 2 == p.u.count else { return nil }
            return dl(a("255/"), withCheck(Array(p.companyPrefix) + Array(p.reference(12 - p.cpLength))))
        }),
        (a("urn:epc:idpat:cpi:"), { p in
            guard (6...12).contains(p.cpLength), p.digits(p.prefixLength..<p.partition),
                  let (n, stop) = cpiRun(p.u, from: p.partition + 1), (1...(30 - p.cpLength)).contains(n),
                  p.byte(stop, "."), p.byte(stop + 1, "*"), stop + 2 == p.u.count else { return nil }
            return dl(a("8010/"), percentEncodeDL(Array(p.companyPrefix) + Array(p.u[(p.partition + 1)..<stop])))
        }),
        (a("urn:epc:idpat:itip:"), { p in
            guard let end = p.companyAndReference(total: 13), p.byte(end, "."), p.digits((end + 1)..<(end + 3)),
                  p.byte(end + 3, "."), p.digits((end + 4)..<(end + 6)), p.byte(end + 6, "."), p.byte(end + 7, "*"),
                  end + 8 == p.u.count else { return nil }
            return dl(a("8006/"), withCheck(p.gtin13()), Array(p.u[34..<36]), Array(p.u[37..<39]))
        }),
        (a("urn:epc:idpat:upui:"), { p in
            guard let end = p.companyAndReference(total: 13), p.byte(end, "."), p.byte(end + 1, "*"),
                  end + 2 == p.u.count else { return nil }
            return dl(a("01/"), withCheck(p.gtin13()))
        }),
    ]
}
