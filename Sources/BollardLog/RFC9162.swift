import CCryptoBoringSSL
import Crypto

/// The hashing of RFC 9162 §2.1.1: domain separation between leaves and interior nodes so that
/// a leaf can never be passed off as a node (second-preimage resistance).
///
/// Interior nodes and short leaves are hashed by feeding pre-padded blocks (FIPS 180-4 §5.1.1)
/// straight to BoringSSL's SHA-256 block function — the same code, with the same SHA-NI
/// acceleration, that swift-crypto's `SHA256` runs underneath. A node's input is always
/// 65 bytes, so its padding is a constant; skipping the streaming context's bookkeeping roughly
/// halves the cost of a hash, and a tree build is nothing but these hashes. Longer leaves go
/// through swift-crypto's streaming `SHA256`. Tests check both paths against `SHA256` directly.
public enum RFC9162 {
    /// MTH({}) = SHA-256() — the root of the empty tree.
    public static let emptyRoot: MerkleHash = streamingDigest(prefix: nil, UnsafeRawBufferPointer(start: nil, count: 0))

    /// Leaves whose hash input (prefix byte + data) fits in two blocks with its padding.
    @usableFromInline static let blockPathLimit = 2 * 64 - 9 - 1

    /// MTH({d}) = SHA-256(0x00 || d).
    @inlinable
    public static func leafHash(_ data: UnsafeRawBufferPointer) -> MerkleHash {
        if data.count <= blockPathLimit {
            return blockDigest(prefix: 0x00, data)
        }
        return streamingDigest(prefix: 0x00, data)
    }

    @inlinable
    public static func leafHash(_ data: [UInt8]) -> MerkleHash {
        data.withUnsafeBytes { leafHash($0) }
    }

    /// MTH(D[n]) = SHA-256(0x01 || MTH(left) || MTH(right)).
    @inlinable
    public static func nodeHash(_ left: MerkleHash, _ right: MerkleHash) -> MerkleHash {
        var input = (left, right)
        return Swift.withUnsafeBytes(of: &input) { blockDigest(prefix: 0x01, $0) }
    }

    /// SHA-256(prefix || data) for prefix + data ≤ 119 bytes: the message and its padding are
    /// laid out in one or two stack blocks and compressed without a streaming context.
    @usableFromInline
    static func blockDigest(prefix: UInt8, _ data: UnsafeRawBufferPointer) -> MerkleHash {
        let length = data.count + 1
        let blocks = length + 9 <= 64 ? 1 : 2
        var buffer: (SIMD64<UInt8>, SIMD64<UInt8>) = (.zero, .zero)
        var state: SIMD8<UInt32> = initialHashValue
        Swift.withUnsafeMutableBytes(of: &buffer) { raw in
            raw[0] = prefix
            if data.count > 0 {
                UnsafeMutableRawBufferPointer(rebasing: raw[1..<length]).copyMemory(from: data)
            }
            raw[length] = 0x80
            let bitLength = UInt64(length * 8).bigEndian
            raw.storeBytes(of: bitLength, toByteOffset: blocks * 64 - 8, as: UInt64.self)
            Swift.withUnsafeMutableBytes(of: &state) { words in
                CCryptoBoringSSL_SHA256_TransformBlocks(
                    words.baseAddress?.assumingMemoryBound(to: UInt32.self),
                    raw.baseAddress?.assumingMemoryBound(to: UInt8.self), blocks)
            }
        }
        var digest = state
        for i in 0..<8 { digest[i] = state[i].bigEndian }
        return Swift.withUnsafeBytes(of: &digest) { MerkleHash(unsafeFrom: $0) }
    }

    /// FIPS 180-4 §5.3.3: H(0) for SHA-256.
    @usableFromInline
    static let initialHashValue = SIMD8<UInt32>(
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19)

    @usableFromInline
    static func streamingDigest(prefix: UInt8?, _ data: UnsafeRawBufferPointer) -> MerkleHash {
        var hasher = SHA256()
        if var prefix {
            Swift.withUnsafeBytes(of: &prefix) { hasher.update(bufferPointer: $0) }
        }
        hasher.update(bufferPointer: data)
        return hasher.finalize().withUnsafeBytes { MerkleHash(unsafeFrom: $0) }
    }
}
