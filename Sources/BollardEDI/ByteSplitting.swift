/// Splitting of a segment's bytes at a separator, honouring a release character.
///
/// Used on demand (element and component access), never while scanning for segment ends, so the
/// scanner's hot loop stays a plain byte search.
enum ByteSplitting {
    /// The `index`-th (0-based) piece of `bytes` split at `separator`; a separator preceded by an
    /// odd run of `release` bytes is data (ISO 9735-1 §10).
    @inlinable
    static func piece(_ bytes: ArraySlice<UInt8>, separator: UInt8, release: UInt8?, index: Int) -> ArraySlice<UInt8>? {
        var current = 0
        var start = bytes.startIndex
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let b = bytes[i]
            if let release, b == release {
                i += 2
                continue
            }
            if b == separator {
                if current == index { return bytes[start..<i] }
                current += 1
                start = i + 1
            }
            i += 1
        }
        return current == index ? bytes[start..<end] : nil
    }

    /// All pieces of `bytes` split at `separator`.
    static func pieces(_ bytes: ArraySlice<UInt8>, separator: UInt8, release: UInt8?) -> [ArraySlice<UInt8>] {
        var out: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let b = bytes[i]
            if let release, b == release {
                i += 2
                continue
            }
            if b == separator {
                out.append(bytes[start..<i])
                start = i + 1
            }
            i += 1
        }
        out.append(bytes[start..<end])
        return out
    }

    /// Removes release characters (keeping the released byte) and line breaks that wrap a
    /// segment across lines; both are transport artefacts, not data.
    static func unescaped(_ bytes: ArraySlice<UInt8>, release: UInt8?) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if let release, b == release, i + 1 < bytes.endIndex {
                out.append(bytes[i + 1])
                i += 2
                continue
            }
            if b != 0x0D && b != 0x0A { out.append(b) }
            i += 1
        }
        return out
    }
}
