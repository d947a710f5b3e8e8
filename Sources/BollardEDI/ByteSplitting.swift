/// Splitting of a segment's bytes at a separator, honouring a release character.
///
/// Used on demand (element and component access), never while scanning for segment ends, so the
/// scanner's hot loop stays a plain byte search. It works on borrowed bytes and answers index
/// ranges, so the owned segment types and the borrowed views share one implementation.
enum ByteSplitting {
    /// The range of the `index`-th (0-based) piece of `bytes` split at `separator`; a separator
    /// preceded by an odd run of `release` bytes is data (ISO 9735-1 §10).
    @inlinable
    static func piece(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8, release: UInt8?, index: Int) -> Range<Int>? {
        var current = 0
        var start = 0
        var i = 0
        let end = bytes.count
        while i < end {
            let b = bytes[i]
            if let release, b == release {
                i += 2
                continue
            }
            if b == separator {
                if current == index { return start..<i }
                current += 1
                start = i + 1
            }
            i += 1
        }
        return current == index ? start..<end : nil
    }

    /// The ranges of all pieces of `bytes` split at `separator`.
    static func pieces(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8, release: UInt8?) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        var i = 0
        let end = bytes.count
        while i < end {
            let b = bytes[i]
            if let release, b == release {
                i += 2
                continue
            }
            if b == separator {
                out.append(start..<i)
                start = i + 1
            }
            i += 1
        }
        out.append(start..<end)
        return out
    }

    /// The number of pieces, without collecting them.
    static func count(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8, release: UInt8?) -> Int {
        var n = 1
        var i = 0
        let end = bytes.count
        while i < end {
            let b = bytes[i]
            if let release, b == release {
                i += 2
                continue
            }
            if b == separator { n += 1 }
            i += 1
        }
        return n
    }

    /// Removes release characters (keeping the released byte) and line breaks that wrap a
    /// segment across lines; both are transport artefacts, not data.
    static func unescaped(_ bytes: UnsafeBufferPointer<UInt8>, release: UInt8?) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if let release, b == release, i + 1 < bytes.count {
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

extension UnsafeBufferPointer where Element == UInt8 {
    /// The sub-buffer `range` (indices from 0), as a buffer of its own (indices from 0).
    @inline(__always)
    func sub(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: self[range])
    }
}
