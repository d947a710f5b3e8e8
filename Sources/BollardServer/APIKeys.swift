import BollardCore
import BollardStore
import Crypto
import Foundation

/// Issuing and checking API keys. A key is `bk_` and 32 random bytes in base64url (RFC 4648
/// §5), shown once; the store keeps only its SHA-256, which is what a presented key is looked up
/// by, so a stolen database does not yield usable keys.
public enum APIKeys {
    public struct Issued: Sendable {
        /// The secret: print it once, it cannot be recovered.
        public var key: String
        public var record: APIKeyRecord
    }

    public struct InvalidParty: Error, Sendable, CustomStringConvertible {
        public var party: String
        public var reason: String
        public var description: String { "invalid party \(party): \(reason)" }
    }

    /// A new key for `party` (a `PartyID` text) acting as `role`.
    public static func issue(party: String, role: Role, name: String?) throws -> Issued {
        let parsed: PartyID
        do { parsed = try PartyID(party) } catch { throw InvalidParty(party: party, reason: "\(error)") }
        let key = "bk_" + base64url(random(32))
        let id = hex(random(6))
        return Issued(key: key, record: APIKeyRecord(id: id, keyHash: hash(key), party: parsed.description, role: role.rawValue,
                                                     name: name, createdAt: nowMilliseconds()))
    }

    /// Milliseconds since the Unix epoch, the store's time unit.
    static func nowMilliseconds() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }

    /// SHA-256 of the key's UTF-8 bytes, lowercase hex.
    public static func hash(_ key: String) -> String {
        hex(Array(SHA256.hash(data: Array(key.utf8))))
    }

    static func random(_ count: Int) -> [UInt8] {
        var rng = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
