import BollardTestSupport
import Foundation

/// Reads the Ethereum conformance files under ../shared/conformance/ethereum.
enum EthereumVectors {
    static func json(_ relative: String) throws -> Any {
        let url = try SharedData.conformance("ethereum/\(relative)")
        return try JSONSerialization.jsonObject(with: Data(contentsOf: url))
    }

    static func object(_ relative: String) throws -> [String: Any] {
        guard let o = try json(relative) as? [String: Any] else { throw Malformed(what: relative) }
        return o
    }

    /// The `vectors` array of a generated file.
    static func vectors(_ relative: String) throws -> [[String: Any]] {
        guard let v = try object(relative)["vectors"] as? [[String: Any]], !v.isEmpty else { throw Malformed(what: relative) }
        return v
    }

    struct Malformed: Error, CustomStringConvertible {
        let what: String
        var description: String { "malformed conformance data: \(what)" }
    }

    static func string(_ o: [String: Any], _ key: String) throws -> String {
        guard let s = o[key] as? String else { throw Malformed(what: "field \(key)") }
        return s
    }
}

/// Decimal digits to big-endian bytes of any width (the RLP tests' "#" integers exceed 256 bits).
func bigEndianBytes(decimal: Substring) -> [UInt8] {
    var out = [UInt8]()
    for c in decimal.utf8 {
        var carry = Int(c - UInt8(ascii: "0"))
        for i in stride(from: out.count - 1, through: 0, by: -1) {
            let v = Int(out[i]) * 10 + carry
            out[i] = UInt8(v & 0xff)
            carry = v >> 8
        }
        while carry > 0 {
            out.insert(UInt8(carry & 0xff), at: 0)
            carry >>= 8
        }
    }
    return out
}
