/// Brings any URI that carries a GS1 key to the constrained canonical GS1 Digital Link URI that
/// CBV 2.0 §8.9.2 hashes: EPC URIs, EPC class and pattern URIs (TDS 2.x §6-§8) are rewritten to
/// `https://id.gs1.org/<AI>/<key>` with the check digit computed (GS1 General Specifications
/// §7.9.1); Digital Link URIs (GS1 Digital Link 1.2 §4) on any host lose their query string,
/// take numeric AIs, a 14-digit GTIN and only the finest key qualifier.
///
/// The rules, including their oddities, follow GS1's reference hash generator so the hashes
/// agree with it; matching is done by hand on bytes because this runs for every identifier of
/// every event.
public enum DigitalLinkNormaliser {
    /// The canonical Digital Link for `uri`, or nil when it carries no GS1 key.
    public static func normalise(_ uri: String) -> String? {
        guard let first = uri.utf8.first, first == UInt8(ascii: "u") || first == UInt8(ascii: "h"),
              uri.utf8.contains(UInt8(ascii: ".")) else { return nil }
        return normalise(bytes: Array(uri.utf8)).map { String(decoding: $0, as: UTF8.self) }
    }

    static func normalise(bytes input: [UInt8]) -> [UInt8]? {
        guard input.contains(UInt8(ascii: ".")) else { return nil }
        if input.starts(with: Lit.urnEpc) { return EPCURI.canonical(input) }
        guard DLRules.looksLikeDigitalLink(input) else { return nil }
        let u = DLRules.constrain(input)
        return DLRules.isValidCanonical(u) ? u : nil
    }
}

enum Lit {
    static let urnEpc = Array("urn:epc:".utf8)
    static let idGS1 = Array("https://id.gs1.org".utf8)
}

// MARK: - byte helpers

@inline(__always) func isDigitByte(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
@inline(__always) func isHexByte(_ b: UInt8) -> Bool {
    isDigitByte(b) || (b | 0x20) &- UInt8(ascii: "a") < 6
}

extension Array where Element == UInt8 {
    func firstRange(of needle: [UInt8], from start: Int = 0) -> Int? {
        guard needle.count <= count else { return nil }
        var i = start
        while i + needle.count <= count {
            if self[i] == needle[0] {
                var j = 1
                while j < needle.count, self[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    func replacingAll(_ target: [UInt8], with replacement: [UInt8]) -> [UInt8] {
        guard var hit = firstRange(of: target) else { return self }
        var out: [UInt8] = []
        out.reserveCapacity(count + 8)
        var i = 0
        while true {
            out.append(contentsOf: self[i..<hit])
            out.append(contentsOf: replacement)
            i = hit + target.count
            guard let next = firstRange(of: target, from: i) else { break }
            hit = next
        }
        out.append(contentsOf: self[i...])
        return out
    }
}

/// GS1 General Specifications §7.9.1 mod-10 check digit over the digits given.
func gs1CheckDigit<C: Collection>(_ digits: C) -> UInt8 where C.Element == UInt8 {
    gs1CheckDigit(Array(digits)[...])
}

func gs1CheckDigit(_ digits: ArraySlice<UInt8>) -> UInt8 {
    var sum = 0
    var weight = 3
    var i = digits.endIndex
    while i > digits.startIndex {
        i -= 1
        sum += Int(digits[i] &- 0x30) * weight
        weight = 4 - weight
    }
    return UInt8((10 - sum % 10) % 10) + 0x30
}

/// GS1 Digital Link 1.2 Table 7-1: characters a key value must carry percent-encoded.
func appendPercentEncodedDL<C: Collection>(_ s: C, to out: inout [UInt8]) where C.Element == UInt8 {
    for b in s {
        switch b {
        case UInt8(ascii: "!"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"),
             UInt8(ascii: ","), UInt8(ascii: ":"):
            out.append(UInt8(ascii: "%"))
            out.append(hexUpper[Int(b >> 4)])
            out.append(hexUpper[Int(b & 0x0F)])
        default: out.append(b)
        }
    }
}

let hexUpper = Array("0123456789ABCDEF".utf8)

func percentEncodeDL<C: Collection>(_ s: C) -> [UInt8] where C.Element == UInt8 {
    var out: [UInt8] = []
    out.reserveCapacity(s.count)
    for b in s {
        switch b {
        case UInt8(ascii: "!"): out += Array("%21".utf8)
        case UInt8(ascii: "("): out += Array("%28".utf8)
        case UInt8(ascii: ")"): out += Array("%29".utf8)
        case UInt8(ascii: "*"): out += Array("%2A".utf8)
        case UInt8(ascii: "+"): out += Array("%2B".utf8)
        case UInt8(ascii: ","): out += Array("%2C".utf8)
        case UInt8(ascii: ":"): out += Array("%3A".utf8)
        default: out.append(b)
        }
    }
    return out
}
