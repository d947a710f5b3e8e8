import BollardLedger
import BollardStore

/// The local ledger's records in the store's `ledger_records` table (migration 4), so every
/// worker process on one database appends to one hash chain, in the same database — and with
/// the same durability — as the log it anchors.
///
/// Appends are positional: a record goes in at the number of records this reader has seen, and
/// the store refuses it with `.conflict` when another process appended first (`LocalLedger`
/// then `refresh()`es and signs the next record on the real tail; `StoreLedger` does that).
public actor StoreLedgerStore<S: Store>: LedgerStore {
    public nonisolated let store: S
    /// Records read or appended so far: the sequence the next append takes.
    private var count: UInt64 = 0

    public init(store: S) { self.store = store }

    public func readAll() async throws -> [[UInt8]] {
        try await read(from: 0)
    }

    public func read(from index: Int) async throws -> [[UInt8]] {
        let records = try await store.ledgerRecords(from: UInt64(max(0, index)))
        count = UInt64(max(0, index) + records.count)
        return records
    }

    public func append(_ record: [UInt8]) async throws {
        try await store.appendLedgerRecord(record, sequence: count)
        count += 1
    }
}
