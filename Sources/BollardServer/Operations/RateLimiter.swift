/// A token bucket per API key: `rate` requests per second on average, bursts up to `burst`.
/// A request that finds the bucket empty is refused with 429 and the seconds until a token is
/// back (RFC 6585 §4, RFC 9110 §10.2.3 Retry-After).
public actor RateLimiter {
    public nonisolated let rate: Double
    public nonisolated let burst: Double
    private var buckets: [String: (tokens: Double, at: ContinuousClock.Instant)] = [:]
    private let clock = ContinuousClock()

    public init(rate: Double, burst: Double? = nil) {
        self.rate = max(rate, 0.001)
        self.burst = max(1, burst ?? (rate * 2).rounded(.up))
    }

    /// Takes one token for `key`: nil when granted, else the whole seconds to wait.
    public func take(_ key: String) -> Int? {
        let now = clock.now
        var bucket = buckets[key] ?? (burst, now)
        let elapsed = now - bucket.at
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        bucket.tokens = min(burst, bucket.tokens + seconds * rate)
        bucket.at = now
        defer { buckets[key] = bucket }
        if bucket.tokens >= 1 {
            bucket.tokens -= 1
            return nil
        }
        return max(1, Int(((1 - bucket.tokens) / rate).rounded(.up)))
    }
}
