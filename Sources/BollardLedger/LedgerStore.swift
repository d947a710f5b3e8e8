/// Where the local ledger keeps its records: an append-only sequence of signed-note byte
/// strings. The file store is the embedded default; the database-backed one lives with
/// BollardStore.
public protocol LedgerStore: Sendable {
    /// Every record, oldest first.
    func readAll() async throws -> [[UInt8]]
    /// The records from number `index` on, oldest first: what other appenders to a shared store
    /// added since this reader last looked (`LocalLedger.refresh()`).
    func read(from index: Int) async throws -> [[UInt8]]
    /// Appends one record; durable when it returns.
    func append(_ record: [UInt8]) async throws
}

extension LedgerStore {
    public func read(from index: Int) async throws -> [[UInt8]] {
        Array(try await readAll().dropFirst(index))
    }
}

/// A ledger store in memory, for tests and throwaway runs.
public actor MemoryLedgerStore: LedgerStore {
    private var records: [[UInt8]]

    public init(records: [[UInt8]] = []) { self.records = records }

    public func readAll() async throws -> [[UInt8]] { records }

    public func append(_ record: [UInt8]) async throws { records.append(record) }
}
