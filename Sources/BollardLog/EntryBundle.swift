/// The body of a C2SP tlog-tiles entry bundle (§Log entries): each entry as a big-endian uint16
/// length followed by its bytes. The uint16 prefix is why an entry may be at most 65,535 bytes.
public enum EntryBundle {
    public static let maxEntryLength = Int(UInt16.max)

    public static func append(_ entry: [UInt8], to bundle: inout [UInt8]) throws(LogError) {
        guard entry.count <= maxEntryLength else {
            throw LogError(.entryTooLarge, "entry of \(entry.count) bytes exceeds the 65535 an entry bundle can hold")
        }
        bundle.append(UInt8(entry.count >> 8))
        bundle.append(UInt8(entry.count & 0xff))
        bundle.append(contentsOf: entry)
    }

    public static func encode(_ entries: [[UInt8]]) throws(LogError) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(entries.reduce(0) { $0 + 2 + $1.count })
        for e in entries { try append(e, to: &out) }
        return out
    }

    /// Splits a bundle into its entries; a length running past the end, or trailing bytes, is
    /// refused with the offset where it went wrong.
    public static func decode(_ bytes: [UInt8], bundle: String = "entry bundle") throws(LogError) -> [[UInt8]] {
        var out = [[UInt8]]()
        var i = 0
        while i < bytes.count {
            guard i + 2 <= bytes.count else {
                throw LogError(.corruptEntryBundle, "\(bundle): truncated length prefix at byte \(i)")
            }
            let length = Int(bytes[i]) << 8 | Int(bytes[i + 1])
            guard i + 2 + length <= bytes.count else {
                throw LogError(.corruptEntryBundle, "\(bundle): entry \(out.count) at byte \(i) claims \(length) bytes, \(bytes.count - i - 2) remain")
            }
            out.append(Array(bytes[(i + 2)..<(i + 2 + length)]))
            i += 2 + length
        }
        return out
    }
}
