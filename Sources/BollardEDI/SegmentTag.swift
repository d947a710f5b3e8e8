/// A segment tag packed into an integer so envelope checks compare one word, not strings.
public struct SegmentTag: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let rawValue: UInt32

    public init(rawValue: UInt32) { self.rawValue = rawValue }

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

    public static let UNA = SegmentTag("UNA")
    public static let UNB = SegmentTag("UNB")
    public static let UNG = SegmentTag("UNG")
    public static let UNH = SegmentTag("UNH")
    public static let UNT = SegmentTag("UNT")
    public static let UNE = SegmentTag("UNE")
    public static let UNZ = SegmentTag("UNZ")
    public static let ISA = SegmentTag("ISA")
    public static let IEA = SegmentTag("IEA")
    public static let GS = SegmentTag("GS")
    public static let GE = SegmentTag("GE")
    public static let ST = SegmentTag("ST")
    public static let SE = SegmentTag("SE")
    public static let TA1 = SegmentTag("TA1")
}
