import Foundation
import Testing

@testable import BollardCore

struct DecimalTests {
    func d(_ s: String) throws -> ExactDecimal { try ExactDecimal(s) }

    @Test(arguments: [
        ("0", "0"), ("12.500", "12.500"), ("-0.003", "-0.003"), ("+5", "5"), ("007", "7"), ("1e3", "1000"),
        ("3.14e-7", "0.000000314"), (".5", "0.5"), ("5.", "5"), ("1.5E+2", "150"),
        ("99999999999999999999999999999999999999", "99999999999999999999999999999999999999"),
    ])
    func parseAndFormat(_ input: String, _ printed: String) throws {
        #expect(try d(input).description == printed)
    }

    @Test(arguments: [
        ("", DecimalError.Code.empty), ("-", .empty), ("1.2.3", .invalidCharacter), ("12a", .invalidCharacter),
        ("1e", .empty), ("1e5x", .invalidCharacter), ("1 000", .invalidCharacter),
        ("123456789012345678901234567890123456789", .tooManyDigits), ("1e999", .exponentOutOfRange),
    ])
    func parseErrors(_ input: String, _ code: DecimalError.Code) {
        do {
            _ = try ExactDecimal(input)
            Issue.record("accepted \(input)")
        } catch {
            #expect(error.code == code)
        }
    }

    @Test func errorNamesPosition() {
        do {
            _ = try ExactDecimal("12.3x4")
        } catch {
            #expect(error.position == 4)
        }
    }

    @Test func numericEqualityIgnoresTrailingZeros() throws {
        #expect(try d("1.50") == d("1.5"))
        #expect(try d("1.50").hashValue == d("1.5").hashValue)
        #expect(try d("100") == d("1e2"))
        #expect(try d("-0.0") == .zero)
    }

    @Test func arithmeticIsExact() throws {
        // 0.1 + 0.2 is not 0.3 in binary floating point; here it is.
        #expect(try d("0.1") + d("0.2") == d("0.3"))
        #expect(try d("400.125") - d("0.125") == d("400"))
        #expect(try d("400.125") * d("999.9") == d("400084.9875"))
        #expect(try d("-2.5") * d("4") == d("-10"))
        var sum = ExactDecimal.zero
        for _ in 0..<1000 { sum = try sum + d("0.001") }
        #expect(sum == 1)
    }

    @Test func overflowIsAnErrorNotATrap() throws {
        let big = try d("99999999999999999999999999999999999999")
        #expect(throws: DecimalError.self) { try big + big }
        #expect(throws: DecimalError.self) { try big * big }
        #expect(throws: DecimalError.self) { try d("1e200") + d("1e-200") }
    }

    @Test func comparison() throws {
        #expect(try d("1.001") > d("1.0009"))
        #expect(try d("-3") < d("-2.9999"))
        #expect(try d("1e200") > d("99999999999999999999999999999999999999"))
        #expect(try d("-1e200") < d("-5"))
        #expect(try d("0.00") == d("0"))
    }

    /// The rounding table of IEEE 754 §4.3 / Java RoundingMode's documentation.
    @Test func roundingModes() throws {
        let inputs = ["5.5", "2.5", "1.6", "1.1", "1.0", "-1.0", "-1.1", "-1.6", "-2.5", "-5.5"]
        let expected: [DecimalRoundingMode: [Int]] = [
            .up: [6, 3, 2, 2, 1, -1, -2, -2, -3, -6],
            .down: [5, 2, 1, 1, 1, -1, -1, -1, -2, -5],
            .ceiling: [6, 3, 2, 2, 1, -1, -1, -1, -2, -5],
            .floor: [5, 2, 1, 1, 1, -1, -2, -2, -3, -6],
            .halfUp: [6, 3, 2, 1, 1, -1, -1, -2, -3, -6],
            .halfDown: [5, 2, 2, 1, 1, -1, -1, -2, -2, -5],
            .halfEven: [6, 2, 2, 1, 1, -1, -1, -2, -2, -6],
        ]
        for mode in DecimalRoundingMode.allCases {
            let got = try inputs.map { try d($0).rounded(scale: 0, rounding: mode) }
            #expect(got == expected[mode]?.map { ExactDecimal($0) }, "\(mode)")
        }
    }

    @Test func roundingToScale() throws {
        #expect(try d("400.0849875").rounded(scale: 3, rounding: .down).description == "400.084")
        #expect(try d("400.0845").rounded(scale: 3, rounding: .halfEven).description == "400.084")
        #expect(try d("400.0855").rounded(scale: 3, rounding: .halfEven).description == "400.086")
        #expect(try d("12").rounded(scale: 3, rounding: .down).description == "12.000")
        #expect(try d("1234").rounded(scale: -2, rounding: .halfUp).description == "1200")
        #expect(try d("1e-100").rounded(scale: 2, rounding: .up).description == "0.01")
        #expect(try d("1e-100").rounded(scale: 2, rounding: .halfUp).description == "0.00")
        #expect(try d("2.5").formatted(scale: 2) == "2.50")
    }

    @Test func division() throws {
        #expect(try d("1").divided(by: d("3"), scale: 5, rounding: .halfEven).description == "0.33333")
        #expect(try d("2").divided(by: d("3"), scale: 5, rounding: .halfEven).description == "0.66667")
        #expect(try d("-2").divided(by: d("3"), scale: 5, rounding: .down).description == "-0.66666")
        #expect(try d("1").dividedExactly(by: d("8")) == d("0.125"))
        #expect(try d("39746.823732").dividedExactly(by: d("0.158987294928")) == d("250000"))
        #expect(throws: DecimalError(.divisionByZero, "1 / 0")) { try d("1").dividedExactly(by: .zero) }
        let one = try d("1")
        let three = try d("3")
        let error = #expect(throws: DecimalError.self) { try one.dividedExactly(by: three) }
        #expect(error?.code == .inexact)
    }

    @Test func codableAsStringKeepsPrecision() throws {
        let value = try d("12345678901234567890.123456789")
        let data = try JSONEncoder().encode([value])
        #expect(String(decoding: data, as: UTF8.self) == "[\"12345678901234567890.123456789\"]")
        let back = try JSONDecoder().decode([ExactDecimal].self, from: data)
        #expect(back == [value])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ExactDecimal].self, from: Data("[\"1.2.3\"]".utf8)) }
    }
}

extension DecimalTests {
    /// Results are held to 38 significant digits, so no later negation or rounding can overflow.
    @Test func resultsBeyond38DigitsAreOverflowErrors() throws {
        let nines = try d("99999999999999999999999999999999999999")
        #expect(throws: DecimalError.self) { try nines + d("1") }
        #expect(throws: DecimalError.self) { try nines.negated - d("1") }
        #expect(try nines.rounded(scale: -1, rounding: .up) == d("1e38"))
        #expect(try nines.rounded(scale: -1, rounding: .down).description == "99999999999999999999999999999999999990")
        #expect(nines.negated.magnitude == nines)
        // Trailing zeros are dropped before a product is declared too large.
        #expect(try d("1000000000000000000000000000000e-30") * d("12345678901234567890123456789012345678") == d("12345678901234567890123456789012345678"))
        #expect(try nines.divided(by: d("3"), scale: 0, rounding: .halfEven) == d("33333333333333333333333333333333333333"))
        #expect(throws: DecimalError.self) { try nines.divided(by: d("0.1"), scale: 0, rounding: .down) }
        #expect(try d("1e-200").rounded(scale: 2, rounding: .ceiling) == (try d("0.01")))
        #expect(try d("-1e-200").rounded(scale: 2, rounding: .floor) == (try d("-0.01")))
    }
}

extension DecimalTests {
    @Test func longZeroTailsFoldIntoTheExponent() throws {
        let big = try d("99999999999999999999999e20")
        #expect(try d(big.description) == big)
        #expect(try d("1" + String(repeating: "0", count: 60)) == d("1e60"))
        #expect(try d("1.5" + String(repeating: "0", count: 60)).description == "1.5")
        #expect(try d("25.000").description == "25.000")
        #expect(try d("0.000").description == "0.000")
        #expect(try d("100.0").description == "100.0")
        #expect(throws: DecimalError.self) { try d("1" + String(repeating: "0", count: 40) + "1") }
    }
}
