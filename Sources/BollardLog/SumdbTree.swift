/// The tree head text of Go's checksum database before C2SP tlog-checkpoint
/// (golang.org/x/mod/sumdb/tlog `FormatTree`/`ParseTree`): a fixed first line, the size in
/// decimal and the base64 root, each ending in a newline. Kept beside `SumdbTile` so tiles and
/// tree heads of a Go-style log can both be read; Bollard's own checkpoints are C2SP notes.
public struct SumdbTree: Hashable, Sendable {
    public static let header = "go.sum database tree"

    public var size: UInt64
    public var rootHash: MerkleHash

    public init(size: UInt64, rootHash: MerkleHash) {
        self.size = size
        self.rootHash = rootHash
    }

    public var text: String { "\(Self.header)\n\(size)\n\(rootHash.base64)\n" }

    /// Parses the text; lines after the third are ignored, as Go does.
    public init(text: String) throws(LogError) {
        let lines = text.split(separator: "\n", maxSplits: 3, omittingEmptySubsequences: false)
        guard lines.count == 4, lines[0] == Self.header else {
            throw LogError(.malformedTreeNote, "not a '\(Self.header)' text of at least three lines")
        }
        guard let size = TilePath.decimal(lines[1]), String(size) == lines[1] else {
            throw LogError(.malformedTreeNote, "line 2 '\(lines[1])' is not a canonical decimal tree size")
        }
        guard let root = MerkleHash(base64: lines[2]) else {
            throw LogError(.malformedTreeNote, "line 3 is not a base64 32-byte hash")
        }
        self.init(size: size, rootHash: root)
    }
}
