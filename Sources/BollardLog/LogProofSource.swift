/// What a proof bundle reads from a log: entries and the proofs of RFC 9162 §2.1.3 and §2.1.4.
/// `TransparencyLog` answers from the tree it holds open (and may be writing); a read-only
/// reader over stored tiles answers from a fixed checkpoint without taking the writer's lease.
public protocol LogProofSource: Sendable {
    /// The entry at 0-based `index`, exactly as it was appended.
    func entry(at index: UInt64) async throws -> [UInt8]
    /// PATH(index, D[treeSize]), leaf to root (RFC 9162 §2.1.3.1).
    func inclusionProof(index: UInt64, treeSize: UInt64) async throws -> InclusionProof
    /// PROOF(size1, D[size2]) (RFC 9162 §2.1.4.1).
    func consistencyProof(size1: UInt64, size2: UInt64) async throws -> ConsistencyProof
}

extension TransparencyLog: LogProofSource {}
