/// Text form: `[+-]digits[.digits][(e|E)[+-]digits]`, the lexical space of XML Schema
/// `xsd:decimal` extended with the exponent JSON numbers may carry. Parsing scans UTF-8 bytes.
extension ExactDecimal: CustomStringConvertible, TextCodable {
    public init(_ text: String) throws(DecimalError) {
        var copy = text
        let result = copy.withUTF8 { bytes -> Result<ExactDecimal, DecimalError> in
            do throws(DecimalError) {
                return .success(try ExactDecimal.parse(bytes))
            } catch {
                return .failure(error)
            }
        }
        self = try result.get()
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(DecimalError) -> ExactDecimal {
        guard !bytes.isEmpty else { throw DecimalError(.empty, "no digits", position: 0) }
        var i = 0
        var negative = false
        if bytes[0] == 0x2B || bytes[0] == 0x2D {
            negative = bytes[0] == 0x2D
            i = 1
        }
        var significand: Int128 = 0
        var digits = 0
        var sawDigit = false
        var fractionDigits = 0
        var inFraction = false
        // Zeros after the last non-zero digit are held back: if they would push the value past
        // 38 digits they are folded into the exponent (integer part) or dropped (fraction part)
        // instead, so "1e40" written out in full still parses.
        var heldIntegerZeros = 0
        var heldFractionZeros = 0
        func release() throws(DecimalError) {
            let zeros = heldIntegerZeros + heldFractionZeros
            guard zeros > 0 else { return }
            guard digits + zeros <= maxDigits else {
                throw DecimalError(.tooManyDigits, "more than \(maxDigits) significant digits", position: i)
            }
            significand *= powersOfTen[zeros]
            digits += zeros
            fractionDigits += heldFractionZeros
            heldIntegerZeros = 0
            heldFractionZeros = 0
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x30 {
                sawDigit = true
                if significand == 0 {
                    if inFraction { fractionDigits += 1 }
                } else if inFraction {
                    heldFractionZeros += 1
                } else {
                    heldIntegerZeros += 1
                }
            } else if b > 0x30 && b <= 0x39 {
                sawDigit = true
                try release()
                guard digits < maxDigits else {
                    throw DecimalError(.tooManyDigits, "more than \(maxDigits) significant digits", position: i)
                }
                significand = significand * 10 + Int128(b - 0x30)
                digits += 1
                if inFraction { fractionDigits += 1 }
            } else if b == 0x2E && !inFraction {
                inFraction = true
            } else if b == 0x65 || b == 0x45 {
                break
            } else {
                throw DecimalError(.invalidCharacter, "unexpected byte 0x\(String(b, radix: 16))", position: i)
            }
            i += 1
        }
        var folded = 0
        if digits + heldIntegerZeros + heldFractionZeros <= maxDigits {
            try release()
        } else {
            folded = heldIntegerZeros
        }
        guard sawDigit else { throw DecimalError(.empty, "no digits in mantissa", position: i) }
        var exp = 0
        if i < bytes.count {
            i += 1
            var expNegative = false
            if i < bytes.count, bytes[i] == 0x2B || bytes[i] == 0x2D {
                expNegative = bytes[i] == 0x2D
                i += 1
            }
            guard i < bytes.count else { throw DecimalError(.empty, "no digits in exponent", position: i) }
            while i < bytes.count {
                let b = bytes[i]
                guard b >= 0x30 && b <= 0x39 else {
                    throw DecimalError(.invalidCharacter, "unexpected byte 0x\(String(b, radix: 16)) in exponent", position: i)
                }
                exp = exp * 10 + Int(b - 0x30)
                guard exp <= 10_000 else { throw DecimalError(.exponentOutOfRange, "exponent too large", position: i) }
                i += 1
            }
            if expNegative { exp = -exp }
        }
        // A zero keeps its written scale ("0.00"), bounded so "0e-9999" cannot print 9999 digits.
        let e = significand == 0 ? min(max(exp - fractionDigits, exponentRange.lowerBound), 0) : exp - fractionDigits + folded
        guard exponentRange.contains(e) else {
            throw DecimalError(.exponentOutOfRange, "exponent \(e) outside \(exponentRange)", position: 0)
        }
        return ExactDecimal(significand: negative ? -significand : significand, exponent: e)
    }

    /// Plain notation, never an exponent: `12.500`, `-0.003`, `1200`.
    public var description: String {
        let digits = String(significand.magnitude)
        let sign = significand < 0 ? "-" : ""
        if exponent >= 0 {
            return sign + digits + (significand == 0 ? "" : String(repeating: "0", count: exponent))
        }
        let fraction = -exponent
        if digits.count > fraction {
            let cut = digits.index(digits.endIndex, offsetBy: -fraction)
            return sign + digits[..<cut] + "." + digits[cut...]
        }
        return sign + "0." + String(repeating: "0", count: fraction - digits.count) + digits
    }

    /// The value rounded to exactly `scale` fraction digits and printed with all of them.
    public func formatted(scale: Int, rounding: DecimalRoundingMode = .halfEven) throws(DecimalError) -> String {
        try rounded(scale: scale, rounding: rounding).description
    }

    /// Encoded as a JSON string, never a JSON number: decoders commonly read numbers as
    /// binary floating point, which would undo the exactness this type exists for.
    public var canonicalText: String { description }
}
