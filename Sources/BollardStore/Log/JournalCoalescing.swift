import BollardLog

/// Merges runs of consecutive journaled batches into one, so that `TransparencyLog`'s recovery
/// integrates them in one pass: one write per touched tile and bundle instead of one per
/// batch. Every commit journals its own small batch; a busy store may have hundreds between
/// two integrations. The entries and their indices are unchanged, and the merge is one
/// database transaction, so the journal is never without them.
enum JournalCoalescing {
    /// A merge to perform: the first indices of the records it replaces, and the merged batch.
    struct Merge {
        var replaced: [UInt64]
        var merged: SequencedBatch
    }

    /// Runs of contiguous batches (each starting where the previous ended), capped at
    /// `maxEntries` per merged batch; runs of one batch need nothing.
    static func merges(_ batches: [SequencedBatch], maxEntries: Int) -> [Merge] {
        var out = [Merge]()
        var run = [SequencedBatch]()
        var count = 0
        func flush() {
            if run.count > 1, let first = run.first {
                out.append(Merge(replaced: run.map(\.firstIndex),
                                 merged: SequencedBatch(firstIndex: first.firstIndex, entries: run.flatMap(\.entries))))
            }
            run = []
            count = 0
        }
        for b in batches {
            if let last = run.last, last.endIndex != b.firstIndex || count + b.entries.count > maxEntries { flush() }
            run.append(b)
            count += b.entries.count
        }
        flush()
        return out
    }

    static let maxEntries = 16_384
}
