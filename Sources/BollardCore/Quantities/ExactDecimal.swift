/// An exact base-10 number: `significand × 10^exponent`, with up to 38 significant digits.
///
/// Weights and volumes are contractual quantities written in decimal (LBMA lists fine weights to
/// 0.001 oz, tank tables to 0.001 bbl). A binary `Double` cannot hold 0.1 exactly, so sums of
/// bar weights would drift from the figures on the documents. Every operation here is either
/// exact or takes an explicit scale and rounding mode; none rounds silently, and overflow is a
/// `DecimalError`, never a trap.
///
/// Equality and hashing are numeric (`1.50 == 1.5`); the stored exponent is kept so a value
/// prints with the precision it was written with.
public struct ExactDecimal: Sendable {
    public let significand: Int128
    public let exponent: Int

    /// Exponents are bounded so that aligning two values can never run away.
    static let exponentRange = -256...256
    static let maxDigits = 38

    /// - Precondition: |significand| < 10^38 (38 significant digits). Values built from text or
    ///   by arithmetic are checked and never reach this precondition; it guards the invariant
    ///   that negation and rounding cannot overflow `Int128`.
    public init(significand: Int128, exponent: Int) {
        precondition(significand.magnitude <= ExactDecimal.maxSignificand.magnitude, "more than 38 significant digits")
        self.significand = significand
        self.exponent = exponent
    }

    /// 10^38 − 1.
    static let maxSignificand: Int128 = 99_999_999_999_999_999_999_999_999_999_999_999_999

    /// `value` as a significand, or `.overflow` when it needs more than 38 digits.
    static func checked(_ value: Int128, _ what: @autoclosure () -> String) throws(DecimalError) -> Int128 {
        guard value >= -maxSignificand, value <= maxSignificand else {
            throw DecimalError(.overflow, "\(what()) needs more than \(maxDigits) significant digits")
        }
        return value
    }

    public init(_ value: Int) {
        self.init(significand: Int128(value), exponent: 0)
    }

    public static let zero = ExactDecimal(significand: 0, exponent: 0)

    public var isZero: Bool { significand == 0 }
    public var isNegative: Bool { significand < 0 }
    public var signum: Int { significand == 0 ? 0 : (significand < 0 ? -1 : 1) }

    /// The number of digits after the decimal point as stored (0 for integers written without one).
    public var scale: Int { max(0, -exponent) }

    public var negated: ExactDecimal { ExactDecimal(significand: -significand, exponent: exponent) }
    public var magnitude: ExactDecimal { significand < 0 ? negated : self }

    /// The same value with trailing zeros removed from the significand.
    public var normalized: ExactDecimal {
        if significand == 0 { return .zero }
        var s = significand
        var e = exponent
        while s % 10 == 0 {
            s /= 10
            e += 1
        }
        return ExactDecimal(significand: s, exponent: e)
    }

    /// `10^n` for 0 ≤ n ≤ 38.
    static let powersOfTen: [Int128] = {
        var out: [Int128] = [1]
        for _ in 1...38 { out.append((out.last ?? 1) * 10) }
        return out
    }()

    /// `value × 10^n`, or nil when it needs more than 38 digits.
    static func scaleUp(_ value: Int128, by n: Int) -> Int128? {
        if value == 0 { return 0 }
        guard n >= 0, n <= 38 else { return nil }
        let (r, overflow) = value.multipliedReportingOverflow(by: powersOfTen[n])
        return overflow || r.magnitude > maxSignificand.magnitude ? nil : r
    }

    /// `value × 10^n` using the whole `Int128` range, for intermediates of a division whose
    /// quotient is checked afterwards.
    static func scaleUpIntermediate(_ value: Int128, by n: Int) -> Int128? {
        if value == 0 { return 0 }
        guard n >= 0, n <= 38 else { return nil }
        let (r, overflow) = value.multipliedReportingOverflow(by: powersOfTen[n])
        return overflow ? nil : r
    }

    /// Multiplies by a power of ten exactly, by moving the exponent: used for ‰ (fineness) and
    /// for metric prefixes.
    public func shifted(byPowerOfTen n: Int) throws(DecimalError) -> ExactDecimal {
        let e = exponent + n
        guard ExactDecimal.exponentRange.contains(e) || significand == 0 else {
            throw DecimalError(.exponentOutOfRange, "exponent \(e) outside \(ExactDecimal.exponentRange)")
        }
        return ExactDecimal(significand: significand, exponent: e)
    }
}

extension ExactDecimal: Equatable, Hashable, Comparable {
    public static func == (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        let a = lhs.normalized
        let b = rhs.normalized
        return a.significand == b.significand && a.exponent == b.exponent
    }

    public func hash(into hasher: inout Hasher) {
        let n = normalized
        hasher.combine(n.significand)
        hasher.combine(n.exponent)
    }

    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        compare(lhs, rhs) < 0
    }

    /// -1, 0 or 1. Never overflows: if aligning exponents would overflow, the value with the
    /// larger exponent has the larger magnitude (its scaled significand exceeds 2^127 while the
    /// other's fits below it).
    static func compare(_ a: ExactDecimal, _ b: ExactDecimal) -> Int {
        if a.signum != b.signum { return a.signum < b.signum ? -1 : 1 }
        if a.signum == 0 { return 0 }
        let negative = a.signum < 0
        let (hi, lo, swapped) = a.exponent >= b.exponent ? (a, b, false) : (b, a, true)
        let magnitudeOrder: Int
        if let scaled = scaleUp(hi.significand, by: hi.exponent - lo.exponent) {
            magnitudeOrder = scaled.magnitude == lo.significand.magnitude ? 0 : (scaled.magnitude > lo.significand.magnitude ? 1 : -1)
        } else {
            magnitudeOrder = 1
        }
        var order = swapped ? -magnitudeOrder : magnitudeOrder
        if negative { order = -order }
        return order
    }
}

extension ExactDecimal: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}
