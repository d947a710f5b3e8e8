/// Bounds a verifier applies before doing any work on a note.
///
/// C2SP signed-note §Format: verifiers SHOULD limit the number of signatures (or the size) and
/// MUST accept at least 16, remembering that post-quantum signatures approach 5 kB. The Go
/// reference stops at 100 signature lines, which `default` follows; 1 MiB of note covers 100
/// such signatures over a checkpoint with room to spare.
public struct NoteLimits: Sendable, Equatable {
    public var maxBytes: Int
    public var maxSignatures: Int

    public init(maxBytes: Int, maxSignatures: Int) {
        self.maxBytes = maxBytes
        self.maxSignatures = maxSignatures
    }

    public static let `default` = NoteLimits(maxBytes: 1 << 20, maxSignatures: 100)
}
