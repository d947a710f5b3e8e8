import CSecp256k1

/// One libsecp256k1 context for the process. Signing and recovery only read it, which the
/// library documents as safe from many threads at once.
final class Secp256k1Context: @unchecked Sendable {
    static let shared = Secp256k1Context()
    let pointer: OpaquePointer

    private init() {
        guard let ctx = secp256k1_context_create(UInt32(SECP256K1_CONTEXT_NONE)) else {
            fatalError("libsecp256k1 could not allocate a context")
        }
        pointer = ctx
    }
}

/// An ECDSA signature over secp256k1 with its recovery id, as a type-2 transaction carries it
/// (EIP-1559: `signature_y_parity`, `signature_r`, `signature_s`).
public struct RecoverableSignature: Sendable, Hashable {
    public var r: [UInt8]
    public var s: [UInt8]
    public var yParity: UInt8

    public init(r: [UInt8], s: [UInt8], yParity: UInt8) {
        self.r = r
        self.s = s
        self.yParity = yParity
    }
}

/// A secp256k1 private key. Signatures are RFC 6979 deterministic and low-s (libsecp256k1
/// normalizes s, as EIP-2 requires of every transaction).
public struct EthereumPrivateKey: Sendable {
    private let secret: [UInt8]
    public let address: EthereumAddress

    public init(bytes: [UInt8]) throws(EthereumError) {
        guard bytes.count == 32 else { throw EthereumError(.invalidPrivateKey, "a private key is 32 bytes, not \(bytes.count)") }
        let ctx = Secp256k1Context.shared.pointer
        guard secp256k1_ec_seckey_verify(ctx, bytes) == 1 else {
            throw EthereumError(.invalidPrivateKey, "zero or not below the curve order")
        }
        var pubkey = secp256k1_pubkey()
        guard secp256k1_ec_pubkey_create(ctx, &pubkey, bytes) == 1 else {
            throw EthereumError(.invalidPrivateKey, "no public key for this secret")
        }
        guard let address = EthereumAddress(publicKey: Self.serialize(pubkey)) else {
            throw EthereumError(.invalidPrivateKey, "public key serialization failed")
        }
        self.secret = bytes
        self.address = address
    }

    public init(hex: String) throws(EthereumError) {
        try self.init(bytes: try Hex.decode(hex, what: "private key"))
    }

    /// Signs a 32-byte message hash.
    public func sign(hash: [UInt8]) throws(EthereumError) -> RecoverableSignature {
        guard hash.count == 32 else { throw EthereumError(.invalidSignature, "a message hash is 32 bytes, not \(hash.count)") }
        let ctx = Secp256k1Context.shared.pointer
        var sig = secp256k1_ecdsa_recoverable_signature()
        guard secp256k1_ecdsa_sign_recoverable(ctx, &sig, hash, secret, nil, nil) == 1 else {
            throw EthereumError(.invalidSignature, "libsecp256k1 refused to sign")
        }
        var compact = [UInt8](repeating: 0, count: 64)
        var recid: Int32 = 0
        _ = secp256k1_ecdsa_recoverable_signature_serialize_compact(ctx, &compact, &recid, &sig)
        return RecoverableSignature(r: Array(compact[0..<32]), s: Array(compact[32..<64]), yParity: UInt8(recid))
    }

    static func serialize(_ pubkey: secp256k1_pubkey) -> [UInt8] {
        var key = pubkey
        var out = [UInt8](repeating: 0, count: 65)
        var length = 65
        _ = secp256k1_ec_pubkey_serialize(Secp256k1Context.shared.pointer, &out, &length, &key, UInt32(SECP256K1_EC_UNCOMPRESSED))
        return Array(out[1..<65])
    }
}

public enum Secp256k1 {
    /// Half the curve order: EIP-2 rejects any s above it.
    static let halfOrder: [UInt8] = [
        0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0x5d, 0x57, 0x6e, 0x73, 0x57, 0xa4, 0x50, 0x1d, 0xdf, 0xe9, 0x2f, 0x46, 0x68, 0x1b, 0x20, 0xa0,
    ]
    static let order: [UInt8] = [
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
        0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41,
    ]

    /// The address that signed `hash`, refusing r or s of zero or not below the order, s above
    /// half the order (EIP-2) and a y-parity other than 0 or 1.
    public static func recoverAddress(hash: [UInt8], signature: RecoverableSignature) throws(EthereumError) -> EthereumAddress {
        guard hash.count == 32 else { throw EthereumError(.invalidSignature, "a message hash is 32 bytes, not \(hash.count)") }
        guard signature.yParity <= 1 else { throw EthereumError(.invalidSignature, "y parity \(signature.yParity) is not 0 or 1") }
        guard let r = padded32(signature.r), let s = padded32(signature.s) else {
            throw EthereumError(.invalidSignature, "r or s wider than 32 bytes")
        }
        guard r.contains(where: { $0 != 0 }), s.contains(where: { $0 != 0 }) else {
            throw EthereumError(.invalidSignature, "r or s is zero")
        }
        guard r.lexicographicallyPrecedes(order) else { throw EthereumError(.invalidSignature, "r is not below the curve order") }
        guard !halfOrder.lexicographicallyPrecedes(s) else { throw EthereumError(.invalidSignature, "s is above half the curve order (EIP-2)") }
        let ctx = Secp256k1Context.shared.pointer
        var sig = secp256k1_ecdsa_recoverable_signature()
        guard secp256k1_ecdsa_recoverable_signature_parse_compact(ctx, &sig, r + s, Int32(signature.yParity)) == 1 else {
            throw EthereumError(.invalidSignature, "r/s do not parse")
        }
        var pubkey = secp256k1_pubkey()
        guard secp256k1_ecdsa_recover(ctx, &pubkey, &sig, hash) == 1 else {
            throw EthereumError(.invalidSignature, "no public key recovers from this signature")
        }
        guard let address = EthereumAddress(publicKey: EthereumPrivateKey.serialize(pubkey)) else {
            throw EthereumError(.invalidSignature, "recovered key did not serialize")
        }
        return address
    }

    static func padded32(_ b: [UInt8]) -> [UInt8]? {
        guard b.count <= 32 else { return nil }
        return [UInt8](repeating: 0, count: 32 - b.count) + b
    }
}
