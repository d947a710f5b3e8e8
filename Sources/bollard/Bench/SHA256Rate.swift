import CCryptoBoringSSL
import Crypto

/// The raw SHA-256 rate on this machine, measured in-process, so that "fraction of the bound"
/// compares like with like.
enum SHA256Rate {
    /// SHA-256 of 64-byte messages per second with nothing but the block function: the message
    /// and its padding block (FIPS 180-4 §5.1.1) are compressed in one call, two blocks. No
    /// implementation of SHA-256 on this machine hashes a 64-byte message faster.
    static func blockFunctionMessages64PerSecond(duration: Duration = .milliseconds(500)) -> Double {
        var blocks = [UInt8](repeating: 0, count: 128)
        blocks[64] = 0x80
        blocks[126] = 0x02  // 512 bits, big-endian, in the last 8 bytes
        var state: SIMD8<UInt32> = .zero
        return measure(duration) {
            state = SIMD8(0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19)
            withUnsafeMutableBytes(of: &state) { words in
                blocks.withUnsafeBufferPointer { input in
                    CCryptoBoringSSL_SHA256_TransformBlocks(
                        words.baseAddress?.assumingMemoryBound(to: UInt32.self), input.baseAddress, 2)
                }
            }
            blocks[0] = UInt8(truncatingIfNeeded: state[0])
        }
    }

    /// The same through swift-crypto's streaming `SHA256` (init, update, finalize), for reference.
    static func streamingMessages64PerSecond(duration: Duration = .milliseconds(500)) -> Double {
        var message = [UInt8](repeating: 0, count: 64)
        return measure(duration) {
            var hasher = SHA256()
            message.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            hasher.finalize().withUnsafeBytes { message[0] = $0[0] }
        }
    }

    private static func measure(_ duration: Duration, _ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        var count = 0
        while clock.now - start < duration {
            for _ in 0..<10_000 { body() }
            count += 10_000
        }
        return Double(count) / (clock.now - start).seconds
    }
}

extension Duration {
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
