/// Exact arithmetic. `+`, `-` and `*` throw `DecimalError.overflow` rather than trap when the
/// exact result needs more than 38 significant digits; division always states its precision.
extension ExactDecimal {
    /// Both significands brought to the smaller exponent.
    static func aligned(_ a: ExactDecimal, _ b: ExactDecimal) throws(DecimalError) -> (Int128, Int128, Int) {
        if a.exponent == b.exponent { return (a.significand, b.significand, a.exponent) }
        let a2 = a.normalized
        let b2 = b.normalized
        let e = min(a2.exponent, b2.exponent)
        guard let x = scaleUp(a2.significand, by: a2.exponent - e), let y = scaleUp(b2.significand, by: b2.exponent - e) else {
            throw DecimalError(.overflow, "aligning \(a) and \(b) needs more than \(maxDigits) digits")
        }
        return (x, y, e)
    }

    public static func + (lhs: ExactDecimal, rhs: ExactDecimal) throws(DecimalError) -> ExactDecimal {
        if rhs.isZero { return lhs }
        if lhs.isZero { return rhs }
        let (x, y, e) = try aligned(lhs, rhs)
        let (s, overflow) = x.addingReportingOverflow(y)
        guard !overflow else { throw DecimalError(.overflow, "\(lhs) + \(rhs)") }
        return ExactDecimal(significand: try checked(s, "\(lhs) + \(rhs)"), exponent: e)
    }

    public static func - (lhs: ExactDecimal, rhs: ExactDecimal) throws(DecimalError) -> ExactDecimal {
        try lhs + rhs.negated
    }

    public static func * (lhs: ExactDecimal, rhs: ExactDecimal) throws(DecimalError) -> ExactDecimal {
        func product(_ a: ExactDecimal, _ b: ExactDecimal) -> (Int128, Int)? {
            let (p, overflow) = a.significand.multipliedReportingOverflow(by: b.significand)
            return overflow || p.magnitude > maxSignificand.magnitude ? nil : (p, a.exponent + b.exponent)
        }
        // Trailing zeros cost digits without carrying information; drop them before giving up.
        guard let (p, e) = product(lhs, rhs) ?? product(lhs.normalized, rhs.normalized) else {
            throw DecimalError(.overflow, "\(lhs) × \(rhs) needs more than \(maxDigits) significant digits")
        }
        guard p == 0 || exponentRange.contains(e) else {
            throw DecimalError(.exponentOutOfRange, "\(lhs) × \(rhs) has exponent \(e)")
        }
        return ExactDecimal(significand: p, exponent: e)
    }

    /// The value with exactly `scale` fraction digits (negative scale rounds to tens, hundreds …).
    public func rounded(scale: Int, rounding: DecimalRoundingMode) throws(DecimalError) -> ExactDecimal {
        let target = -scale
        guard ExactDecimal.exponentRange.contains(target) else {
            throw DecimalError(.exponentOutOfRange, "scale \(scale)")
        }
        if exponent >= target {
            guard let s = ExactDecimal.scaleUp(significand, by: exponent - target) else {
                throw DecimalError(.overflow, "\(self) at scale \(scale) needs more than \(ExactDecimal.maxDigits) digits")
            }
            return ExactDecimal(significand: s, exponent: target)
        }
        let drop = target - exponent
        if drop > 38 {
            // |significand| < 10^38 ≤ 10^drop / 2: the quotient is 0 and the remainder below half,
            // so only the directed modes move away from zero.
            let away: Int128 = significand < 0 ? -1 : 1
            let q: Int128
            switch rounding {
            case .down, .halfUp, .halfDown, .halfEven: q = 0
            case .up: q = away
            case .ceiling: q = significand > 0 ? 1 : 0
            case .floor: q = significand < 0 ? -1 : 0
            }
            return ExactDecimal(significand: q, exponent: target)
        }
        let d = ExactDecimal.powersOfTen[drop]
        let (q, r) = significand.quotientAndRemainder(dividingBy: d)
        let rounded = rounding.adjust(quotient: q, remainder: r, divisor: d, negative: significand < 0)
        return ExactDecimal(significand: try ExactDecimal.checked(rounded, "\(self) at scale \(scale)"), exponent: target)
    }

    /// `self / divisor` rounded to `scale` fraction digits.
    public func divided(by divisor: ExactDecimal, scale: Int, rounding: DecimalRoundingMode) throws(DecimalError) -> ExactDecimal {
        guard !divisor.isZero else { throw DecimalError(.divisionByZero, "\(self) / 0") }
        guard ExactDecimal.exponentRange.contains(-scale) else {
            throw DecimalError(.exponentOutOfRange, "scale \(scale)")
        }
        let a = normalized
        let b = divisor.normalized
        // a.s·10^a.e / (b.s·10^b.e) = (a.s·10^k / b.s) · 10^(a.e − b.e − k); choose k for −scale.
        let k = a.exponent - b.exponent + scale
        var numerator = a.significand
        var denominator = b.significand
        if k >= 0 {
            guard let n = ExactDecimal.scaleUpIntermediate(a.significand, by: k) else {
                throw DecimalError(.overflow, "\(self) / \(divisor) at scale \(scale)")
            }
            numerator = n
        } else {
            guard let d = ExactDecimal.scaleUpIntermediate(b.significand, by: -k) else {
                throw DecimalError(.overflow, "\(self) / \(divisor) at scale \(scale)")
            }
            denominator = d
        }
        let (q, r) = numerator.quotientAndRemainder(dividingBy: denominator)
        let negative = (numerator < 0) != (denominator < 0)
        let rounded = rounding.adjust(quotient: q, remainder: r, divisor: denominator, negative: negative)
        return ExactDecimal(significand: try ExactDecimal.checked(rounded, "\(self) / \(divisor) at scale \(scale)"), exponent: -scale)
    }

    /// `self / divisor` when the quotient terminates within 38 significant digits.
    /// - Throws: `.inexact` when it does not (e.g. 1/3, or grams to troy ounces), so the caller
    ///   must state a scale and rounding mode with `divided(by:scale:rounding:)`.
    public func dividedExactly(by divisor: ExactDecimal) throws(DecimalError) -> ExactDecimal {
        guard !divisor.isZero else { throw DecimalError(.divisionByZero, "\(self) / 0") }
        if isZero { return .zero }
        let a = normalized
        let b = divisor.normalized
        // After removing common factors, the quotient terminates iff the reduced denominator has
        // no prime factors other than 2 and 5.
        let g = ExactDecimal.gcd(a.significand.magnitude, b.significand.magnitude)
        var rest = b.significand.magnitude / g
        while rest % 2 == 0 { rest /= 2 }
        while rest % 5 == 0 { rest /= 5 }
        guard rest == 1 else { throw DecimalError(.inexact, "\(self) / \(divisor) does not terminate") }
        for extra in 0...38 {
            let scale = extra - (a.exponent - b.exponent)
            guard let q = try? divided(by: divisor, scale: scale, rounding: .down) else { break }
            if let check = try? q * divisor, check == self { return q.normalized }
        }
        throw DecimalError(.inexact, "\(self) / \(divisor) needs more than \(ExactDecimal.maxDigits) digits")
    }

    static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }
}
