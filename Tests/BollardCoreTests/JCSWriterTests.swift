import Foundation
import Testing

@testable import BollardCore

/// `JCSWriter` on RFC 8785's own examples: what it writes is the RFC's canonical text.
struct JCSWriterTests {
    @Test("RFC 8785 Appendix B number samples through the writer", arguments: JCSTests.appendixB.indices)
    func appendixBNumbers(_ i: Int) throws {
        let (bits, expected) = JCSTests.appendixB[i]
        var writer = JCSWriter()
        try writer.write(Double(bitPattern: bits))
        #expect(String(decoding: writer.bytes, as: UTF8.self) == expected)
    }

    @Test func nonFiniteNumbersAreRefused() {
        for value in [Double.nan, .infinity, -.infinity] {
            var writer = JCSWriter()
            #expect(throws: JCSError.self) { try writer.write(value) }
        }
    }

    /// RFC 8785 §3.2.2's sample, its members written in §3.2.3 order: the RFC's output.
    @Test func section3_2_2Sample() throws {
        struct Sample: JCSEncodable {
            func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
                writer.beginObject()
                writer.name("literals")
                writer.beginArray()
                writer.writeNull()
                writer.write(true)
                writer.write(false)
                writer.endArray()
                writer.name("numbers")
                writer.beginArray()
                for n in [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001] { try writer.write(n) }
                writer.endArray()
                writer.member("string", "\u{20ac}$\u{000F}\u{000a}A'\u{0042}\u{0022}\u{005c}\\\"/")
                writer.endObject()
            }
        }
        let expected = #"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
        #expect(String(decoding: try JCSWriter.encode(Sample()), as: UTF8.self) == expected)
    }

    @Test func controlCharactersEscapeAsRFC8785Says() {
        var writer = JCSWriter()
        writer.write("\u{08}\u{09}\u{0A}\u{0C}\u{0D}\u{01}\u{1F}/\u{7F}é😂")
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #""\b\t\n\f\r\u0001\u001f/"# + "\u{7F}é😂\"")
    }

    /// Commas between members and elements at every depth, none after an empty container.
    @Test func nestedContainersAreSeparatedOnce() throws {
        var writer = JCSWriter()
        writer.beginArray()
        writer.beginObject()
        writer.name("a")
        writer.beginArray()
        writer.endArray()
        writer.name("b")
        writer.beginObject()
        writer.endObject()
        try writer.member("c", [1, -2, 9_007_199_254_740_992])
        writer.member("d", ["x", "y"])
        writer.member("e", nil as String?)
        writer.member("f", Optional(true))
        writer.endObject()
        writer.beginArray()
        writer.endArray()
        writer.write("z")
        writer.endArray()
        let text = #"[{"a":[],"b":{},"c":[1,-2,9007199254740992],"d":["x","y"],"f":true},[],"z"]"#
        #expect(String(decoding: writer.bytes, as: UTF8.self) == text)
        #expect(try JCS.canonicalize(json: writer.bytes) == writer.bytes)
    }
}
