/// Why the ledger refused a submission, or why its stored records cannot be trusted.
public struct LedgerError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable {
        /// A checkpoint no larger than the latest anchored one (sizes strictly increase).
        case sizeNotIncreasing
        /// A second, different root for a size already anchored: the log forked.
        case conflictingRoot
        /// A submission whose fields disagree with its own signed note.
        case invalidSubmission
        /// A record whose text is not the ledger record format.
        case malformedRecord
        /// A record whose Ed25519 signature does not verify against the ledger key.
        case badSignature
        /// A record whose sequence number or previous-record hash breaks the chain.
        case brokenChain
        /// A stored frame whose header, length or checksum is wrong (not a torn tail).
        case corruptStore
        case io
        case unknownAnchor
    }

    public var code: Code
    public var context: String

    public init(_ code: Code, _ context: String) {
        self.code = code
        self.context = context
    }

    public var description: String { "\(code.rawValue): \(context)" }
}
