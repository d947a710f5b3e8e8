/// When the log signs a new checkpoint. Never per entry: signing and publishing cost far more
/// than hashing, and a checkpoint per batch or per interval is what Tessera and Trillian do
/// (Tessera's default publishes at most every 10 s).
public enum CheckpointPolicy: Sendable, Equatable {
    /// One checkpoint after every integrated batch.
    case everyBatch
    /// At most one checkpoint per interval, after a batch; the owner calls
    /// `publishCheckpoint()` from a timer to cover the tail when appends stop.
    case interval(Duration)
}

/// The outcome of an append: the 0-based indices given to the entries, in order, and the tree
/// that first contains them.
public struct AppendResult: Hashable, Sendable {
    public var firstIndex: UInt64
    public var count: Int
    public var treeHead: TreeHead

    public var indices: Range<UInt64> { firstIndex..<(firstIndex + UInt64(count)) }
}
