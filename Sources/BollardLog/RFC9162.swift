import Crypto

/// The hashing of RFC 9162 §2.1.1: domain separation between leaves and interior nodes so that
/// a leaf can never be passed off as a node (second-preimage resistance).
public enum RFC9162 {
    /// MTH({}) = SHA-256() — the root of the empty tree.
    public static let emptyRoot: MerkleHash = digest { _ in }

    /// MTH({d}) = SHA-256(0x00 || d).
    @inlinable
    public static func leafHash(_ data: UnsafeRawBufferPointer) -> MerkleHash {
        digest { h in
            var prefix: UInt8 = 0x00
            Swift.withUnsafeBytes(of: &prefix) { h.update(bufferPointer: $0) }
            h.update(bufferPointer: data)
        }
    }

    @inlinable
    public static func leafHash(_ data: [UInt8]) -> MerkleHash {
        data.withUnsafeBytes { leafHash($0) }
    }

    /// MTH(D[n]) = SHA-256(0x01 || MTH(left) || MTH(right)).
    ///
    /// The 65 input bytes are laid out in one stack buffer and hashed in a single update, which
    /// is what lets a tree build run close to the raw compression rate.
    @inlinable
    public static func nodeHash(_ left: MerkleHash, _ right: MerkleHash) -> MerkleHash {
        var buffer: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0)
        return Swift.withUnsafeMutableBytes(of: &buffer) { raw in
            raw[0] = 0x01
            left.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: raw[1..<33]).copyMemory(from: $0) }
            right.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: raw[33..<65]).copyMemory(from: $0) }
            let input = UnsafeRawBufferPointer(rebasing: raw[0..<65])
            return digest { $0.update(bufferPointer: input) }
        }
    }

    @inlinable
    static func digest(_ body: (inout SHA256) -> Void) -> MerkleHash {
        var hasher = SHA256()
        body(&hasher)
        return hasher.finalize().withUnsafeBytes { MerkleHash(unsafeFrom: $0) }
    }

}
