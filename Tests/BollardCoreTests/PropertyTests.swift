import Foundation
import Testing

@testable import BollardCore

/// Deterministic pseudo-random inputs (a fixed-seed LCG, so failures reproduce): parsers never
/// trap, and what they accept round-trips.
struct PropertyTests {
    struct LCG {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    static func strings(_ alphabet: String, count: Int, maxLength: Int, seed: UInt64) -> [String] {
        let chars = Array(alphabet)
        var rng = LCG(state: seed)
        return (0..<count).map { _ in String((0..<rng.next(maxLength + 1)).map { _ in chars[rng.next(chars.count)] }) }
    }

    @Test func decimalTextRoundTrips() throws {
        var accepted = 0
        for s in Self.strings("0123456789.-+eE ", count: 20_000, maxLength: 24, seed: 1) {
            guard let d = try? ExactDecimal(s) else { continue }
            accepted += 1
            #expect(try ExactDecimal(d.description) == d, "\(s)")
        }
        #expect(accepted > 1000)
    }

    @Test func arithmeticAgreesWithIntegers() throws {
        var rng = LCG(state: 7)
        for _ in 0..<5000 {
            let a = rng.next(2_000_000) - 1_000_000
            let b = rng.next(2_000_000) - 1_000_000
            let sa = rng.next(6)
            let sb = rng.next(6)
            let x = ExactDecimal(significand: Int128(a), exponent: -sa)
            let y = ExactDecimal(significand: Int128(b), exponent: -sb)
            // Scale both to 10^-10 as integers and compare.
            let ax = Int128(a) * ExactDecimal.powersOfTen[10 - sa]
            let by = Int128(b) * ExactDecimal.powersOfTen[10 - sb]
            #expect(try (x + y) == ExactDecimal(significand: ax + by, exponent: -10))
            #expect(try (x - y) == ExactDecimal(significand: ax - by, exponent: -10))
            #expect(try (x * y) == ExactDecimal(significand: Int128(a) * Int128(b), exponent: -(sa + sb)))
            #expect((x < y) == (ax < by))
            if b != 0 {
                let q = try x.divided(by: y, scale: 4, rounding: .down)
                // |q·y − x| < |y|·10^-4, checked exactly.
                let err = try (q * y - x).magnitude
                #expect(err < (try y.magnitude * ExactDecimal(significand: 1, exponent: -4)), "\(x)/\(y)=\(q)")
            }
        }
    }

    /// Random text never traps the time parser; well-formed times agree with Foundation's
    /// ISO 8601 parser, an independent implementation.
    @Test func timeParserAgreesWithFoundation() throws {
        for s in Self.strings("0123456789-T:.Z+", count: 20_000, maxLength: 30, seed: 3) {
            _ = try? EventTime(s)
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        var rng = LCG(state: 5)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        for _ in 0..<2000 {
            let sign = rng.next(2) == 0 ? "+" : "-"
            let text = "\(1971 + rng.next(120))-\(two(1 + rng.next(12)))-\(two(1 + rng.next(28)))T\(two(rng.next(24))):"
                + "\(two(rng.next(60))):\(two(rng.next(60)))\(sign)\(two(rng.next(14))):\(two(rng.next(4) * 15))"
            let ours = try EventTime(text)
            let theirs = try #require(formatter.date(from: text), "\(text)")
            #expect(ours.millisecondsSinceEpoch == Int64(theirs.timeIntervalSince1970) * 1000, "\(text)")
        }
    }

    @Test func everySingleDigitChangeBreaksAGLNOrContainerCheck() throws {
        for text in ["8801234000017", "8801234000048", "8801234000062"] {
            var bytes = Array(text.utf8)
            for i in bytes.indices {
                let original = bytes[i]
                for d in UInt8(0x30)...UInt8(0x39) where d != original {
                    bytes[i] = d
                    #expect(throws: IdentifierError.self) { try GLN(String(decoding: bytes, as: UTF8.self)) }
                }
                bytes[i] = original
            }
        }
        // Check digit 0 stands for remainder 0 or 10, so a number printed with 0 does not catch
        // every single-digit error: HSTU5123410 (remainder 0) and HSTU7123410 (remainder 10)
        // both validate. ISO 6346 advises against serials giving remainder 10.
        #expect(try !ContainerNumber("HSTU5123410").hasAmbiguousCheckDigit)
        #expect(try ContainerNumber("HSTU7123410").hasAmbiguousCheckDigit)
        #expect(try !ContainerNumber("BDXU2001011").hasAmbiguousCheckDigit)
        // With any other check digit, every single-digit substitution is caught.
        for text in ["BDXU2001011", "BDXU2001027", "HSTU5123405", "CSQU3054383"] {
            var bytes = Array(text.utf8)
            for i in 4..<11 {
                let original = bytes[i]
                for d in UInt8(0x30)...UInt8(0x39) where d != original {
                    bytes[i] = d
                    #expect(throws: IdentifierError.self) { try ContainerNumber(String(decoding: bytes, as: UTF8.self)) }
                }
                bytes[i] = original
            }
        }
    }
}
