import Crypto

/// Verifies signature type 0x01: plain Ed25519 (RFC 8032) over the note text (C2SP signed-note
/// §Ed25519 signatures).
///
/// Holds the raw key rather than a swift-crypto key object so that the verifier is a plain
/// `Sendable` value.
public struct Ed25519NoteVerifier: NoteVerifier, Hashable {
    public let name: String
    public let keyID: UInt32
    public let publicKey: [UInt8]

    public init(name: String, publicKey: [UInt8]) throws(NoteError) {
        self.init(unchecked: try VerifierKey(name: name, type: .ed25519, publicKey: publicKey))
    }

    public init(vkey: String) throws(NoteError) {
        let key = try VerifierKey(parsing: vkey)
        guard key.type == .ed25519 else {
            throw NoteError(.unknownAlgorithm, "vkey \(key.name) is of type \(key.type), not Ed25519")
        }
        self.init(unchecked: key)
    }

    init(unchecked key: VerifierKey) {
        self.name = key.name
        self.keyID = key.keyID
        self.publicKey = key.publicKey
    }

    public var vkey: String {
        "\(name)+\(NoteKeyID.hex(keyID))+\(Base64.encode([NoteSignatureType.ed25519.rawValue] + publicKey))"
    }

    public func verify(text: [UInt8], signature: [UInt8]) -> Bool {
        Ed25519.verify(publicKey: publicKey, message: text, signature: signature)
    }
}

/// Thin wrapper over swift-crypto's Ed25519 that works on byte arrays and never throws.
enum Ed25519 {
    static let seedLength = 32
    static let signatureLength = 64

    static func verify(publicKey: [UInt8], message: [UInt8], signature: [UInt8]) -> Bool {
        guard signature.count == signatureLength,
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey)
        else { return false }
        return key.isValidSignature(signature, for: message)
    }

    static func publicKey(seed: [UInt8]) throws(NoteError) -> [UInt8] {
        Array(try privateKey(seed: seed).publicKey.rawRepresentation)
    }

    static func sign(seed: [UInt8], message: [UInt8]) throws(NoteError) -> [UInt8] {
        let key = try privateKey(seed: seed)
        do {
            return Array(try key.signature(for: message))
        } catch {
            throw NoteError(.malformedKey, "Ed25519 signing failed: \(error)")
        }
    }

    static func privateKey(seed: [UInt8]) throws(NoteError) -> Curve25519.Signing.PrivateKey {
        guard seed.count == seedLength,
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        else {
            throw NoteError(.malformedKey, "an Ed25519 seed is \(seedLength) bytes, got \(seed.count)")
        }
        return key
    }

    static func newSeed() -> [UInt8] {
        Array(Curve25519.Signing.PrivateKey().rawRepresentation)
    }
}
