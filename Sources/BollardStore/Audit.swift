/// One row that differs between two stores.
public struct AuditDifference: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case onlyInFirst
        case onlyInSecond
        case valuesDiffer
    }

    public var table: StoreTable
    public var key: String
    public var kind: Kind

    public init(table: StoreTable, key: String, kind: Kind) {
        self.table = table
        self.key = key
        self.kind = kind
    }

    public var description: String { "\(table.sqlName) [\(key)]: \(kind.rawValue)" }
}

/// Compares tables of two stores row by row — the check behind `bollard audit`, which replays
/// the log into a scratch store and compares it with the live one: state is a projection of the
/// log, so any row edited behind Bollard's back shows up here with its table and key.
public enum StoreAudit {
    public static func compare(_ a: some Store, _ b: some Store,
                               tables: [StoreTable] = StoreTable.derivedFromLog) async throws -> [AuditDifference] {
        var out = [AuditDifference]()
        for table in tables {
            out += compare(try await a.dump(table), try await b.dump(table))
        }
        return out
    }

    /// Both dumps are sorted by key bytes, so one merge pass finds every difference.
    public static func compare(_ a: TableDump, _ b: TableDump) -> [AuditDifference] {
        var out = [AuditDifference]()
        var i = 0, j = 0
        let table = a.table
        while i < a.rows.count || j < b.rows.count {
            if j == b.rows.count || (i < a.rows.count && precedes(a.rows[i].key, b.rows[j].key)) {
                out.append(AuditDifference(table: table, key: a.rows[i].key, kind: .onlyInFirst))
                i += 1
            } else if i == a.rows.count || precedes(b.rows[j].key, a.rows[i].key) {
                out.append(AuditDifference(table: table, key: b.rows[j].key, kind: .onlyInSecond))
                j += 1
            } else {
                if a.rows[i].value != b.rows[j].value {
                    out.append(AuditDifference(table: table, key: a.rows[i].key, kind: .valuesDiffer))
                }
                i += 1
                j += 1
            }
        }
        return out
    }

    private static func precedes(_ x: String, _ y: String) -> Bool {
        x.utf8.lexicographicallyPrecedes(y.utf8)
    }
}
