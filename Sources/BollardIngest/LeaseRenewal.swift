import BollardStore

/// Keeps a batch's job leases alive while the worker is still applying it: every third of the
/// lease it extends them all (`Store.renew(_:lease:)`, one transaction), so a batch that takes
/// longer than one lease — a large document, a slow engine, a long conflict-retry loop — is not
/// taken over and applied a second time by another worker. A worker that dies stops renewing,
/// and its jobs are claimable once the last renewal expires, as before.
///
/// Stops at the first lost lease (the commit will then be refused with `.leaseLost`) and when
/// cancelled (the batch is committed or given up).
public struct LeaseRenewal<S: Store>: Sendable {
    public let store: S
    public let lease: Duration

    public init(store: S, lease: Duration) {
        self.store = store
        self.lease = lease
    }

    /// How long between renewals: a third of the lease, so two can fail before it expires.
    public var interval: Duration { lease / 3 }

    /// Renews `jobs` until cancelled; returns the number of renewals made.
    public func keep(_ jobs: [ClaimedJob]) async -> Int {
        var renewals = 0
        while true {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return renewals  // Cancelled: the batch is done.
            }
            do {
                _ = try await store.renew(jobs, lease: lease)
                renewals += 1
            } catch let error as StoreError where error.code == .leaseLost {
                return renewals
            } catch {
                if Task.isCancelled { return renewals }
                // A transient failure: the next tick retries while the lease still runs.
            }
        }
    }
}
