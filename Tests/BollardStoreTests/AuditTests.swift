import BollardLog
import Foundation
import Testing

@testable import BollardStore

/// The audit primitive: two stores given the same changes have identical derived tables, on
/// either backend and across backends; a row edited behind the store's back is reported with
/// its table and key.
@Suite struct AuditTests {
    static let changes: [StateChange] = (0..<40).map { i in
        StateChange(
            writes: [ProjectionWrite(.lots, key: "LOT-\(i)", value: bytes("lot \(i)")),
                     ProjectionWrite(.custodyEvents, key: "E-\(i)", value: [UInt8](repeating: UInt8(i), count: i)),
                     ProjectionWrite(.receipts, key: "WH1/R-\(i % 7)", value: bytes("receipt \(i)"))],
            index: [IndexEntry(.lot, "LOT-\(i)", eventKey: "E-\(i)"), IndexEntry(.date, "2026-11-\(10 + i % 9)", eventKey: "E-\(i)")],
            logEntries: [syntheticEntry(UInt64(2 * i)), syntheticEntry(UInt64(2 * i + 1))])
    }

    static func apply<S: Store>(_ store: S) async throws {
        for chunk in stride(from: 0, to: changes.count, by: 8) {
            _ = try await store.commit(Array(changes[chunk..<min(chunk + 8, changes.count)]))
            _ = try await LogIntegration.integrate(store, signer: TestSigner(), holder: "audit-test")
        }
    }

    func auditFinds<A: Store, B: Store>(_ a: A, _ b: B, raw: any RawSQLExecutable) async throws {
        try await Self.apply(a)
        try await Self.apply(b)
        #expect(try await StoreAudit.compare(a, b).isEmpty)
        #expect(try await a.dump(.logHead).rows.count == 1)
        #expect(try await a.dump(.logTiles).rows.count > 0)

        try await raw.executeRaw("UPDATE p_lots SET value = (SELECT value FROM p_lots WHERE key = 'LOT-2') WHERE key = 'LOT-1'")
        try await raw.executeRaw("DELETE FROM p_receipts WHERE key = 'WH1/R-3'")
        // PostgreSQL groups a commit's event keys in one row (migration 7); SQLite has a row each.
        try await raw.executeRaw(raw is PostgresStore
            ? "INSERT INTO custody_index (dimension, value, first_key, event_keys) VALUES ('lot', 'LOT-1', 'E-forged', ARRAY['E-forged'])"
            : "INSERT INTO custody_index (dimension, value, event_key) VALUES ('lot', 'LOT-1', 'E-forged')")
        try await raw.executeRaw("DELETE FROM log_bundles WHERE path = 'tile/entries/000.p/80'")
        let found = Set(try await StoreAudit.compare(a, b))
        let expected: Set<AuditDifference> = [
            AuditDifference(table: .projection(.lots), key: "LOT-1", kind: .valuesDiffer),
            AuditDifference(table: .projection(.receipts), key: "WH1/R-3", kind: .onlyInFirst),
            AuditDifference(table: .custodyIndex, key: "lot\tLOT-1\tE-forged", kind: .onlyInSecond),
            AuditDifference(table: .logBundles, key: "tile/entries/000.p/80", kind: .onlyInFirst),
        ]
        #expect(found == expected)
    }

    @Test(arguments: TestBackend.selected)
    func sameChangesSameTablesAndTamperingIsReported(_ backend: TestBackend) async throws {
        try await withStore(backend) { first, _ in
            try await withStore(backend) { second, _ in
                let raw = try #require(second as? any RawSQLExecutable)
                try await auditFinds(first, second, raw: raw)
            }
        }
    }

    /// A replay into a scratch store of the other backend (e.g. auditing PostgreSQL with a local
    /// SQLite file) compares byte for byte too. Backend-specific by nature: needs both.
    @Test func crossBackendStoresCompareEqual() async throws {
        let backends = TestBackend.selected
        try await withStore(.sqlite) { sqlite, _ in
            try await Self.apply(sqlite)
            if backends.contains(.postgres) {
                try await withStore(.postgres) { postgres, _ in
                    try await Self.apply(postgres)
                    #expect(try await StoreAudit.compare(sqlite, postgres).isEmpty)
                }
            } else {
                try await withStore(.sqlite) { other, _ in
                    try await Self.apply(other)
                    #expect(try await StoreAudit.compare(sqlite, other).isEmpty)
                }
            }
        }
    }

    @Test func mergeReportsEveryKind() {
        let a = TableDump(table: .projection(.lots), rows: [.init(key: "b", value: [1]), .init(key: "a", value: [1]), .init(key: "d", value: [])])
        let b = TableDump(table: .projection(.lots), rows: [.init(key: "a", value: [1]), .init(key: "c", value: []), .init(key: "d", value: [0])])
        #expect(StoreAudit.compare(a, b) == [
            AuditDifference(table: .projection(.lots), key: "b", kind: .onlyInFirst),
            AuditDifference(table: .projection(.lots), key: "c", kind: .onlyInSecond),
            AuditDifference(table: .projection(.lots), key: "d", kind: .valuesDiffer),
        ])
    }
}
