/// RFC 8785 §3.2.2.3: numbers are serialized as ECMAScript's Number.prototype.toString
/// (ECMA-262 §7.1.12.1 Number::toString) does — the shortest decimal digits that round-trip,
/// placed by the ECMAScript exponent rules.
enum JCSNumber {
    /// Swift's `description` of a finite double already gives the shortest round-trip digits
    /// closest to the value (SwiftDtoa), as ECMA-262 requires; only their placement differs.
    static func serialize(_ value: Double, into out: inout [UInt8]) throws(JCSError) {
        guard value.isFinite else {
            throw JCSError(.numberNotFinite, "\(value) has no JSON form (RFC 8785 §3.2.2.3)")
        }
        if value == 0 {
            out.append(UInt8(ascii: "0"))  // -0 too (ECMA-262: ToString(-0) is "0")
            return
        }
        if value < 0 { out.append(UInt8(ascii: "-")) }
        let (digits, n) = decimalDigits(of: value.magnitude)
        let k = digits.count
        if k <= n && n <= 21 {
            out.append(contentsOf: digits)
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: n - k))
        } else if 0 < n && n <= 21 {
            out.append(contentsOf: digits[0..<n])
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: digits[n...])
        } else if -6 < n && n <= 0 {
            out.append(UInt8(ascii: "0"))
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -n))
            out.append(contentsOf: digits)
        } else {
            out.append(digits[0])
            if k > 1 {
                out.append(UInt8(ascii: "."))
                out.append(contentsOf: digits[1...])
            }
            out.append(UInt8(ascii: "e"))
            let e = n - 1
            out.append(e < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            out.append(contentsOf: String(e.magnitude).utf8)
        }
    }

    /// The digits d₁…d_k (no leading or trailing zeros) and the exponent n with
    /// value = 0.d₁…d_k × 10ⁿ, read from Swift's shortest round-trip text ("1.5e-07", "120.0").
    private static func decimalDigits(of magnitude: Double) -> (digits: [UInt8], n: Int) {
        var digits: [UInt8] = []
        digits.reserveCapacity(17)
        var pointPosition: Int?
        var exponent = 0
        var exponentSign = 1
        var inExponent = false
        for byte in magnitude.description.utf8 {
            if inExponent {
                switch byte {
                case UInt8(ascii: "-"): exponentSign = -1
                case UInt8(ascii: "+"): break
                default: exponent = exponent * 10 + Int(byte &- UInt8(ascii: "0"))
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "."): pointPosition = digits.count
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            default: digits.append(byte)
            }
        }
        var n = (pointPosition ?? digits.count) + exponentSign * exponent
        var leading = 0
        while leading < digits.count - 1, digits[leading] == UInt8(ascii: "0") { leading += 1 }
        n -= leading
        var end = digits.count
        while end > leading + 1, digits[end - 1] == UInt8(ascii: "0") { end -= 1 }
        return (Array(digits[leading..<end]), n)
    }
}
