/// Recursive Length Prefix serialization (Ethereum Yellow Paper, Appendix B): the byte form of
/// transactions, so the signing hash and the transaction hash depend on it exactly.
public indirect enum RLPItem: Sendable, Hashable {
    case bytes([UInt8])
    case list([RLPItem])

    /// An integer as RLP writes it: big-endian with no leading zeros (zero is the empty string).
    public static func uint(_ value: UInt256) -> RLPItem { .bytes(value.minimalBytes) }

    public static func uint(_ value: UInt64) -> RLPItem { .bytes(UInt256(value).minimalBytes) }
}

public enum RLP {
    /// The canonical encoding of `item`.
    public static func encode(_ item: RLPItem) -> [UInt8] {
        var out = [UInt8]()
        append(item, to: &out)
        return out
    }

    public static func append(_ item: RLPItem, to out: inout [UInt8]) {
        switch item {
        case .bytes(let b):
            if b.count == 1, b[0] < 0x80 {
                out.append(b[0])
            } else {
                appendHeader(length: b.count, short: 0x80, to: &out)
                out.append(contentsOf: b)
            }
        case .list(let items):
            var payload = [UInt8]()
            for i in items { append(i, to: &payload) }
            appendHeader(length: payload.count, short: 0xc0, to: &out)
            out.append(contentsOf: payload)
        }
    }

    private static func appendHeader(length: Int, short: UInt8, to out: inout [UInt8]) {
        if length < 56 {
            out.append(short + UInt8(length))
        } else {
            let lengthBytes = UInt256(UInt64(length)).minimalBytes
            out.append(short + 55 + UInt8(lengthBytes.count))
            out.append(contentsOf: lengthBytes)
        }
    }

    /// Decodes exactly one item filling all of `bytes`, rejecting every non-canonical form:
    /// a single byte below 0x80 wrapped in a string header, a long form for a length under 56,
    /// a length with leading zeros, and any length that overruns its container or leaves bytes over.
    public static func decode(_ bytes: [UInt8]) throws(RLPError) -> RLPItem {
        var position = 0
        let item = try bytes.withUnsafeBufferPointer { (buffer) throws(RLPError) -> RLPItem in
            try readItem(buffer, at: &position, end: buffer.count, depth: 0)
        }
        guard position == bytes.count else {
            throw RLPError(.trailingBytes, position: position, "\(bytes.count - position) bytes after the item")
        }
        return item
    }

    /// Nesting beyond this is refused so a hostile input cannot exhaust the stack.
    public static let maxDepth = 64

    private static func readItem(
        _ b: UnsafeBufferPointer<UInt8>, at position: inout Int, end: Int, depth: Int
    ) throws(RLPError) -> RLPItem {
        guard position < end else { throw RLPError(.truncated, position: position, "an item was expected") }
        let start = position
        let prefix = b[position]
        position += 1
        switch prefix {
        case 0x00...0x7f:
            return .bytes([prefix])
        case 0x80...0xb7:
            let length = Int(prefix - 0x80)
            let payload = try take(b, at: &position, length: length, end: end, header: start)
            if length == 1, payload[0] < 0x80 {
                throw RLPError(.nonCanonical, position: start, "a single byte below 0x80 must be encoded as itself")
            }
            return .bytes(payload)
        case 0xb8...0xbf:
            let length = try longLength(b, at: &position, count: Int(prefix - 0xb7), end: end, header: start)
            return .bytes(try take(b, at: &position, length: length, end: end, header: start))
        case 0xc0...0xf7:
            return try readList(b, at: &position, length: Int(prefix - 0xc0), end: end, header: start, depth: depth)
        default:
            let length = try longLength(b, at: &position, count: Int(prefix - 0xf7), end: end, header: start)
            return try readList(b, at: &position, length: length, end: end, header: start, depth: depth)
        }
    }

    private static func readList(
        _ b: UnsafeBufferPointer<UInt8>, at position: inout Int, length: Int, end: Int, header: Int, depth: Int
    ) throws(RLPError) -> RLPItem {
        guard depth < maxDepth else { throw RLPError(.tooDeep, position: header, "lists nested deeper than \(maxDepth)") }
        guard length <= end - position else {
            throw RLPError(.truncated, position: header, "list of \(length) bytes overruns its container by \(length - (end - position))")
        }
        let listEnd = position + length
        var items = [RLPItem]()
        while position < listEnd {
            items.append(try readItem(b, at: &position, end: listEnd, depth: depth + 1))
        }
        return .list(items)
    }

    private static func longLength(
        _ b: UnsafeBufferPointer<UInt8>, at position: inout Int, count: Int, end: Int, header: Int
    ) throws(RLPError) -> Int {
        guard count <= end - position else { throw RLPError(.truncated, position: header, "length of length \(count) overruns the input") }
        guard b[position] != 0 else { throw RLPError(.nonCanonical, position: header, "length written with leading zeros") }
        guard count <= 7 else { throw RLPError(.truncated, position: header, "a length of \(count) bytes cannot fit the input") }
        var length = 0
        for _ in 0..<count {
            length = length << 8 | Int(b[position])
            position += 1
        }
        guard length >= 56 else { throw RLPError(.nonCanonical, position: header, "long form used for length \(length) < 56") }
        return length
    }

    private static func take(
        _ b: UnsafeBufferPointer<UInt8>, at position: inout Int, length: Int, end: Int, header: Int
    ) throws(RLPError) -> [UInt8] {
        guard length <= end - position else {
            throw RLPError(.truncated, position: header, "string of \(length) bytes overruns its container by \(length - (end - position))")
        }
        let out = Array(b[position..<(position + length)])
        position += length
        return out
    }
}

/// Why bytes are not a canonical RLP item.
public struct RLPError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable {
        case truncated
        case nonCanonical
        case trailingBytes
        case tooDeep
        /// A decoded item has the wrong shape for the field read from it.
        case unexpectedShape
    }

    public var code: Code
    /// Byte offset of the offending item's header.
    public var position: Int
    public var context: String

    public init(_ code: Code, position: Int, _ context: String) {
        self.code = code
        self.position = position
        self.context = context
    }

    public var description: String { "\(code.rawValue) at byte \(position): \(context)" }
}

extension RLPItem {
    /// The string payload, or a shape error naming `field`.
    public func bytes(_ field: String) throws(RLPError) -> [UInt8] {
        guard case .bytes(let b) = self else { throw RLPError(.unexpectedShape, position: 0, "\(field): a string was expected, not a list") }
        return b
    }

    public func list(_ field: String) throws(RLPError) -> [RLPItem] {
        guard case .list(let l) = self else { throw RLPError(.unexpectedShape, position: 0, "\(field): a list was expected, not a string") }
        return l
    }

    /// A canonical RLP integer of at most 32 bytes (no leading zero byte).
    public func uint256(_ field: String) throws(RLPError) -> UInt256 {
        let b = try bytes(field)
        guard b.first != 0 else { throw RLPError(.nonCanonical, position: 0, "\(field): integer with a leading zero byte") }
        guard let v = UInt256(bigEndian: b) else { throw RLPError(.unexpectedShape, position: 0, "\(field): integer wider than 256 bits") }
        return v
    }

    public func uint64(_ field: String) throws(RLPError) -> UInt64 {
        let v = try uint256(field)
        guard let small = v.uint64 else { throw RLPError(.unexpectedShape, position: 0, "\(field): integer wider than 64 bits") }
        return small
    }
}
