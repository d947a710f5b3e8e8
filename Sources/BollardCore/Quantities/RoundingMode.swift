/// How a value is brought to a stated number of fraction digits. The names follow IEEE 754-2008
/// §4.3 and Java's `RoundingMode`, which trade systems commonly cite.
public enum DecimalRoundingMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// Toward zero (truncate). LBMA fine weights are truncated to 0.001 oz this way.
    case down
    /// Away from zero.
    case up
    /// Toward +∞.
    case ceiling
    /// Toward −∞.
    case floor
    /// To nearest; ties away from zero (commercial rounding).
    case halfUp
    /// To nearest; ties toward zero.
    case halfDown
    /// To nearest; ties to the even neighbour (banker's rounding, IEEE default).
    case halfEven

    /// Applies the mode to a truncated quotient `q` with remainder `r` of a division by `d`.
    /// `negative` is the sign of the exact result. Callers keep |q| < 10^38, so q ± 1 cannot
    /// overflow; a result of 10^38 is caught by `ExactDecimal.checked`.
    func adjust(quotient q: Int128, remainder r: Int128, divisor d: Int128, negative: Bool) -> Int128 {
        if r == 0 { return q }
        let twiceR = UInt128(r.magnitude) << 1
        let absD = UInt128(d.magnitude)
        let away = negative ? q - 1 : q + 1
        switch self {
        case .down: return q
        case .up: return away
        case .ceiling: return negative ? q : away
        case .floor: return negative ? away : q
        case .halfUp: return twiceR >= absD ? away : q
        case .halfDown: return twiceR > absD ? away : q
        case .halfEven:
            if twiceR > absD { return away }
            if twiceR < absD { return q }
            return q % 2 == 0 ? q : away
        }
    }
}
