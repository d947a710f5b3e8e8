import Foundation
import GRDB

/// API keys and job-by-document lookups for the HTTP service.
extension SQLiteStore {
    public func job(document: DocumentID) async throws -> JobRecord? {
        let id = try await pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM jobs WHERE document_id = ?", arguments: [document.hex])
        }
        guard let id else { return nil }
        return try await job(JobID(id))
    }

    public func addAPIKey(_ key: APIKeyRecord) async throws {
        try await write { db in
            try db.execute(sql: """
                INSERT INTO api_keys (id, key_hash, party, role, name, created_at, revoked_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, arguments: [key.id, key.keyHash, key.party, key.role, key.name, key.createdAt, key.revokedAt])
            if db.changesCount != 1 {
                throw StoreError(.invalidArgument, "an API key with id \(key.id) or the same hash already exists")
            }
        }
    }

    public func apiKey(hash keyHash: String) async throws -> APIKeyRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.apiKeyColumns) FROM api_keys WHERE key_hash = ?", arguments: [keyHash])
                .map(Self.apiKey)
        }
    }

    public func apiKeys() async throws -> [APIKeyRecord] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.apiKeyColumns) FROM api_keys ORDER BY created_at, id").map(Self.apiKey)
        }
    }

    public func revokeAPIKey(id: String) async throws -> Bool {
        try await write { db in
            try db.execute(sql: "UPDATE api_keys SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?", arguments: [Self.now(), id])
            return db.changesCount == 1
        }
    }

    static let apiKeyColumns = "id, key_hash, party, role, name, created_at, revoked_at"

    static func apiKey(_ row: Row) -> APIKeyRecord {
        APIKeyRecord(id: row[0], keyHash: row[1], party: row[2], role: row[3], name: row[4], createdAt: row[5], revokedAt: row[6])
    }
}
