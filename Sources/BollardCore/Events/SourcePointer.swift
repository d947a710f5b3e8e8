/// Where a fact came from: the SHA-256 of the exact bytes a party sent (the intake's document id)
/// and the position inside them. A customs officer can fetch the document, hash it, and read
/// the segment or line the event was built from.
public struct SourcePointer: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Lower-case hex SHA-256 of the source document, 64 characters.
    public let documentSHA256: String
    public var position: SourcePosition

    public init(documentSHA256: String, position: SourcePosition) throws(IdentifierError) {
        let bytes = Array(documentSHA256.utf8)
        guard bytes.count == 64 else {
            throw IdentifierError(.wrongLength, scheme: "SHA-256 hex", value: documentSHA256, "expected 64 hex digits")
        }
        if let bad = ASCII.firstInvalid(bytes, { ASCII.isDigit($0) || ($0 >= 0x61 && $0 <= 0x66) }) {
            throw IdentifierError(.invalidCharacter, scheme: "SHA-256 hex", value: documentSHA256, "position \(bad) is not lower-case hex")
        }
        self.documentSHA256 = documentSHA256
        self.position = position
    }

    public init(documentSHA256 digest: [UInt8], position: SourcePosition) throws(IdentifierError) {
        guard digest.count == 32 else {
            throw IdentifierError(.wrongLength, scheme: "SHA-256", value: "\(digest.count) bytes", "expected 32 bytes")
        }
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
        try self.init(documentSHA256: String(decoding: out, as: UTF8.self), position: position)
    }

    public var description: String { "sha256:\(documentSHA256)#\(position)" }
}

/// A position inside a source document, in the terms of its format.
public enum SourcePosition: Hashable, Sendable, Codable, CustomStringConvertible {
    /// EDIFACT/X12: the message (UNH/ST control reference) and its 1-based segment range,
    /// counted from the start of the interchange.
    case ediSegments(messageReference: String, firstSegment: Int, lastSegment: Int)
    /// XML: 1-based line and column of the element's start tag.
    case xml(line: Int, column: Int)
    /// JSON: an RFC 9535 normalized path, e.g. `$['epcisBody']['eventList'][3]`.
    case jsonPath(path: String)
    /// The fact is the whole document (e.g. a receipt command built from one small file).
    case wholeDocument

    public var description: String {
        switch self {
        case .ediSegments(let ref, let a, let b): "message \(ref) segments \(a)-\(b)"
        case .xml(let line, let column): "line \(line) column \(column)"
        case .jsonPath(let p): p
        case .wholeDocument: "document"
        }
    }
}
