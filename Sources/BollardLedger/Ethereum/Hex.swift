/// 0x-prefixed hexadecimal, the text form of bytes and quantities in Ethereum JSON-RPC
/// (execution-apis "DATA" and "QUANTITY" encodings).
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// Lower-case hex with a 0x prefix.
    public static func encode<C: Collection>(_ bytes: C, prefix: Bool = true) -> String where C.Element == UInt8 {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2 + 2)
        if prefix { out.append(UInt8(ascii: "0")); out.append(UInt8(ascii: "x")) }
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes "0x…" (or bare) hex with an even number of digits; `what` names the field in errors.
    public static func decode(_ text: some StringProtocol, what: String = "hex") throws(EthereumError) -> [UInt8] {
        var utf8 = Substring(text).utf8[...]
        if utf8.count >= 2, utf8.first == UInt8(ascii: "0"), let x = utf8.dropFirst().first, x | 0x20 == UInt8(ascii: "x") {
            utf8 = utf8.dropFirst(2)
        }
        guard utf8.count % 2 == 0 else {
            throw EthereumError(.invalidHex, "\(what): odd number of hex digits (\(utf8.count))")
        }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count / 2)
        var high: UInt8? = nil
        var position = 0
        for c in utf8 {
            guard let v = nibble(c) else {
                throw EthereumError(.invalidHex, "\(what): not a hex digit at position \(position)")
            }
            if let h = high {
                out.append(h << 4 | v)
                high = nil
            } else {
                high = v
            }
            position += 1
        }
        return out
    }

    static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
