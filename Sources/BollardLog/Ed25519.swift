import Crypto

/// Thin wrapper over swift-crypto's Ed25519 (RFC 8032) on byte arrays: verification answers
/// false rather than throwing, key errors become `NoteError`s.
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
