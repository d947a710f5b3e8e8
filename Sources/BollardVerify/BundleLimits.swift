/// Bounds on what a bundle may hold, so hostile input costs bounded work. Exceeding one is a
/// failed check, never a crash.
public struct BundleLimits: Sendable, Hashable {
    public var maxItems: Int
    /// A proof for a tree of at most 2⁶⁴ leaves has at most 64 hashes.
    public var maxProofHashes: Int
    public var maxAnchors: Int
    public var maxConsistencyProofs: Int
    /// tlog-tiles entries are at most 65,535 bytes.
    public var maxLeafBytes: Int

    public init(maxItems: Int = 1_000_000, maxProofHashes: Int = 64, maxAnchors: Int = 64, maxConsistencyProofs: Int = 64,
                maxLeafBytes: Int = 65_535) {
        self.maxItems = maxItems
        self.maxProofHashes = maxProofHashes
        self.maxAnchors = maxAnchors
        self.maxConsistencyProofs = maxConsistencyProofs
        self.maxLeafBytes = maxLeafBytes
    }

    public static let `default` = BundleLimits()
}
