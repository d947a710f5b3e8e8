/// An unsigned 256-bit integer: the width of every EVM word and of the quantities a type-2
/// transaction carries (EIP-1559 bounds fees and value by 2^256 − 1).
///
/// Only what transactions and the ABI need: big-endian bytes, comparison, checked add/multiply.
public struct UInt256: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// Least significant word first.
    private var words: (UInt64, UInt64, UInt64, UInt64)

    public static let zero = UInt256(0)
    public static let max = UInt256(words: (.max, .max, .max, .max))

    private init(words: (UInt64, UInt64, UInt64, UInt64)) { self.words = words }

    public init(_ value: UInt64) { words = (value, 0, 0, 0) }

    public init(integerLiteral value: UInt64) { self.init(value) }

    /// Big-endian bytes, at most 32 (leading zeros allowed here; RLP's canonical rule is
    /// checked by the RLP reader).
    public init?<C: Collection>(bigEndian bytes: C) where C.Element == UInt8 {
        guard bytes.count <= 32 else { return nil }
        var w: [UInt64] = [0, 0, 0, 0]
        var shift = 0
        for b in bytes.reversed() {
            w[shift / 64] |= UInt64(b) << UInt64(shift % 64)
            shift += 8
        }
        words = (w[0], w[1], w[2], w[3])
    }

    /// A JSON-RPC QUANTITY ("0x" and hex digits without leading zeros; "0x0" for zero), or a
    /// plain decimal string.
    public init?(quantity text: some StringProtocol) {
        let s = Substring(text)
        if s.hasPrefix("0x") || s.hasPrefix("0X") {
            let digits = s.dropFirst(2)
            guard !digits.isEmpty, digits.count <= 64 else { return nil }
            var v = UInt256.zero
            for c in digits.utf8 {
                guard let n = Hex.nibble(c) else { return nil }
                v = v.shiftedLeft(4)
                v.words.0 |= UInt64(n)
            }
            self = v
        } else {
            guard !s.isEmpty else { return nil }
            var v = UInt256.zero
            for c in s.utf8 {
                guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
                let (m, o1) = v.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(UInt256(UInt64(c - UInt8(ascii: "0"))))
                guard !o1, !o2 else { return nil }
                v = a
            }
            self = v
        }
    }

    private var array: [UInt64] { [words.0, words.1, words.2, words.3] }

    private init(array w: [UInt64]) { words = (w[0], w[1], w[2], w[3]) }

    /// 32 big-endian bytes, as an EVM word.
    public var word: [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        let w = array
        for i in 0..<32 {
            out[31 - i] = UInt8(truncatingIfNeeded: w[i / 8] >> UInt64(8 * (i % 8)))
        }
        return out
    }

    /// Big-endian bytes without leading zeros (empty for zero): RLP's integer form.
    public var minimalBytes: [UInt8] {
        let w = word
        let first = w.firstIndex { $0 != 0 } ?? 32
        return Array(w[first...])
    }

    public var isZero: Bool { self == .zero }

    /// The value when it fits 64 bits.
    public var uint64: UInt64? { words.1 == 0 && words.2 == 0 && words.3 == 0 ? words.0 : nil }

    /// "0x…" JSON-RPC QUANTITY.
    public var quantity: String {
        let hex = Hex.encode(minimalBytes, prefix: false)
        let trimmed = hex.drop { $0 == "0" }
        return "0x" + (trimmed.isEmpty ? "0" : trimmed)
    }

    public var description: String {
        if let small = uint64 { return String(small) }
        var digits = [UInt8]()
        var v = self
        while !v.isZero {
            let (q, r) = v.dividedBy10()
            digits.append(UInt8(ascii: "0") + UInt8(r))
            v = q
        }
        return String(decoding: digits.reversed(), as: UTF8.self)
    }

    public static func == (a: UInt256, b: UInt256) -> Bool { a.array == b.array }

    public func hash(into hasher: inout Hasher) { hasher.combine(array) }

    public static func < (a: UInt256, b: UInt256) -> Bool {
        let x = a.array, y = b.array
        for i in stride(from: 3, through: 0, by: -1) where x[i] != y[i] { return x[i] < y[i] }
        return false
    }

    public func addingReportingOverflow(_ other: UInt256) -> (partialValue: UInt256, overflow: Bool) {
        let x = array, y = other.array
        var out: [UInt64] = [0, 0, 0, 0]
        var carry: UInt64 = 0
        for i in 0..<4 {
            let (s1, o1) = x[i].addingReportingOverflow(y[i])
            let (s2, o2) = s1.addingReportingOverflow(carry)
            out[i] = s2
            carry = (o1 ? 1 : 0) + (o2 ? 1 : 0)
        }
        return (UInt256(array: out), carry != 0)
    }

    public func multipliedReportingOverflow(by other: UInt256) -> (partialValue: UInt256, overflow: Bool) {
        let x = array, y = other.array
        var out = [UInt64](repeating: 0, count: 8)
        for i in 0..<4 {
            var carry: UInt64 = 0
            for j in 0..<4 {
                let (high, low) = x[i].multipliedFullWidth(by: y[j])
                let (s1, o1) = out[i + j].addingReportingOverflow(low)
                let (s2, o2) = s1.addingReportingOverflow(carry)
                out[i + j] = s2
                carry = high &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
            }
            out[i + 4] = carry
        }
        let overflow = out[4] != 0 || out[5] != 0 || out[6] != 0 || out[7] != 0
        return (UInt256(array: Array(out[0..<4])), overflow)
    }

    private func shiftedLeft(_ n: UInt64) -> UInt256 {
        let w = array
        var out: [UInt64] = [0, 0, 0, 0]
        for i in 0..<4 {
            out[i] = w[i] << n | (i > 0 ? w[i - 1] >> (64 - n) : 0)
        }
        return UInt256(array: out)
    }

    private func dividedBy10() -> (UInt256, UInt64) {
        var w = array
        var remainder: UInt64 = 0
        for i in stride(from: 3, through: 0, by: -1) {
            let (q, r) = (10 as UInt64).dividingFullWidth((remainder, w[i]))
            w[i] = q
            remainder = r
        }
        return (UInt256(array: w), remainder)
    }
}

extension UInt256 {
    /// ⌊self / 8⌋, for fee bumps of one eighth (12.5 %).
    var dividedByEight: UInt256 {
        let bytes = word
        var out = [UInt8](repeating: 0, count: 32)
        var carry: UInt8 = 0
        for i in 0..<32 {
            out[i] = (bytes[i] >> 3) | carry
            carry = bytes[i] << 5
        }
        return UInt256(bigEndian: out) ?? .zero
    }
}
