/// Why the tiled log refused an operation or found its storage inconsistent. Each names the
/// resource (tile path, index, batch) so an operator can find it.
public struct LogError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable {
        /// An entry longer than an entry bundle's uint16 length prefix allows.
        case entryTooLarge
        /// An entry index or tree size beyond the integrated tree.
        case indexOutOfRange
        /// A tile or entry bundle the tree needs is absent from the store.
        case missingTile
        /// A tile whose length or content contradicts the tree.
        case corruptTile
        /// An entry bundle that does not parse or does not match its tile.
        case corruptEntryBundle
        /// A sequenced (journaled) batch that fails its checksum or does not follow the tree.
        case corruptJournal
        /// The stored tree head disagrees with the tiles.
        case treeHeadMismatch
        /// A full tile or bundle written again with different bytes; full tiles are immutable
        /// (tlog-tiles §Merkle Tree: "This endpoint is immutable").
        case immutableResourceChanged
        /// A file-system call failed.
        case io
        /// A previous append failed after sequencing; the log must be reopened to integrate it.
        case needsRecovery
        /// The checkpoint signer failed.
        case signingFailed
        /// A Go sumdb tree text that does not parse.
        case malformedTreeNote
    }

    public var code: Code
    public var context: String

    public init(_ code: Code, _ context: String) {
        self.code = code
        self.context = context
    }

    public var description: String { "\(code.rawValue): \(context)" }
}
