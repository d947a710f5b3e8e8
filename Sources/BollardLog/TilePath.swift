/// The path encoding shared by C2SP tlog-tiles and Go's sumdb/tlog: a tile index is written as
/// zero-padded three-digit elements, every element but the last prefixed with `x`
/// (`1234067` → `x001/x234/067`), so that tiles can be stored as files without a file and a
/// directory ever sharing a name. A partial tile of width W adds `.p/<W>`.
enum TilePath {
    static func encodeIndex(_ n: UInt64) -> String {
        var text = threeDigits(n % 1000)
        var rest = n / 1000
        while rest > 0 {
            text = "x" + threeDigits(rest % 1000) + "/" + text
            rest /= 1000
        }
        return text
    }

    static func threeDigits(_ v: UInt64) -> String {
        let s = String(v)
        return String(repeating: "0", count: 3 - s.count) + s
    }

    static func suffix(width: Int, full: Int) -> String {
        width == full ? "" : ".p/\(width)"
    }

    /// Decodes the index elements of a split path (after the level), and the partial width when
    /// the path ends in `.p/<W>`. The caller checks canonical form by re-encoding.
    static func decodeIndex(_ elements: ArraySlice<Substring>, path: String) throws(TilePathError) -> (index: UInt64, width: Int?) {
        var elements = Array(elements)
        var width: Int?
        if elements.count >= 2, elements[elements.count - 2].hasSuffix(".p") {
            guard let w = decimal(elements[elements.count - 1]) else {
                throw TilePathError(.invalidWidth, "partial width '\(elements[elements.count - 1])' in \(path) is not a decimal number")
            }
            width = Int(w)
            elements[elements.count - 2] = elements[elements.count - 2].dropLast(2)
            elements.removeLast()
        }
        guard !elements.isEmpty, elements.count <= 7 else {
            throw TilePathError(.invalidIndex, "tile index in \(path) has \(elements.count) elements")
        }
        var n: UInt64 = 0
        for (i, element) in elements.enumerated() {
            let last = i == elements.count - 1
            var digits = element
            if !last {
                guard digits.first == "x" else {
                    throw TilePathError(.invalidIndex, "index element '\(element)' of \(path) must start with 'x'")
                }
                digits = digits.dropFirst()
            }
            guard digits.utf8.count == 3, let v = decimal(digits) else {
                throw TilePathError(.invalidIndex, "index element '\(element)' of \(path) is not three digits")
            }
            let (m, overflow1) = n.multipliedReportingOverflow(by: 1000)
            let (s, overflow2) = m.addingReportingOverflow(v)
            guard !overflow1, !overflow2 else {
                throw TilePathError(.invalidIndex, "tile index in \(path) exceeds 64 bits")
            }
            n = s
        }
        return (n, width)
    }

    /// A run of ASCII digits (at most 19), or nil.
    static func decimal(_ text: Substring) -> UInt64? {
        guard !text.isEmpty, text.utf8.count <= 19 else { return nil }
        var v: UInt64 = 0
        for c in text.utf8 {
            guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
            v = v * 10 + UInt64(c - UInt8(ascii: "0"))
        }
        return v
    }
}
