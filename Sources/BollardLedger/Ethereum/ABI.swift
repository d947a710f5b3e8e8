/// The Solidity contract ABI (docs.soliditylang.org, "Contract ABI Specification"), limited to
/// the types the anchor contract's functions and event use.
public enum ABIType: Sendable, Hashable, CustomStringConvertible {
    /// uint<M>, 8 ≤ M ≤ 256, M % 8 == 0.
    case uint(Int)
    case bytes32
    case address
    case bool
    /// bytes32[]: a dynamic array, encoded in the tail.
    case bytes32Array

    public var description: String {
        switch self {
        case .uint(let bits): return "uint\(bits)"
        case .bytes32: return "bytes32"
        case .address: return "address"
        case .bool: return "bool"
        case .bytes32Array: return "bytes32[]"
        }
    }

    var isDynamic: Bool { self == .bytes32Array }
}

public enum ABIValue: Sendable, Hashable {
    case uint(UInt256)
    case bytes32([UInt8])
    case address(EthereumAddress)
    case bool(Bool)
    case bytes32Array([[UInt8]])
}

/// A function's canonical signature, e.g. `commit(uint256,bytes32)`, and its selector.
public struct ABIFunction: Sendable, Hashable {
    public var name: String
    public var inputs: [ABIType]
    public var outputs: [ABIType]

    public init(name: String, inputs: [ABIType], outputs: [ABIType] = []) {
        self.name = name
        self.inputs = inputs
        self.outputs = outputs
    }

    public var signature: String { "\(name)(\(inputs.map(\.description).joined(separator: ",")))" }

    /// The first four bytes of keccak256(signature).
    public var selector: [UInt8] { Array(Keccak256.hash(Array(signature.utf8)).prefix(4)) }

    /// Call data: the selector followed by the encoded arguments.
    public func encodeCall(_ arguments: [ABIValue]) throws(EthereumError) -> [UInt8] {
        selector + (try ABI.encode(arguments, as: inputs))
    }

    public func decodeOutput(_ data: [UInt8]) throws(EthereumError) -> [ABIValue] {
        try ABI.decode(data, as: outputs)
    }
}

public enum ABI {
    /// Head/tail encoding of a tuple: static values in place, dynamic ones as an offset into
    /// the tail.
    public static func encode(_ values: [ABIValue], as types: [ABIType]) throws(EthereumError) -> [UInt8] {
        guard values.count == types.count else {
            throw EthereumError(.abi, "\(values.count) values for \(types.count) parameters")
        }
        var head = [UInt8]()
        var tail = [UInt8]()
        let headSize = 32 * types.count
        for (i, (value, type)) in zip(values, types).enumerated() {
            switch (type, value) {
            case (.uint(let bits), .uint(let v)):
                guard bits == 256 || v < UInt256.powerOfTwo(bits) else {
                    throw EthereumError(.abi, "argument \(i): \(v) does not fit uint\(bits)")
                }
                head += v.word
            case (.bytes32, .bytes32(let b)):
                guard b.count == 32 else { throw EthereumError(.abi, "argument \(i): bytes32 of \(b.count) bytes") }
                head += b
            case (.address, .address(let a)):
                head += [UInt8](repeating: 0, count: 12) + a.bytes
            case (.bool, .bool(let flag)):
                head += UInt256(flag ? 1 : 0).word
            case (.bytes32Array, .bytes32Array(let items)):
                head += UInt256(UInt64(headSize + tail.count)).word
                tail += UInt256(UInt64(items.count)).word
                for (j, item) in items.enumerated() {
                    guard item.count == 32 else { throw EthereumError(.abi, "argument \(i)[\(j)]: bytes32 of \(item.count) bytes") }
                    tail += item
                }
            default:
                throw EthereumError(.abi, "argument \(i): value \(value) is not a \(type)")
            }
        }
        return head + tail
    }

    /// Decodes a tuple strictly: words of narrower types must have their padding clear, and
    /// offsets and lengths must stay inside `data`.
    public static func decode(_ data: [UInt8], as types: [ABIType]) throws(EthereumError) -> [ABIValue] {
        guard data.count >= 32 * types.count else {
            throw EthereumError(.abi, "\(data.count) bytes cannot hold \(types.count) words")
        }
        var out = [ABIValue]()
        for (i, type) in types.enumerated() {
            let word = Array(data[(32 * i)..<(32 * i + 32)])
            switch type {
            case .uint(let bits):
                let v = UInt256(bigEndian: word) ?? .zero
                guard bits == 256 || v < UInt256.powerOfTwo(bits) else {
                    throw EthereumError(.abi, "output \(i): \(v) does not fit uint\(bits)")
                }
                out.append(.uint(v))
            case .bytes32:
                out.append(.bytes32(word))
            case .address:
                guard word[0..<12].allSatisfy({ $0 == 0 }), let a = EthereumAddress(bytes: Array(word[12...])) else {
                    throw EthereumError(.abi, "output \(i): address word has non-zero padding")
                }
                out.append(.address(a))
            case .bool:
                guard word[0..<31].allSatisfy({ $0 == 0 }), word[31] <= 1 else {
                    throw EthereumError(.abi, "output \(i): bool word is not 0 or 1")
                }
                out.append(.bool(word[31] == 1))
            case .bytes32Array:
                guard let offset = (UInt256(bigEndian: word) ?? .max).uint64, offset <= UInt64(data.count - 32) else {
                    throw EthereumError(.abi, "output \(i): array offset outside the data")
                }
                let start = Int(offset)
                let countWord = Array(data[start..<(start + 32)])
                let available = UInt64((data.count - start - 32) / 32)
                guard let count = (UInt256(bigEndian: countWord) ?? .max).uint64, count <= available else {
                    throw EthereumError(.abi, "output \(i): array length exceeds the data")
                }
                var items = [[UInt8]]()
                for j in 0..<Int(count) {
                    let at = start + 32 + 32 * j
                    items.append(Array(data[at..<(at + 32)]))
                }
                out.append(.bytes32Array(items))
            }
        }
        return out
    }
}

extension UInt256 {
    /// 2^bits, the exclusive bound of uint<bits> (bits < 256).
    static func powerOfTwo(_ bits: Int) -> UInt256 {
        var word = [UInt8](repeating: 0, count: 32)
        word[31 - bits / 8] = 1 << UInt8(bits % 8)
        return UInt256(bigEndian: word) ?? .zero
    }
}
