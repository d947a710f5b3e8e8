import BollardLog
import Crypto

/// One record of the local ledger: the commitment of one checkpoint, chained to the record
/// before it. Its signed bytes are a C2SP signed note whose text is nine lines, each ending in
/// a newline (integrations/bundle-format.md §Anchor record):
///
///     bollard.ledger.record/v1
///     <sequence, decimal>
///     <previous record hash, base64>
///     <time, Unix seconds, decimal>
///     <log origin>
///     <checkpoint size, decimal>
///     <checkpoint root hash, base64>
///     <SHA-256 of the checkpoint's signed-note bytes, base64>
///
/// A signed note (rather than a bare signature over JSON) so one verifier — C2SP signed-note,
/// which a bundle verifier needs for the checkpoint anyway — checks both, and the record reads
/// the same on disk, in a bundle and on a screen.
public struct LedgerRecord: Sendable, Hashable {
    public static let formatLine = "bollard.ledger.record/v1"
    /// The previous-record hash of the first record.
    public static let genesisHash = [UInt8](repeating: 0, count: 32)

    public var sequence: UInt64
    /// SHA-256 of the previous record's complete signed-note bytes (text and signature lines).
    public var previousHash: [UInt8]
    public var time: Int64
    public var origin: String
    public var size: UInt64
    public var root: MerkleHash
    public var checkpointNoteHash: [UInt8]

    public init(
        sequence: UInt64, previousHash: [UInt8], time: Int64, origin: String, size: UInt64, root: MerkleHash,
        checkpointNoteHash: [UInt8]
    ) {
        self.sequence = sequence
        self.previousHash = previousHash
        self.time = time
        self.origin = origin
        self.size = size
        self.root = root
        self.checkpointNoteHash = checkpointNoteHash
    }

    /// The note text that is signed.
    public var text: String {
        [
            Self.formatLine, String(sequence), Base64.encode(previousHash), String(time), origin, String(size),
            root.base64, Base64.encode(checkpointNoteHash),
        ].map { $0 + "\n" }.joined()
    }

    /// Parses the note text strictly: exactly the eight lines, decimals without signs or
    /// leading zeros, canonical base64 of 32-byte hashes.
    public init(text: String) throws(LedgerError) {
        guard text.hasSuffix("\n") else { throw LedgerError(.malformedRecord, "record text does not end in a newline") }
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count == 8 else { throw LedgerError(.malformedRecord, "record text has \(lines.count) lines, expected 8") }
        guard lines[0] == Self.formatLine else {
            throw LedgerError(.malformedRecord, "line 1 is \"\(lines[0].prefix(64))\", expected \(Self.formatLine)")
        }
        sequence = try Self.decimal(lines[1], line: 2)
        previousHash = try Self.hash(lines[2], line: 3)
        let t: UInt64 = try Self.decimal(lines[3], line: 4)
        guard let time = Int64(exactly: t) else { throw LedgerError(.malformedRecord, "line 4: time out of range") }
        self.time = time
        guard !lines[4].isEmpty else { throw LedgerError(.malformedRecord, "line 5: empty origin") }
        origin = lines[4]
        size = try Self.decimal(lines[5], line: 6)
        guard let root = MerkleHash(bytes: try Self.hash(lines[6], line: 7)) else {
            throw LedgerError(.malformedRecord, "line 7: root is not 32 bytes")
        }
        self.root = root
        checkpointNoteHash = try Self.hash(lines[7], line: 8)
    }

    private static func decimal(_ s: String, line: Int) throws(LedgerError) -> UInt64 {
        let ok = !s.isEmpty && s.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            && (s == "0" || s.utf8.first != UInt8(ascii: "0"))
        guard ok, let v = UInt64(s) else { throw LedgerError(.malformedRecord, "line \(line): \"\(s.prefix(32))\" is not a decimal") }
        return v
    }

    private static func hash(_ s: String, line: Int) throws(LedgerError) -> [UInt8] {
        guard let bytes = Base64.decode(s), bytes.count == 32 else {
            throw LedgerError(.malformedRecord, "line \(line): not the base64 of a 32-byte hash")
        }
        return bytes
    }

    /// SHA-256, the hash of checkpoint notes and of records in the chain.
    public static func sha256(_ bytes: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: bytes)) }
}

/// A ledger record together with its signed-note bytes, as stored and as put in bundles.
public struct SignedLedgerRecord: Sendable, Hashable {
    public let record: LedgerRecord
    public let note: [UInt8]

    /// SHA-256 of the signed-note bytes: the next record's `previousHash`.
    public var hash: [UInt8] { LedgerRecord.sha256(note) }

    public static func sign(_ record: LedgerRecord, key: SignerKey) throws(LedgerError) -> SignedLedgerRecord {
        do {
            let note = try Note.sign(text: record.text, signers: [key.signer])
            return SignedLedgerRecord(record: record, note: note)
        } catch {
            throw LedgerError(.malformedRecord, "cannot sign record \(record.sequence): \(error)")
        }
    }

    /// Verifies the note's signature by the ledger key (C2SP signed-note §Signatures) and parses
    /// its text.
    public static func open(_ note: [UInt8], ledgerKey: VerifierKey) throws(LedgerError) -> SignedLedgerRecord {
        let verified: VerifiedNote
        do {
            verified = try Note.open(note, verifiers: NoteVerifiers([ledgerKey.verifier()]))
        } catch {
            throw LedgerError(error.code == .badSignature || error.code == .noVerifiableSignature ? .badSignature : .malformedRecord,
                              "ledger record note: \(error)")
        }
        return SignedLedgerRecord(record: try LedgerRecord(text: verified.text), note: note)
    }

    init(record: LedgerRecord, note: [UInt8]) {
        self.record = record
        self.note = note
    }
}
