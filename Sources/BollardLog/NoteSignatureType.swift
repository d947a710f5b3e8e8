/// The signature type identifier byte (C2SP signed-note §Signature types). It prefixes the
/// public key inside a vkey and is hashed into the key ID, so one key used for two types has two
/// distinct key IDs.
public enum NoteSignatureType: UInt8, Sendable, Equatable, CaseIterable {
    /// `0x01`: Ed25519 over the note text (signed-note §Ed25519 signatures).
    case ed25519 = 0x01
    /// `0x04`: timestamped Ed25519 checkpoint cosignature (tlog-cosignature §Format).
    case cosignatureV1 = 0x04

    /// Ed25519 public keys are 32 bytes (RFC 8032 §5.1.5) for both types.
    var publicKeyLength: Int { 32 }
}
