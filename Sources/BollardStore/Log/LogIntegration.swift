import BollardLog

/// Integrates the batches that commits sequenced (`StateChange.logEntries`) into tiles and
/// entry bundles, and publishes a checkpoint — steps 2 and 3 of `TransparencyLog`'s append,
/// for entries whose step 1 ran inside a state transaction.
///
/// It opens a `TransparencyLog` on the store's tiles, whose recovery integrates every journaled
/// batch in order — consecutive batches in one pass, written with their checkpoint in one
/// `writeIntegration` (one transaction) — so a crash at any point is repaired by the next call,
/// and the batches every worker's commits journaled are picked up by whichever worker
/// integrates next. It runs under the store's log-writer lease so that one process integrates
/// at a time.
public enum LogIntegration {
    /// Returns the integrated tree head, or nil when another holder's lease is live (that
    /// holder integrates; nothing is lost either way, the entries are journaled).
    public static func integrate<S: Store>(_ store: S, signer: any CheckpointSigning, holder: String,
                                           lease: Duration = .seconds(30)) async throws -> TreeHead? {
        guard try await store.acquireLogWriter(holder: holder, lease: lease) else { return nil }
        do {
            let log = try await TransparencyLog.open(store: store.tiles, signer: signer)
            let head = await log.treeHead
            try await store.releaseLogWriter(holder: holder)
            return head
        } catch {
            try? await store.releaseLogWriter(holder: holder)
            throw error
        }
    }
}
