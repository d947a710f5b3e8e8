import BollardLog
import Foundation

/// The embedded ledger: an append-only, hash-chained sequence of signed `LedgerRecord`s, one per
/// anchored checkpoint, signed with the ledger's own Ed25519 key (never the log's, so a stolen
/// log key cannot rewrite what was anchored).
///
/// Confirmation simulates a chain's blocks: a record has `confirmations` = 1 + the number of
/// records appended after it, and is confirmed once that reaches `requiredConfirmations` (K).
/// With the default K = 1 an anchor is confirmed as soon as it is durably appended; with K > 1
/// it stays `submitted` until K − 1 later anchors bury it, as on Ethereum.
///
/// Sizes strictly increase: a checkpoint is only anchored if its tree is larger than the last
/// one anchored. Resubmitting the last anchored size with the same root returns its anchor.
public actor LocalLedger: Anchor {
    public nonisolated let key: VerifierKey
    public nonisolated let requiredConfirmations: Int
    private let signer: SignerKey
    private let store: any LedgerStore
    private let now: @Sendable () -> Int64
    private let pollInterval: Duration
    private var records: [SignedLedgerRecord]
    /// Set when a store append failed: whether the record reached the store is unknown, so
    /// nothing more is appended until the ledger is reopened from the store.
    private var failure: LedgerError?

    private init(
        signer: SignerKey, store: any LedgerStore, records: [SignedLedgerRecord], requiredConfirmations: Int,
        pollInterval: Duration, now: @escaping @Sendable () -> Int64
    ) {
        self.signer = signer
        self.key = signer.verifierKey
        self.store = store
        self.records = records
        self.requiredConfirmations = requiredConfirmations
        self.pollInterval = pollInterval
        self.now = now
    }

    /// Opens the ledger in `store`, verifying every stored record: its signature by `key`, its
    /// sequence number, its link to the record before it and its size growth. Any edited byte
    /// of a stored record fails one of these (or the file store's frame checks).
    public static func open(
        store: any LedgerStore, key: SignerKey, requiredConfirmations: Int = 1, pollInterval: Duration = .milliseconds(100),
        now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }
    ) async throws -> LocalLedger {
        let verified = try verifyChain(try await store.readAll(), ledgerKey: key.verifierKey)
        return LocalLedger(signer: key, store: store, records: verified, requiredConfirmations: max(1, requiredConfirmations),
                           pollInterval: pollInterval, now: now)
    }

    /// Checks a whole ledger with no database: each record's signature, sequence, previous-record
    /// hash and strictly increasing size.
    public static func verifyChain(_ notes: [[UInt8]], ledgerKey: VerifierKey) throws(LedgerError) -> [SignedLedgerRecord] {
        try verifyChain(notes, ledgerKey: ledgerKey, after: [])
    }

    /// Checks `notes` as the records that follow `verified` (already checked), so a ledger that
    /// other processes append to is caught up without re-verifying what it holds.
    static func verifyChain(_ notes: [[UInt8]], ledgerKey: VerifierKey,
                            after verified: [SignedLedgerRecord]) throws(LedgerError) -> [SignedLedgerRecord] {
        var out: [SignedLedgerRecord] = []
        out.reserveCapacity(notes.count)
        var previousHash = verified.last?.hash ?? LedgerRecord.genesisHash
        var last = verified.last?.record
        for (offset, note) in notes.enumerated() {
            let i = verified.count + offset
            let signed: SignedLedgerRecord
            do {
                signed = try SignedLedgerRecord.open(note, ledgerKey: ledgerKey)
            } catch {
                throw LedgerError(error.code, "record \(i): \(error.context)")
            }
            let r = signed.record
            guard r.sequence == UInt64(i) else {
                throw LedgerError(.brokenChain, "record \(i) carries sequence \(r.sequence)")
            }
            guard r.previousHash == previousHash else {
                throw LedgerError(.brokenChain, "record \(i)'s previous-record hash does not match record \(i - 1)")
            }
            if let last, r.size <= last.size {
                throw LedgerError(.brokenChain, "record \(i) anchors size \(r.size), not above record \(i - 1)'s \(last.size)")
            }
            previousHash = signed.hash
            last = r
            out.append(signed)
        }
        return out
    }

    /// Reads and verifies the records other appenders added to a shared store since this ledger
    /// last read it, and clears a failed append: re-reading the store is what settles whether
    /// that record reached it.
    public func refresh() async throws {
        let newer = try await store.read(from: records.count)
        records += try Self.verifyChain(newer, ledgerKey: key, after: records)
        failure = nil
    }

    public var count: Int { records.count }

    /// The stored signed records, oldest first.
    public var signedRecords: [SignedLedgerRecord] { records }

    public func submit(_ checkpoint: AnchorSubmission) async throws -> AnchorStatus {
        if let failure { throw failure }
        let parsed = try AnchorSubmission(signedNote: checkpoint.signedNote)
        guard parsed.origin == checkpoint.origin, parsed.size == checkpoint.size, parsed.root == checkpoint.root else {
            throw LedgerError(.invalidSubmission, "origin, size or root differ from the submitted checkpoint note's")
        }
        let noteHash = LedgerRecord.sha256(checkpoint.signedNote)
        if let last = records.last?.record {
            if let existing = records.last(where: { $0.record.size == checkpoint.size }) {
                guard existing.record.root == checkpoint.root, existing.record.origin == checkpoint.origin else {
                    throw LedgerError(.conflictingRoot,
                                      "size \(checkpoint.size) is already anchored with root \(existing.record.root.base64)")
                }
                return status(of: Int(existing.record.sequence))
            }
            guard checkpoint.size > last.size else {
                throw LedgerError(.sizeNotIncreasing, "size \(checkpoint.size) is not above the last anchored size \(last.size)")
            }
        }
        let record = LedgerRecord(
            sequence: UInt64(records.count), previousHash: records.last?.hash ?? LedgerRecord.genesisHash,
            time: max(now(), records.last?.record.time ?? 0), origin: checkpoint.origin, size: checkpoint.size,
            root: checkpoint.root, checkpointNoteHash: noteHash)
        let signed = try SignedLedgerRecord.sign(record, key: signer)
        do {
            try await store.append(signed.note)
        } catch {
            failure = LedgerError(.io, "reopen the ledger: appending record \(record.sequence) failed: \(error)")
            throw error
        }
        records.append(signed)
        return status(of: records.count - 1)
    }

    public func status(id: String) async throws -> AnchorStatus? {
        guard let sequence = Self.sequence(id: id), sequence < records.count else { return nil }
        return status(of: sequence)
    }

    public func awaitConfirmation(id: String) async throws -> AnchorStatus {
        while true {
            guard let current = try await status(id: id) else {
                throw LedgerError(.unknownAnchor, "no anchor \(id)")
            }
            if current.state == .confirmed { return current }
            try await Task.sleep(for: pollInterval)
        }
    }

    public func anchors() async throws -> [AnchorStatus] {
        records.indices.map(status(of:))
    }

    public func latestConfirmed(covering size: UInt64) async throws -> AnchorStatus? {
        for i in records.indices.reversed() {
            let s = status(of: i)
            if s.state == .confirmed, s.size >= size { return s }
        }
        return nil
    }

    /// The confirmed anchor of exactly this checkpoint size, if any.
    public func anchor(size: UInt64) -> AnchorStatus? {
        records.firstIndex { $0.record.size == size }.map(status(of:))
    }

    private func status(of sequence: Int) -> AnchorStatus {
        let signed = records[sequence]
        let r = signed.record
        let confirmations = records.count - sequence
        return AnchorStatus(
            id: "local:\(sequence)", origin: r.origin, size: r.size, root: r.root, checkpointNoteHash: r.checkpointNoteHash,
            state: confirmations >= requiredConfirmations ? .confirmed : .submitted, confirmations: confirmations,
            requiredConfirmations: requiredConfirmations, evidence: signed.note)
    }

    private static func sequence(id: String) -> Int? {
        guard id.hasPrefix("local:") else { return nil }
        return Int(id.dropFirst("local:".count))
    }
}
