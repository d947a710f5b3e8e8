import Crypto

/// The raw SHA-256 rate on this machine, measured in-process with the same implementation the
/// log uses, so that "fraction of the bound" compares like with like.
enum SHA256Rate {
    /// One-shot hashes of 64-byte messages per second (each is two compression-function calls:
    /// 64 bytes of data and one block of padding, FIPS 180-4 §5.1.1).
    static func messages64PerSecond(duration: Duration = .milliseconds(400)) -> Double {
        var message = [UInt8](repeating: 0, count: 64)
        let clock = ContinuousClock()
        let start = clock.now
        var count = 0
        var sink: UInt8 = 0
        while clock.now - start < duration {
            for _ in 0..<10_000 {
                var hasher = SHA256()
                message.withUnsafeBytes { hasher.update(bufferPointer: $0) }
                let digest = hasher.finalize()
                digest.withUnsafeBytes { sink ^= $0[0] }
                message[0] = sink
            }
            count += 10_000
        }
        let elapsed = clock.now - start
        return Double(count) / elapsed.seconds
    }
}

extension Duration {
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
