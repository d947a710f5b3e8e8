/// Byte search eight bytes at a time in one 64-bit word (SWAR: SIMD within a register).
///
/// Segments are short (20–40 bytes in real traffic), so a call into `memchr` per segment costs
/// more in setup than it saves; a word-at-a-time loop inlined into the scanner finds the next
/// terminator (or release character) in three or four word tests, with no call and no branch
/// per byte.
///
/// The zero-byte test `(v - 0x01…01) & ~v & 0x80…80` sets bit 7 of every byte of `v` that is
/// zero; a borrow can also set it in a byte *above* a zero byte, never below one, so the lowest
/// flagged byte is always a true match. Words are read little-endian, so the lowest flagged byte
/// is the first in memory. Only that one is used.
enum ByteSearch {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// `byte` in every lane of a word.
    @inline(__always)
    static func broadcast(_ byte: UInt8) -> UInt64 { ones &* UInt64(byte) }

    /// Bit 7 set in the lanes of `w` equal to the broadcast `pattern` (exact for the lowest).
    @inline(__always)
    static func matches(_ w: UInt64, _ pattern: UInt64) -> UInt64 {
        let v = w ^ pattern
        return (v &- ones) & ~v & highBits
    }

    /// The eight bytes at `offset`, first byte in the low lane whatever the host's byte order.
    @inline(__always)
    static func word(_ base: UnsafePointer<UInt8>, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
    }

    /// The index of the first byte equal to `byte` in `base[from..<to]`, or nil.
    @inline(__always)
    static func firstIndex(of byte: UInt8, in base: UnsafePointer<UInt8>, from: Int, to end: Int) -> Int? {
        let pattern = broadcast(byte)
        var i = from
        while i + 8 <= end {
            let hit = matches(word(base, i), pattern)
            if hit != 0 { return i + hit.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < end {
            if base[i] == byte { return i }
            i += 1
        }
        return nil
    }

    /// The index of the first byte equal to `a` or to `b` in `base[from..<to]`, or nil: one pass
    /// finds a segment's terminator and every release character before it.
    @inline(__always)
    static func firstIndex(of a: UInt8, or b: UInt8, in base: UnsafePointer<UInt8>, from: Int, to end: Int) -> Int? {
        let pa = broadcast(a)
        let pb = broadcast(b)
        var i = from
        while i + 8 <= end {
            let w = word(base, i)
            let hit = matches(w, pa) | matches(w, pb)
            if hit != 0 { return i + hit.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < end {
            let c = base[i]
            if c == a || c == b { return i }
            i += 1
        }
        return nil
    }
}
