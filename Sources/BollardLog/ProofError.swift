/// Why a proof, a root or a tree size was refused. Verification never traps on hostile input:
/// every malformed value becomes one of these, naming what was wrong.
public struct ProofError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable {
        /// The leaf index is not below the tree size (RFC 9162 §2.1.3.2 step 1).
        case indexOutOfRange
        /// A hash (leaf, root or proof element) is not 32 bytes.
        case malformedHash
        /// The proof has more or fewer elements than the tree shape requires.
        case wrongProofLength
        /// The recomputed root differs from the root supplied.
        case rootMismatch
        /// A consistency proof whose second tree is smaller than its first.
        case sizeDecreased
        /// A proof where none is allowed (equal sizes).
        case unexpectedProof
        /// A consistency proof from size 0 (RFC 9162 §2.1.4 requires 0 < size1).
        case emptyFirstTree
        /// An empty consistency proof between different, non-empty trees (§2.1.4.2 step 1).
        case emptyProof
        /// The log cannot serve the hashes the proof needs.
        case missingHash
    }

    public var code: Code
    public var context: String

    public init(_ code: Code, _ context: String) {
        self.code = code
        self.context = context
    }

    public var description: String { "\(code.rawValue): \(context)" }
}
