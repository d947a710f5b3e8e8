/// Why a signed note, a key or a checkpoint was refused. Opening never traps on hostile input:
/// every malformed byte string becomes one of these, naming what was wrong and where.
public struct NoteError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable, CaseIterable {
        // C2SP signed-note §Format: the shape of the note itself.
        /// No blank line before the signatures, no signature lines, a signature block that does
        /// not end in a newline, or a line in it that is not a signature line.
        case malformedNote
        /// The note is not valid UTF-8.
        case invalidUTF8
        /// An ASCII control character other than newline.
        case controlCharacter
        /// A key name that is empty or holds a Unicode space or a plus.
        case invalidKeyName
        /// Text that is not canonical padded RFC 4648 §4 base64.
        case badBase64
        /// A signature that decodes to fewer than the 4-byte key ID plus one byte.
        case malformedSignature
        /// More signature lines than the verifier accepts (the spec's SHOULD-limit).
        case tooManySignatures
        /// A note larger than the verifier accepts.
        case tooLong

        // C2SP signed-note §Signatures: the verdict of verification.
        /// No signature from a known key verified (the note MUST be rejected).
        case noVerifiableSignature
        /// A signature from a known key (name and key ID match) failed to verify.
        case badSignature
        /// A key looked up by name and key ID that the verifier set does not hold.
        case unknownKey
        /// Two configured verifiers share both name and key ID, so a signature cannot be
        /// attributed.
        case ambiguousKey

        // C2SP signed-note §Verifier keys, and the Go signer-key encoding.
        /// A vkey or skey that is not `name+hex8+base64`, or key material of the wrong length.
        case malformedKey
        /// The key ID in a vkey or skey is not the hash of its name and public key.
        case wrongKeyHash
        /// A signature type byte this implementation does not support.
        case unknownAlgorithm

        // C2SP tlog-checkpoint §Note text.
        /// Fewer than three lines, an empty origin or an empty extension line.
        case malformedCheckpoint
        /// A tree size that is not a decimal without leading zeroes fitting in 64 bits.
        case invalidSize
        /// A root hash that does not decode to exactly 32 bytes.
        case invalidRootHash
        /// The checkpoint is for another log than the one expected.
        case wrongOrigin

        // C2SP tlog-cosignature §Format.
        /// A cosignature timestamp above 2^63 - 1.
        case invalidTimestamp
    }

    public var code: Code
    public var context: String

    public init(_ code: Code, _ context: String) {
        self.code = code
        self.context = context
    }

    /// True for the codes that mean "this is not a well-formed signed note" — what the Go
    /// reference reports as `malformed note` — as opposed to a well-formed note that failed
    /// verification or a bad key.
    public var isMalformedNote: Bool {
        switch code {
        case .malformedNote, .invalidUTF8, .controlCharacter, .invalidKeyName, .badBase64,
             .malformedSignature, .tooManySignatures, .tooLong:
            return true
        default:
            return false
        }
    }

    public var description: String { "\(code.rawValue): \(context)" }
}
