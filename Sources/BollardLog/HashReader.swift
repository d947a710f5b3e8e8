/// Reads stored hashes (see `StoredHashes`) by index, as Go's `tlog.HashReader` does. Proof and
/// root generation only ever read, so anything that can produce the hashes — an in-memory
/// array, tiles in files or a database, tiles fetched over HTTP — can serve proofs.
public protocol HashReader: Sendable {
    /// The hashes at `indexes`, in the same order. Throws when any of them is not available.
    func readHashes(_ indexes: [UInt64]) async throws -> [MerkleHash]
}
