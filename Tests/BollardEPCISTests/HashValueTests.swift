import Testing
@testable import BollardEPCIS

@Suite("CBV 2.0 hash value canonicalisation")
struct HashValueTests {
    @Test("numbers come out as Python's float() and repr() write them", arguments: [
        ("26.0", "26"), ("1.50", "1.5"), ("+5", "5"), ("007", "7"), ("1e3", "1000"), ("3.14e-7", "3.14e-07"),
        ("0.00001", "1e-05"), ("1_000", "1000"), ("12345678901234567890", "12345678901234567168"), ("-0", "0"),
        ("0.1", "0.1"), ("123.456", "123.456"), ("1e22", "10000000000000000000000"), ("0.0001", "0.0001"),
        ("nan", "nan"), ("1_", "1_"), ("abc", "abc"), ("1.2.3", "1.2.3"),
    ])
    func numbers(input: String, expected: String) throws {
        #expect(try HashValue.canonical(input) == expected)
    }

    @Test("an infinite number cannot be hashed")
    func infinity() {
        #expect(throws: HashValue.Unhashable.self) { try HashValue.canonical("inf") }
        #expect(throws: HashValue.Unhashable.self) { try HashValue.canonical("1e400") }
    }

    @Test("timestamps go to UTC with milliseconds rounded half to even", arguments: [
        ("2023-02-02T11:04:03.1415Z", "2023-02-02T11:04:03.142Z"),
        ("2023-02-02T11:04:03.1425Z", "2023-02-02T11:04:03.142Z"),
        ("2019-10-21T14:58:56+02:00", "2019-10-21T12:58:56.000Z"),
        ("2020-01-01T00:30:00.5+01:00", "2019-12-31T23:30:00.500Z"),
        ("2020-02-28T23:00:00-01:30", "2020-02-29T00:30:00.000Z"),
        ("2019-10-21T14:58:56.1234567Z", "2019-10-21T14:58:56.123Z"),
    ])
    func timestamps(input: String, expected: String) throws {
        #expect(try HashValue.timestamp(input) == expected)
    }

    @Test("a timestamp that rounds into the next second cannot be hashed; non-timestamps stay")
    func timestampEdges() throws {
        #expect(throws: HashValue.Unhashable.self) { try HashValue.timestamp("2023-01-01T00:00:00.9996Z") }
        #expect(try HashValue.timestamp("yesterday") == "yesterday")
    }

    @Test("CBV URNs become Web URIs")
    func cbvURNs() throws {
        #expect(try HashValue.canonical("urn:epcglobal:cbv:bizstep:shipping") == "https://ref.gs1.org/cbv/BizStep-shipping")
        #expect(try HashValue.canonical("urn:epcglobal:cbv:disp:in_transit") == "https://ref.gs1.org/cbv/Disp-in_transit")
        #expect(try HashValue.canonical("urn:epcglobal:cbv:bt:4012345000009:B1") == "urn:epcglobal:cbv:bt:4012345000009:B1")
    }
}

@Suite("Python float fast path")
struct PythonNumberFastPathTests {
    /// The plain-decimal shortcut must agree with the general float path wherever it answers.
    @Test("plain decimals give what the float path gives", arguments: [
        "1.5", "-1.50", "007", "0.0001", "0.00010", "0.001", "123456789012345", "1234567890123456", "-0.0", "+2.250",
        "0.1", "99.99", "1.000000000000001", "10", "-10.0", "0.5", ".5", "5.",
    ])
    func agrees(text: String) throws {
        var scratch: [UInt8] = []
        guard PythonNumber.scan(text.utf8, into: &scratch) == .finite,
              let d = Double(String(decoding: scratch, as: UTF8.self)) else {
            Issue.record("\(text) is not a Python float")
            return
        }
        let general = d == d.rounded(.towardZero) ? PythonNumber.integerText(d) : PythonNumber.pythonRepr(d)
        if let fast = PythonNumber.plainDecimal(text) { #expect(fast == general, "\(text)") }
        #expect(PythonNumber.canonicalise(text) == .canonical(general))
    }
}
