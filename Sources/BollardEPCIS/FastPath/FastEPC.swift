/// The three EPC URI schemes that fill port traffic — SGTIN, LGTIN (GS1 TDS 2.x §6.3.1, §8) and
/// SGLN (§6.3.3) — written as canonical GS1 Digital Links straight into the pre-hash buffer.
/// The rules are `EPCURI`'s for these schemes, checked in the same order; anything they do not
/// accept is left to `EPCURI` (`append` returns false and writes nothing).
enum FastEPC {
    static let sgtin: StaticString = "urn:epc:id:sgtin:"
    static let lgtin: StaticString = "urn:epc:class:lgtin:"
    static let sgln: StaticString = "urn:epc:id:sgln:"
    static let gtinPath: StaticString = "https://id.gs1.org/01/"
    static let glnPath: StaticString = "https://id.gs1.org/414/"
    static let serialPath: StaticString = "/21/"
    static let lotPath: StaticString = "/10/"
    static let extensionPath: StaticString = "/254/"

    static func append(_ u: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) -> Bool {
        if hasPrefix(u, sgtin) { return gtin(u, prefix: sgtin.utf8CodeUnitCount, qualifier: serialPath, to: &out) }
        if hasPrefix(u, lgtin) { return gtin(u, prefix: lgtin.utf8CodeUnitCount, qualifier: lotPath, to: &out) }
        if hasPrefix(u, sgln) { return gln(u, to: &out) }
        return false
    }

    @inline(__always)
    static func hasPrefix(_ u: UnsafeBufferPointer<UInt8>, _ p: StaticString) -> Bool {
        let n = p.utf8CodeUnitCount
        guard u.count >= n else { return false }
        for i in 0..<n where u[i] != p.utf8Start[i] { return false }
        return true
    }

    @inline(__always)
    static func append(_ s: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// `<company prefix>.<reference>` with `total` digits in all; the index after the reference.
    @inline(__always)
    static func companyAndReference(_ u: UnsafeBufferPointer<UInt8>, prefix: Int, partition p: Int, total: Int) -> Int? {
        let k = p - prefix
        guard (6...12).contains(k), digits(u, prefix..<p) else { return nil }
        let end = p + 1 + total - k
        guard digits(u, (p + 1)..<end) else { return nil }
        return end
    }

    @inline(__always)
    static func digits(_ u: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        guard r.lowerBound >= 0, r.upperBound <= u.count else { return false }
        for i in r where !isDigitByte(u[i]) { return false }
        return true
    }

    static func gtin(_ u: UnsafeBufferPointer<UInt8>, prefix: Int, qualifier: StaticString, to out: inout [UInt8]) -> Bool {
        guard let p = u.firstIndex(of: UInt8(ascii: ".")),
              let end = companyAndReference(u, prefix: prefix, partition: p, total: 13),
              end < u.count, u[end] == UInt8(ascii: "."),
              let n = gs3a3Count(u, from: end + 1), (1...20).contains(n) else { return false }
        out.append(UInt8(ascii: "="))
        append(gtinPath, to: &out)
        let start = out.count
        out.append(u[p + 1])
        out.append(contentsOf: UnsafeBufferPointer(rebasing: u[prefix..<p]))
        out.append(contentsOf: UnsafeBufferPointer(rebasing: u[(p + 2)..<end]))
        out.append(gs1CheckDigit(out[start...]))
        append(qualifier, to: &out)
        appendPercentEncodedDL(UnsafeBufferPointer(rebasing: u[(prefix + 15)...]), to: &out)
        return true
    }

    static func gln(_ u: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) -> Bool {
        let prefix = sgln.utf8CodeUnitCount
        guard let p = u.firstIndex(of: UInt8(ascii: ".")),
              let end = companyAndReference(u, prefix: prefix, partition: p, total: 12),
              end < u.count, u[end] == UInt8(ascii: "."),
              let n = gs3a3Count(u, from: end + 1), (1...20).contains(n) else { return false }
        out.append(UInt8(ascii: "="))
        append(glnPath, to: &out)
        let start = out.count
        out.append(contentsOf: UnsafeBufferPointer(rebasing: u[prefix..<p]))
        out.append(contentsOf: UnsafeBufferPointer(rebasing: u[(p + 1)..<end]))
        out.append(gs1CheckDigit(out[start...]))
        let ext = UnsafeBufferPointer(rebasing: u[(prefix + 14)...])
        if ext.count == 1, ext[0] == UInt8(ascii: "0") { return true }
        append(extensionPath, to: &out)
        appendPercentEncodedDL(ext, to: &out)
        return true
    }

    /// `EPCURI.gs3a3Count` on a buffer.
    static func gs3a3Count(_ u: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
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
}
