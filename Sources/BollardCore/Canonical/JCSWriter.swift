/// Writes RFC 8785 canonical JSON straight into bytes, for values that know their own members
/// (`JCSEncodable`): no `JSONEncoder`, no intermediate `JCSValue`, no sort at run time.
///
/// The caller writes an object's members in RFC 8785 §3.2.3 order (by the UTF-16 code units of
/// their names; for the ASCII names Bollard's types use, byte order: upper case before lower
/// case, a name before any longer name it prefixes). Debug builds check that order on every
/// member, so a hand-written encoder that gets it wrong fails its tests instead of writing
/// non-canonical leaves. Strings are escaped (§3.2.2.2) and numbers spelt (§3.2.2.3) exactly as
/// `JCS.canonicalize` does, so both paths give the same bytes for the same JSON.
public struct JCSWriter: Sendable {
    public private(set) var bytes: [UInt8]
    /// A value was just written in the current object or array: the next one needs a comma.
    private var afterValue = false
    #if DEBUG
    /// The last member name of each open object, innermost last.
    private var openNames: [[UInt8]?] = []
    #endif

    public init(reservingCapacity capacity: Int = 512) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The canonical bytes of one value.
    public static func encode<T: JCSEncodable>(_ value: T) throws(JCSError) -> [UInt8] {
        var writer = JCSWriter()
        try value.writeJCS(to: &writer)
        return writer.bytes
    }

    // MARK: Structure

    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        afterValue = false
        #if DEBUG
        openNames.append(nil)
        #endif
    }

    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        afterValue = true
        #if DEBUG
        openNames.removeLast()
        #endif
    }

    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        afterValue = false
    }

    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        afterValue = true
    }

    /// Starts a member: its name and the colon; the value written next is the member's. `name`
    /// is a literal of printable ASCII other than `"` and `\`, so it is written as it is.
    public mutating func name(_ name: StaticString) {
        #if DEBUG
        let utf8 = name.withUTF8Buffer { Array($0) }
        assert(utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") },
               "member name \(name) needs escaping")
        if let previous = openNames[openNames.count - 1] {
            assert(previous.lexicographicallyPrecedes(utf8), "member \(name) written after \(String(decoding: previous, as: UTF8.self)): not in RFC 8785 §3.2.3 order")
        }
        openNames[openNames.count - 1] = utf8
        #endif
        if afterValue { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        afterValue = false
    }

    /// A member whose name is data (a dictionary's key). The caller writes such members in
    /// §3.2.3 order (`member(_:_:)` for a dictionary sorts them).
    public mutating func name(_ name: String) {
        if afterValue { bytes.append(UInt8(ascii: ",")) }
        JCS.writeString(name, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        afterValue = false
        #if DEBUG
        openNames[openNames.count - 1] = nil
        #endif
    }

    /// A dictionary keyed by `CodingKeyRepresentable` values, as `JSONEncoder` writes one: an
    /// object whose names are the keys' coding-key strings, here in §3.2.3 order (UTF-16).
    public mutating func member<K: CodingKeyRepresentable, V: JCSEncodable>(_ name: StaticString, _ dictionary: [K: V]) throws(JCSError) {
        self.name(name)
        beginObject()
        let entries = dictionary.map { (name: $0.key.codingKey.stringValue, value: $0.value) }
            .sorted { $0.name.utf16.lexicographicallyPrecedes($1.name.utf16) }
        for entry in entries {
            self.name(entry.name)
            try entry.value.writeJCS(to: &self)
        }
        endObject()
    }

    // MARK: Scalars

    public mutating func write(_ string: String) {
        separate()
        JCS.writeString(string, into: &bytes)
        afterValue = true
    }

    public mutating func write(_ bool: Bool) {
        separate()
        bytes.append(contentsOf: bool ? Self.trueBytes : Self.falseBytes)
        afterValue = true
    }

    public mutating func writeNull() {
        separate()
        bytes.append(contentsOf: Self.nullBytes)
        afterValue = true
    }

    /// An integer as the number it is (§3.2.2.3). Beyond ±2⁵³ a double no longer holds every
    /// integer, so such a value is kept exactly when the parse-and-serialize path keeps it (the
    /// double holds it, or its spelling is the integer's own digits) and refused otherwise.
    public mutating func write(_ int: Int) throws(JCSError) {
        separate()
        if int.magnitude <= 1 << 53 {
            if int < 0 { bytes.append(UInt8(ascii: "-")) }
            appendDigits(int.magnitude)
        } else {
            let double = Double(int)
            var canonical: [UInt8] = []
            try JCSNumber.serialize(double, into: &canonical)
            guard Int(exactly: double) == int || canonical.elementsEqual(String(int).utf8) else {
                throw JCSError(.numberNotExact, "\(int) is not exactly representable as a double (I-JSON, RFC 7493 §2.2)")
            }
            bytes.append(contentsOf: canonical)
        }
        afterValue = true
    }

    public mutating func write(_ number: Double) throws(JCSError) {
        separate()
        try JCSNumber.serialize(number, into: &bytes)
        afterValue = true
    }

    // MARK: Members

    public mutating func member<T: JCSEncodable>(_ name: StaticString, _ value: T) throws(JCSError) {
        self.name(name)
        try value.writeJCS(to: &self)
    }

    /// A member written only when the value is present, as `encodeIfPresent` omits it.
    public mutating func member<T: JCSEncodable>(_ name: StaticString, _ value: T?) throws(JCSError) {
        guard let value else { return }
        self.name(name)
        try value.writeJCS(to: &self)
    }

    public mutating func member<T: JCSEncodable>(_ name: StaticString, _ values: [T]) throws(JCSError) {
        self.name(name)
        beginArray()
        for value in values { try value.writeJCS(to: &self) }
        endArray()
    }

    public mutating func member(_ name: StaticString, _ value: String) {
        self.name(name)
        write(value)
    }

    public mutating func member(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        self.name(name)
        write(value)
    }

    public mutating func member(_ name: StaticString, _ values: [String]) {
        self.name(name)
        beginArray()
        for value in values { write(value) }
        endArray()
    }

    public mutating func member(_ name: StaticString, _ value: Int) throws(JCSError) {
        self.name(name)
        try write(value)
    }

    public mutating func member(_ name: StaticString, _ value: Int?) throws(JCSError) {
        guard let value else { return }
        self.name(name)
        try write(value)
    }

    public mutating func member(_ name: StaticString, _ values: [Int]) throws(JCSError) {
        self.name(name)
        beginArray()
        for value in values { try write(value) }
        endArray()
    }

    public mutating func member(_ name: StaticString, _ value: Bool?) {
        guard let value else { return }
        self.name(name)
        write(value)
    }

    /// A parsed JSON value, canonicalized (its members sorted) as RFC 8785 §3.2 requires.
    public mutating func write(_ value: JCSValue) throws(JCSError) {
        separate()
        try JCS.write(value, into: &bytes)
        afterValue = true
    }

    // MARK: Private

    private static let trueBytes: [UInt8] = Array("true".utf8)
    private static let falseBytes: [UInt8] = Array("false".utf8)
    private static let nullBytes: [UInt8] = Array("null".utf8)

    /// The comma before an array element; a member's comma comes with its name.
    private mutating func separate() {
        if afterValue { bytes.append(UInt8(ascii: ",")) }
    }

    /// The decimal digits of `n` ≤ 2⁵³, most significant first.
    private mutating func appendDigits(_ n: UInt) {
        var divisor: UInt = 1
        while n / divisor >= 10 { divisor *= 10 }
        var rest = n
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
