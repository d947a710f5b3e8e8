/// A transparency log checkpoint (c2sp.org/tlog-checkpoint): the note text
///
///     <origin>\n<tree size>\n<base64 root hash>\n[<extension line>\n]*
///
/// parsed strictly, so that exactly one text corresponds to each checkpoint value and a signed
/// checkpoint cannot be re-read as a different tree head.
public struct Checkpoint: Sendable, Hashable {
    /// The log identity (§Note text 1): non-empty; a schema-less URL by recommendation only.
    public let origin: String
    /// Number of leaves (§Note text 2).
    public let size: UInt64
    /// RFC 6962 / RFC 9162 Merkle tree hash at `size` (§Note text 3).
    public let root: MerkleHash
    /// Opaque, non-empty extension lines (§Note text 4), without their newlines.
    public let extensions: [String]

    public init(origin: String, size: UInt64, root: MerkleHash, extensions: [String] = []) throws(NoteError) {
        try Checkpoint.validateLine(Array(origin.utf8), "origin")
        for (i, line) in extensions.enumerated() {
            try Checkpoint.validateLine(Array(line.utf8), "extension line \(i + 1)")
        }
        self.origin = origin
        self.size = size
        self.root = root
        self.extensions = extensions
    }

    /// Parses a checkpoint note text (signatures already removed).
    public init(text: String) throws(NoteError) {
        try self.init(textBytes: Array(text.utf8))
    }

    init(textBytes bytes: [UInt8]) throws(NoteError) {
        guard bytes.last == 0x0A else {
            throw NoteError(.malformedCheckpoint, "checkpoint text must end in a newline")
        }
        try NoteText.validate(bytes)
        let lines = bytes.dropLast().split(separator: 0x0A, omittingEmptySubsequences: false)
        guard lines.count >= 3 else {
            throw NoteError(.malformedCheckpoint, "checkpoint has \(lines.count) lines, needs origin, size and root hash")
        }
        for (i, line) in lines.enumerated() where line.isEmpty {
            let what = i == 0 ? "origin" : i == 1 ? "tree size" : i == 2 ? "root hash" : "extension line \(i - 2)"
            throw NoteError(i == 1 ? .invalidSize : i == 2 ? .invalidRootHash : .malformedCheckpoint,
                            "checkpoint line \(i + 1) (\(what)) is empty")
        }
        self.origin = String(decoding: lines[0], as: UTF8.self)
        self.size = try Checkpoint.parseSize(lines[1])
        let rootText = String(decoding: lines[2], as: UTF8.self)
        guard let rootBytes = Base64.decode(rootText) else {
            throw NoteError(.badBase64, "checkpoint line 3: root hash is not canonical base64")
        }
        guard let root = MerkleHash(bytes: rootBytes) else {
            throw NoteError(.invalidRootHash, "checkpoint line 3: root hash is \(rootBytes.count) bytes, not 32")
        }
        self.root = root
        self.extensions = lines.dropFirst(3).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The note text, ready to sign.
    public var text: String {
        var out = "\(origin)\n\(size)\n\(root.base64)\n"
        for line in extensions { out += "\(line)\n" }
        return out
    }

    /// §Note text 2: ASCII decimal, no leading zeroes unless the tree is empty. No sign, no
    /// spaces, and no value above 2^64 - 1 (which would otherwise wrap).
    static func parseSize(_ digits: ArraySlice<UInt8>) throws(NoteError) -> UInt64 {
        let shown = String(decoding: digits.prefix(40), as: UTF8.self)
        guard let first = digits.first, digits.count <= 20 else {
            throw NoteError(.invalidSize, "tree size \"\(shown)\" is empty or longer than 20 digits")
        }
        guard first != UInt8(ascii: "0") || digits.count == 1 else {
            throw NoteError(.invalidSize, "tree size \"\(shown)\" has a leading zero")
        }
        var value: UInt64 = 0
        for c in digits {
            guard c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") else {
                throw NoteError(.invalidSize, "tree size \"\(shown)\" is not a decimal number")
            }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(c - UInt8(ascii: "0")))
            guard !o1 && !o2 else {
                throw NoteError(.invalidSize, "tree size \"\(shown)\" exceeds 2^64 - 1")
            }
            value = sum
        }
        return value
    }

    static func validateLine(_ bytes: [UInt8], _ what: String) throws(NoteError) {
        guard !bytes.isEmpty else {
            throw NoteError(.malformedCheckpoint, "checkpoint \(what) is empty")
        }
        do {
            try NoteText.validate(bytes)
        } catch {
            throw NoteError(error.code, "checkpoint \(what): \(error.context)")
        }
        guard !bytes.contains(0x0A) else {
            throw NoteError(.malformedCheckpoint, "checkpoint \(what) contains a newline")
        }
    }
}
