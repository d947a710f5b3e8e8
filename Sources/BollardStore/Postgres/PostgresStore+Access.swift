import PostgresNIO

/// API keys and job-by-document lookups for the HTTP service.
extension PostgresStore {
    public func job(document: DocumentID) async throws -> JobRecord? {
        guard let id = try await first(client.query("SELECT id FROM jobs WHERE document_id = \(document.hex)"), Int64.self) else {
            return nil
        }
        return try await job(JobID(id))
    }

    public func addAPIKey(_ key: APIKeyRecord) async throws {
        let inserted = try await first(client.query("""
            INSERT INTO api_keys (id, key_hash, party, role, name, created_at, revoked_at)
            VALUES (\(key.id), \(key.keyHash), \(key.party), \(key.role), \(key.name), \(key.createdAt), \(key.revokedAt))
            ON CONFLICT DO NOTHING RETURNING id
            """), String.self)
        if inserted == nil {
            throw StoreError(.invalidArgument, "an API key with id \(key.id) or the same hash already exists")
        }
    }

    public func apiKey(hash keyHash: String) async throws -> APIKeyRecord? {
        try await apiKeys(client.query("SELECT id, key_hash, party, role, name, created_at, revoked_at FROM api_keys WHERE key_hash = \(keyHash)")).first
    }

    public func apiKeys() async throws -> [APIKeyRecord] {
        try await apiKeys(client.query("SELECT id, key_hash, party, role, name, created_at, revoked_at FROM api_keys ORDER BY created_at, id"))
    }

    public func revokeAPIKey(id: String) async throws -> Bool {
        try await first(client.query("""
            UPDATE api_keys SET revoked_at = coalesce(revoked_at, \(unescaped: Self.now)) WHERE id = \(id) RETURNING id
            """), String.self) != nil
    }

    private func apiKeys(_ rows: PostgresRowSequence) async throws -> [APIKeyRecord] {
        var out: [APIKeyRecord] = []
        for try await (id, hash, party, role, name, created, revoked) in rows.decode((String, String, String, String, String?, Int64, Int64?).self) {
            out.append(APIKeyRecord(id: id, keyHash: hash, party: party, role: role, name: name, createdAt: created, revokedAt: revoked))
        }
        return out
    }
}
