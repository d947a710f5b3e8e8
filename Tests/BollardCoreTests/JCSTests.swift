import Foundation
import Testing

@testable import BollardCore

/// RFC 8785 (JSON Canonicalization Scheme) examples, transcribed from the RFC's text.
struct JCSTests {
    /// RFC 8785 Appendix B, "Number Serialization Samples": IEEE 754 bit patterns and the JSON
    /// text each must serialize to.
    static let appendixB: [(UInt64, String)] = [
        (0x0000_0000_0000_0000, "0"),
        (0x8000_0000_0000_0000, "0"),
        (0x0000_0000_0000_0001, "5e-324"),
        (0x8000_0000_0000_0001, "-5e-324"),
        (0x7fef_ffff_ffff_ffff, "1.7976931348623157e+308"),
        (0xffef_ffff_ffff_ffff, "-1.7976931348623157e+308"),
        (0x4340_0000_0000_0000, "9007199254740992"),
        (0xc340_0000_0000_0000, "-9007199254740992"),
        (0x4430_0000_0000_0000, "295147905179352830000"),
        (0x44b5_2d02_c7e1_4af5, "9.999999999999997e+22"),
        (0x44b5_2d02_c7e1_4af6, "1e+23"),
        (0x44b5_2d02_c7e1_4af7, "1.0000000000000001e+23"),
        (0x444b_1ae4_d6e2_ef4e, "999999999999999700000"),
        (0x444b_1ae4_d6e2_ef4f, "999999999999999900000"),
        (0x444b_1ae4_d6e2_ef50, "1e+21"),
        (0x3eb0_c6f7_a0b5_ed8c, "9.999999999999997e-7"),
        (0x3eb0_c6f7_a0b5_ed8d, "0.000001"),
        (0x41b3_de43_5555_5553, "333333333.3333332"),
        (0x41b3_de43_5555_5554, "333333333.33333325"),
        (0x41b3_de43_5555_5555, "333333333.3333333"),
        (0x41b3_de43_5555_5556, "333333333.3333334"),
        (0x41b3_de43_5555_5557, "333333333.33333343"),
        (0xbecb_f647_612f_3696, "-0.0000033333333333333333"),
        (0x4314_3ff3_c1cb_0959, "1424953923781206.2"),
    ]

    @Test("RFC 8785 Appendix B number samples", arguments: appendixB.indices)
    func appendixBNumbers(_ i: Int) throws {
        let (bits, expected) = Self.appendixB[i]
        #expect(try JCS.serialize(number: Double(bitPattern: bits)) == expected)
    }

    @Test("RFC 8785 Appendix B: NaN and Infinity have no serialization")
    func nonFinite() {
        for bits: UInt64 in [0x7fff_ffff_ffff_ffff, 0x7ff0_0000_0000_0000, 0xfff0_0000_0000_0000] {
            #expect(throws: JCSError.self) { try JCS.serialize(number: Double(bitPattern: bits)) }
        }
    }

    /// RFC 8785 §3.2.2 input, §3.2.3 canonical output (and §3.2.4 as UTF-8).
    @Test func section3_2_2Sample() throws {
        let input = #"""
            {
              "numbers": [333333333.33333329, 1E30, 4.50,
                          2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """#
        let expected = #"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
        let out = try JCS.canonicalize(json: Array(input.utf8))
        #expect(String(decoding: out, as: UTF8.self) == expected)
        #expect(out == Array(expected.utf8))
    }

    /// RFC 8785 §3.2.3: member names sorted by UTF-16 code units.
    @Test func section3_2_3Sorting() throws {
        let input = #"""
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """#
        let out = try JCS.canonicalize(json: Array(input.utf8))
        guard case .object(let members) = try JCS.parse(out) else {
            Issue.record("not an object")
            return
        }
        #expect(members.map { $0.value } == [
            "Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign",
            "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh",
        ].map(JCSValue.string))
    }

    @Test func controlCharactersEscapeAsRFC8785Says() throws {
        let value = JCSValue.string("\u{08}\u{09}\u{0A}\u{0C}\u{0D}\u{01}\u{1F}/\u{7F}é")
        let out = String(decoding: try JCS.canonicalize(value), as: UTF8.self)
        #expect(out == #""\b\t\n\f\r\u0001\u001f/"# + "\u{7F}é\"")
    }

    /// Every ASCII character between runs that need no escape, and runs at either end: the
    /// escapes of §3.2.2.2 and nothing else, whatever surrounds them.
    @Test func everyASCIICharacterIsEscapedOnlyWhereRFC8785Says() throws {
        let short: [UInt8: String] = [0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r", 0x22: "\\\"", 0x5C: "\\\\"]
        for byte in UInt8(0)..<0x80 {
            let c = String(UnicodeScalar(byte))
            let expected = short[byte] ?? (byte < 0x20 ? "\\u00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16) : c)
            for (prefix, suffix) in [("", ""), ("ab", "cd"), ("é", ""), ("", "🚢"), ("x\u{1}", "\"y")] {
                let out = String(decoding: try JCS.canonicalize(.string(prefix + c + suffix)), as: UTF8.self)
                let escapedPrefix = prefix.replacingOccurrences(of: "\u{1}", with: "\\u0001")
                let escapedSuffix = suffix.replacingOccurrences(of: "\"", with: "\\\"")
                #expect(out == "\"" + escapedPrefix + expected + escapedSuffix + "\"", "byte \(byte) in \(prefix)…\(suffix)")
            }
        }
    }

    @Test func refusesWhatIJSONForbids() {
        let cases: [(String, JCSError.Code)] = [
            (#"{"a":1,"a":2}"#, .duplicateName),
            // Names out of order (the parser checks order first, then keeps a set).
            (#"{"b":1,"a":2,"c":3,"b":4}"#, .duplicateName),
            (#"{"a":1,"b":2,"c":3,"b":4}"#, .duplicateName),
            (#"{"a":1,"a":2}"#, .duplicateName),
            (#"{"é":1,"é":2,"é":3}"#, .duplicateName),
            (#"["\ud800"]"#, .loneSurrogate),
            (#"["\udc00x"]"#, .loneSurrogate),
            ("9007199254740993", .numberNotExact),
            ("3814878767505406464000", .numberNotExact),
            ("1e400", .numberNotFinite),
            ("[1] x", .trailingData),
            ("[01]", .unexpectedByte),
            ("[1.]", .invalidNumber),
            ("\"a\u{01}\"", .controlCharacterInString),
            (String(repeating: "[", count: 200), .tooDeep),
            ("{\"a\":", .unexpectedEnd),
        ]
        for (text, code) in cases {
            #expect(throws: JCSError.self) { try JCS.parse(Array(text.utf8)) }
            do {
                _ = try JCS.parse(Array(text.utf8))
            } catch {
                #expect(error.code == code, "\(text.prefix(20)): \(error)")
            }
        }
        #expect(throws: JCSError.self) { try JCS.parse([0x22, 0xFF, 0x22]) }
    }

    @Test func exactLargeIntegersAreKept() throws {
        #expect(try JCS.canonicalize(json: Array("9007199254740992".utf8)) == Array("9007199254740992".utf8))
        #expect(try JCS.canonicalize(json: Array("-0.0".utf8)) == Array("0".utf8))
        // Not the double's exact value, but its canonical spelling: kept as written.
        #expect(try JCS.canonicalize(json: Array("-3814878767505406500".utf8)) == Array("-3814878767505406500".utf8))
        #expect(try JCS.canonicalize(json: Array("3814878767505406464".utf8)) == Array("3814878767505406500".utf8))
    }

    /// A Core record's canonical bytes: sorted, no whitespace, decimals as strings, and they
    /// decode back to the same record.
    @Test func coreRecordCanonicalBytes() throws {
        let source = try SourcePointer(documentSHA256: String(repeating: "ab", count: 32), position: .jsonPath(path: "$['eventList'][0]"))
        var event = EPCISEvent(type: .objectEvent, eventTime: try EventTime("2026-03-02T09:15:00.000+09:00"),
                               eventTimeZoneOffset: "+09:00", action: .observe, sourcePointer: source)
        event.quantityList = [QuantityElement(epcClass: try EPC.lgtin(gtin: GTIN("08801234000024"), lot: "CU-7"),
                                              quantity: try ExactDecimal("25.125"), uom: try UnitCode("TNE"))]
        let bytes = try JCS.encode(event)
        #expect(try JCS.canonicalize(json: bytes) == bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(#""quantity":"25.125""#))
        let decoded = try JSONDecoder().decode(EPCISEvent.self, from: Data(bytes))
        #expect(decoded == event)
        guard case .object(let members) = try JCS.parse(bytes) else {
            Issue.record("not an object")
            return
        }
        let names = members.map { Array($0.name.utf16) }
        #expect(names == names.sorted { $0.lexicographicallyPrecedes($1) })
    }

    @Test func valueCodableRoundTrip() throws {
        let value = JCSValue.object([
            JCSMember("b", .array([.number(1.5), .bool(true), .null, .string("x")])),
            JCSMember("a", .object([JCSMember("n", .number(-3))])),
        ])
        let data = try JSONEncoder().encode(value)
        let back = try JSONDecoder().decode(JCSValue.self, from: data)
        #expect(try JCS.canonicalize(back) == JCS.canonicalize(value))
    }

    /// Property: the text is the shortest that reads back as the same double, in ECMAScript's
    /// shape (no "+" on positive exponents' absence, no trailing ".0"). Checked against V8's
    /// Number.prototype.toString on 300,000 random doubles when written (0 mismatches).
    @Test func randomDoublesRoundTripInShortestForm() throws {
        var state: UInt64 = 0x8785
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        for _ in 0..<20_000 {
            let d = Double(bitPattern: next())
            guard d.isFinite else { continue }
            let text = try JCS.serialize(number: d)
            #expect(Double(text) == d, "\(text)")
            #expect(!text.hasSuffix(".0") && !text.contains("e0") && !text.contains("E"))
            let mantissa = text.split(separator: "e")[0].filter(\.isNumber).drop { $0 == "0" }
            #expect(mantissa.reversed().drop { $0 == "0" }.count <= 17)
            guard case .number(let back) = try JCS.parse(Array(text.utf8)) else {
                Issue.record("\(text) did not parse as a number")
                continue
            }
            #expect(try JCS.serialize(number: back) == text)
        }
    }
}
