/// A segment tag packed into an integer so envelope checks compare one word, not strings.
public struct SegmentTag: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let rawValue: UInt32

    @inlinable public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Packs up to the first three bytes of `bytes`; longer tags keep their first three bytes and
    /// are flagged by the readers as invalid.
    @inlinable
    public init(bytes: some Collection<UInt8>) {
        var v: UInt32 = 0
        var n = 0
        for b in bytes {
            if n == 3 { break }
            v = v << 8 | UInt32(b)
            n += 1
        }
        rawValue = v | UInt32(n) << 24
    }

    public init(_ text: StaticString) {
        self.init(bytes: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    public var description: String {
        let n = Int(rawValue >> 24)
        var bytes: [UInt8] = []
        for i in stride(from: n - 1, through: 0, by: -1) {
            bytes.append(UInt8(truncatingIfNeeded: rawValue >> (UInt32(i) * 8)))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @inlinable public static var UNA: SegmentTag { SegmentTag(rawValue: 0x03554E41) }  // "UNA"
    @inlinable public static var UNB: SegmentTag { SegmentTag(rawValue: 0x03554E42) }  // "UNB"
    @inlinable public static var UNG: SegmentTag { SegmentTag(rawValue: 0x03554E47) }  // "UNG"
    @inlinable public static var UNH: SegmentTag { SegmentTag(rawValue: 0x03554E48) }  // "UNH"
    @inlinable public static var UNT: SegmentTag { SegmentTag(rawValue: 0x03554E54) }  // "UNT"
    @inlinable public static var UNE: SegmentTag { SegmentTag(rawValue: 0x03554E45) }  // "UNE"
    @inlinable public static var UNZ: SegmentTag { SegmentTag(rawValue: 0x03554E5A) }  // "UNZ"
    @inlinable public static var ISA: SegmentTag { SegmentTag(rawValue: 0x03495341) }  // "ISA"
    @inlinable public static var IEA: SegmentTag { SegmentTag(rawValue: 0x03494541) }  // "IEA"
    @inlinable public static var GS: SegmentTag { SegmentTag(rawValue: 0x02004753) }  // "GS"
    @inlinable public static var GE: SegmentTag { SegmentTag(rawValue: 0x02004745) }  // "GE"
    @inlinable public static var ST: SegmentTag { SegmentTag(rawValue: 0x02005354) }  // "ST"
    @inlinable public static var SE: SegmentTag { SegmentTag(rawValue: 0x02005345) }  // "SE"
    @inlinable public static var TA1: SegmentTag { SegmentTag(rawValue: 0x03544131) }  // "TA1"
}
