/// An API key as stored: never the key itself, only its SHA-256 (FIPS 180-4), so a copy of the
/// database does not let anyone call the API. Bound to one party and one role; revoking keeps
/// the row (who held which key stays auditable) and stops it authenticating.
public struct APIKeyRecord: Hashable, Sendable {
    /// A short public handle (`keys list`, `keys revoke ID`), not a secret.
    public var id: String
    /// 64 lowercase hex digits: SHA-256 of the key's UTF-8 bytes.
    public var keyHash: String
    /// The party the key acts for, as a `PartyID` text (`gln:…`, `lei:…`, `customs:…`).
    public var party: String
    /// The role's name (the server's `Role` raw value); the store does not interpret it.
    public var role: String
    public var name: String?
    /// Milliseconds since the Unix epoch.
    public var createdAt: Int64
    public var revokedAt: Int64?

    public init(id: String, keyHash: String, party: String, role: String, name: String?, createdAt: Int64, revokedAt: Int64? = nil) {
        self.id = id
        self.keyHash = keyHash
        self.party = party
        self.role = role
        self.name = name
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    public var isRevoked: Bool { revokedAt != nil }
}

/// The `api_keys` table (migration 5): the HTTP service's credentials.
public protocol APIKeyStore: Sendable {
    /// Inserts a key; throws `.invalidArgument` if its id or hash is already taken.
    func addAPIKey(_ key: APIKeyRecord) async throws
    /// The key whose hash is `keyHash`, revoked or not; nil when there is none.
    func apiKey(hash keyHash: String) async throws -> APIKeyRecord?
    /// Every key, oldest first.
    func apiKeys() async throws -> [APIKeyRecord]
    /// Marks the key revoked (idempotent); false when no key has that id.
    func revokeAPIKey(id: String) async throws -> Bool
}
