/// Keccak-256 as Ethereum uses it: Keccak[c = 512] with the original Keccak padding
/// (0x01 … 0x80), not FIPS 202 SHA3-256 (whose domain byte is 0x06).
///
/// Written here because no library on this platform exposes it (OpenSSL 3.0 has only SHA3;
/// swift-crypto keeps its Keccak internal). Used for transaction hashes, addresses (Yellow
/// Paper §4.1, §7), ABI selectors and event topics.
public struct Keccak256: Sendable {
    /// Bytes absorbed per permutation: (1600 − 2 × 256) / 8.
    public static let rate = 136
    public static let digestCount = 32

    private var state = [UInt64](repeating: 0, count: 25)
    private var buffer = [UInt8](repeating: 0, count: Keccak256.rate)
    private var buffered = 0
    /// The first padding byte: 0x01 for Keccak, 0x06 for FIPS 202 SHA3 (used only to check the
    /// permutation against SHA3-256 reference values).
    private let suffix: UInt8

    public init() { suffix = 0x01 }

    init(suffix: UInt8) { self.suffix = suffix }

    /// The digest of `bytes` in one call.
    public static func hash<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        var k = Keccak256()
        k.update(bytes)
        return k.finalize()
    }

    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(contiguous: UnsafeRawBufferPointer($0)) }
        if done == nil {
            Array(bytes).withUnsafeBytes { update(contiguous: $0) }
        }
    }

    /// Whole blocks are absorbed straight from the input; only a partial block is buffered.
    private mutating func update(contiguous input: UnsafeRawBufferPointer) {
        var offset = 0
        if buffered > 0 {
            let take = min(Self.rate - buffered, input.count)
            for i in 0..<take { buffer[buffered + i] = input[i] }
            buffered += take
            offset = take
            guard buffered == Self.rate else { return }
            let block = buffer
            block.withUnsafeBytes { absorb(block: $0) }
            buffered = 0
        }
        while input.count - offset >= Self.rate {
            absorb(block: UnsafeRawBufferPointer(rebasing: input[offset..<(offset + Self.rate)]))
            offset += Self.rate
        }
        for i in offset..<input.count { buffer[i - offset] = input[i] }
        buffered = input.count - offset
    }

    public mutating func finalize() -> [UInt8] {
        for i in buffered..<Self.rate { buffer[i] = 0 }
        buffer[buffered] ^= suffix
        buffer[Self.rate - 1] ^= 0x80
        let block = buffer
        block.withUnsafeBytes { absorb(block: $0) }
        var out = [UInt8]()
        out.reserveCapacity(Self.digestCount)
        for lane in 0..<4 {
            let w = state[lane]
            for byte in 0..<8 { out.append(UInt8(truncatingIfNeeded: w >> (8 * byte))) }
        }
        return out
    }

    private mutating func absorb(block: UnsafeRawBufferPointer) {
        for lane in 0..<(Self.rate / 8) {
            state[lane] ^= UInt64(littleEndian: block.loadUnaligned(fromByteOffset: lane * 8, as: UInt64.self))
        }
        Self.permute(&state)
    }

    private static let roundConstants: [UInt64] = [
        0x0000_0000_0000_0001, 0x0000_0000_0000_8082, 0x8000_0000_0000_808A, 0x8000_0000_8000_8000,
        0x0000_0000_0000_808B, 0x0000_0000_8000_0001, 0x8000_0000_8000_8081, 0x8000_0000_0000_8009,
        0x0000_0000_0000_008A, 0x0000_0000_0000_0088, 0x0000_0000_8000_8009, 0x0000_0000_8000_000A,
        0x0000_0000_8000_808B, 0x8000_0000_0000_008B, 0x8000_0000_0000_8089, 0x8000_0000_0000_8003,
        0x8000_0000_0000_8002, 0x8000_0000_0000_0080, 0x0000_0000_0000_800A, 0x8000_0000_8000_000A,
        0x8000_0000_8000_8081, 0x8000_0000_0000_8080, 0x0000_0000_8000_0001, 0x8000_0000_8000_8008,
    ]
    /// ρ rotation offsets and π lane order, in the order the combined ρπ step visits lanes.
    private static let rotations: [UInt64] = [1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44]
    private static let piLanes: [Int] = [10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1]

    /// Keccak-f[1600] (FIPS 202 §3.3): 24 rounds of θ, ρ, π, χ, ι.
    static func permute(_ a: inout [UInt64]) {
        a.withUnsafeMutableBufferPointer { s in
            var c = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
            for round in 0..<24 {
                c.0 = s[0] ^ s[5] ^ s[10] ^ s[15] ^ s[20]
                c.1 = s[1] ^ s[6] ^ s[11] ^ s[16] ^ s[21]
                c.2 = s[2] ^ s[7] ^ s[12] ^ s[17] ^ s[22]
                c.3 = s[3] ^ s[8] ^ s[13] ^ s[18] ^ s[23]
                c.4 = s[4] ^ s[9] ^ s[14] ^ s[19] ^ s[24]
                let d0 = c.4 ^ rotl(c.1, 1), d1 = c.0 ^ rotl(c.2, 1), d2 = c.1 ^ rotl(c.3, 1)
                let d3 = c.2 ^ rotl(c.4, 1), d4 = c.3 ^ rotl(c.0, 1)
                for y in stride(from: 0, to: 25, by: 5) {
                    s[y] ^= d0; s[y + 1] ^= d1; s[y + 2] ^= d2; s[y + 3] ^= d3; s[y + 4] ^= d4
                }
                var current = s[1]
                for i in 0..<24 {
                    let j = piLanes[i]
                    let next = s[j]
                    s[j] = rotl(current, rotations[i])
                    current = next
                }
                for y in stride(from: 0, to: 25, by: 5) {
                    let b0 = s[y], b1 = s[y + 1], b2 = s[y + 2], b3 = s[y + 3], b4 = s[y + 4]
                    s[y] = b0 ^ (~b1 & b2)
                    s[y + 1] = b1 ^ (~b2 & b3)
                    s[y + 2] = b2 ^ (~b3 & b4)
                    s[y + 3] = b3 ^ (~b4 & b0)
                    s[y + 4] = b4 ^ (~b0 & b1)
                }
                s[0] ^= roundConstants[round]
            }
        }
    }

    @inline(__always)
    private static func rotl(_ x: UInt64, _ n: UInt64) -> UInt64 { (x << n) | (x >> (64 - n)) }
}
