import BollardCore
import BollardLedger
import BollardLog

/// Verifies a proof bundle offline, trusting only the keys it is given: the checkpoint's
/// signature (C2SP signed-note), every inclusion proof against the checkpoint's root
/// (RFC 9162 §2.1.3.2), each leaf's canonical form (RFC 8785), each anchor record's signature
/// and that it commits exactly this checkpoint, any consistency proofs (RFC 9162 §2.1.4.2) and,
/// given a hasher, each event's GS1 hash. It never throws: hostile input is a failed check.
public struct BundleVerifier: Sendable {
    public var logKey: VerifierKey
    /// The local ledger's key; nil when only Ethereum anchors are expected (a local anchor then fails).
    public var ledgerKey: VerifierKey?
    public var eventHasher: (any EventHashRecomputing)?
    public var limits: BundleLimits

    public init(logKey: VerifierKey, ledgerKey: VerifierKey?, eventHasher: (any EventHashRecomputing)? = nil,
                limits: BundleLimits = .default) {
        self.logKey = logKey
        self.ledgerKey = ledgerKey
        self.eventHasher = eventHasher
        self.limits = limits
    }

    public static func verify(_ bundle: ProofBundle, logKey: VerifierKey, ledgerKey: VerifierKey?,
                              eventHasher: (any EventHashRecomputing)? = nil) -> VerificationReport {
        BundleVerifier(logKey: logKey, ledgerKey: ledgerKey, eventHasher: eventHasher).verify(bundle)
    }

    /// Decodes and verifies bundle JSON; undecodable input is one failed `bundle.decode` check.
    public func verify(json: [UInt8]) -> VerificationReport {
        do {
            return verify(try ProofBundle.decode(json))
        } catch {
            var report = VerificationReport()
            report.fail("bundle.decode", error.description)
            return report
        }
    }

    public func verify(_ bundle: ProofBundle) -> VerificationReport {
        var report = VerificationReport()
        if bundle.format == ProofBundle.formatName, bundle.version == ProofBundle.currentVersion {
            report.pass("bundle.format", "\(bundle.format) version \(bundle.version)")
        } else {
            report.fail("bundle.format", "\"\(bundle.format.prefix(64))\" version \(bundle.version); expected \(ProofBundle.formatName) version \(ProofBundle.currentVersion)")
        }
        let checkpointNote = Array(bundle.log.checkpoint.utf8)
        let checkpoint = verifyCheckpoint(checkpointNote, origin: bundle.log.origin, into: &report)
        verifyItems(bundle.items, checkpoint: checkpoint, into: &report)
        verifyAnchors(bundle.anchors, checkpoint: checkpoint, checkpointNote: checkpointNote, into: &report)
        verifyConsistency(bundle.consistencyProofs, checkpoint: checkpoint, origin: bundle.log.origin, into: &report)
        return report
    }

    // MARK: Checkpoint

    /// The checkpoint whose root the other checks use: the verified one, or — so the report
    /// still says which proofs hold — the unverified parse of a note whose signature failed
    /// (the signature check has already failed the bundle).
    private func verifyCheckpoint(_ note: [UInt8], origin: String, into report: inout VerificationReport) -> Checkpoint? {
        do {
            let checkpoint = try Checkpoint.open(note, verifiers: NoteVerifiers([logKey.verifier()]), origin: origin)
            report.pass("checkpoint.signature", "signed by \(logKey.name)+\(hex8(logKey.keyID)); size \(checkpoint.size)")
            return checkpoint
        } catch {
            report.fail("checkpoint.signature", "\(error)")
            return try? Checkpoint(text: Note.parse(note).text)
        }
    }

    // MARK: Items

    private func verifyItems(_ items: [ProofBundle.Item], checkpoint: Checkpoint?, into report: inout VerificationReport) {
        guard !items.isEmpty else {
            report.fail("items", "the bundle proves no entries")
            return
        }
        guard items.count <= limits.maxItems else {
            report.fail("items", "\(items.count) items; at most \(limits.maxItems)")
            return
        }
        for (i, item) in items.enumerated() {
            verifyItem(item, name: "item[\(i)]", checkpoint: checkpoint, into: &report)
        }
    }

    private func verifyItem(_ item: ProofBundle.Item, name: String, checkpoint: Checkpoint?, into report: inout VerificationReport) {
        guard let leaf = Base64.decode(item.leaf) else {
            report.fail("\(name).leaf", "leaf is not canonical base64")
            return
        }
        guard leaf.count <= limits.maxLeafBytes else {
            report.fail("\(name).leaf", "leaf is \(leaf.count) bytes; at most \(limits.maxLeafBytes)")
            return
        }
        report.pass("\(name).leaf", "\(leaf.count) bytes")

        var record: JCSValue?
        do {
            let parsed = try JCS.parse(leaf)
            if try JCS.canonicalize(parsed) == leaf {
                record = parsed
                report.pass("\(name).canonical", "leaf is RFC 8785 canonical JSON")
            } else {
                report.fail("\(name).canonical", "leaf is JSON but not in RFC 8785 canonical form")
            }
        } catch {
            report.fail("\(name).canonical", "leaf is not I-JSON: \(error)")
        }
        verifySummary(item.summary, record: record, name: name, into: &report)
        verifyInclusion(item, leaf: leaf, name: name, checkpoint: checkpoint, into: &report)
        verifyEventHash(item, leaf: leaf, name: name, into: &report)
    }

    private func verifySummary(_ summary: JCSValue, record: JCSValue?, name: String, into report: inout VerificationReport) {
        guard case .object(let members) = summary else {
            report.fail("\(name).summary", "summary is not a JSON object")
            return
        }
        guard let record else {
            report.fail("\(name).summary", "no parsed record to compare the summary with")
            return
        }
        for member in members {
            guard let value = record[member.name] else {
                report.fail("\(name).summary", "summary member \"\(member.name.prefix(64))\" is not in the record")
                return
            }
            guard Self.sameJSON(value, member.value) else {
                report.fail("\(name).summary", "summary member \"\(member.name.prefix(64))\" differs from the record's")
                return
            }
        }
        report.pass("\(name).summary", "\(members.count) members agree with the record")
    }

    /// Equal as canonical JSON (member order and Swift's canonical-equivalence `==` ignored).
    private static func sameJSON(_ a: JCSValue, _ b: JCSValue) -> Bool {
        guard let ca = try? JCS.canonicalize(a), let cb = try? JCS.canonicalize(b) else { return false }
        return ca == cb
    }

    private func verifyInclusion(_ item: ProofBundle.Item, leaf: [UInt8], name: String, checkpoint: Checkpoint?,
                                 into report: inout VerificationReport) {
        let check = "\(name).inclusion"
        guard let checkpoint else {
            report.fail(check, "no checkpoint root to verify against")
            return
        }
        guard item.inclusionProof.count <= limits.maxProofHashes else {
            report.fail(check, "\(item.inclusionProof.count) proof hashes; at most \(limits.maxProofHashes)")
            return
        }
        var hashes: [MerkleHash] = []
        hashes.reserveCapacity(item.inclusionProof.count)
        for (j, text) in item.inclusionProof.enumerated() {
            guard let hash = MerkleHash(base64: text) else {
                report.fail(check, "proof hash \(j) is not the base64 of 32 bytes")
                return
            }
            hashes.append(hash)
        }
        guard item.index < checkpoint.size else {
            report.fail(check, "index \(item.index) is not below the checkpoint size \(checkpoint.size)")
            return
        }
        let proof = InclusionProof(index: item.index, treeSize: checkpoint.size, hashes: hashes)
        do {
            try proof.verify(leafHash: RFC9162.leafHash(leaf), root: checkpoint.root)
            report.pass(check, "leaf \(item.index) is in the tree of size \(checkpoint.size)")
        } catch {
            report.fail(check, "\(error)")
        }
    }

    private func verifyEventHash(_ item: ProofBundle.Item, leaf: [UInt8], name: String, into report: inout VerificationReport) {
        let check = "\(name).eventHash"
        switch item.kind {
        case "event":
            guard let stated = item.eventHash else {
                report.fail(check, "an event item carries no GS1 event hash")
                return
            }
            guard let eventHasher else {
                report.skip(check, "no GS1 event hasher configured; stated hash not recomputed")
                return
            }
            do {
                let computed = try eventHasher.eventHash(leaf: leaf)
                if computed == stated {
                    report.pass(check, "recomputed \(computed)")
                } else {
                    report.fail(check, "stated \(stated.prefix(100)), recomputed \(computed)")
                }
            } catch {
                report.fail(check, "cannot recompute: \(error)")
            }
        case "record":
            if item.eventHash != nil { report.fail(check, "a non-event item carries an event hash") }
        default:
            report.fail("\(name).kind", "unknown item kind \"\(item.kind.prefix(32))\"")
        }
    }

    // MARK: Anchors

    private func verifyAnchors(_ anchors: [ProofBundle.AnchorEvidence], checkpoint: Checkpoint?, checkpointNote: [UInt8],
                               into report: inout VerificationReport) {
        guard !anchors.isEmpty else {
            report.fail("anchors", "the checkpoint carries no anchor")
            return
        }
        guard anchors.count <= limits.maxAnchors else {
            report.fail("anchors", "\(anchors.count) anchors; at most \(limits.maxAnchors)")
            return
        }
        let noteHash = LedgerRecord.sha256(checkpointNote)
        for (j, anchor) in anchors.enumerated() {
            let name = "anchor[\(j)]"
            if anchor.ledger == "ethereum" {
                verifyEthereumAnchor(anchor, name: name, checkpoint: checkpoint, into: &report)
                continue
            }
            guard anchor.ledger == "local" else {
                report.fail("\(name).ledger", "ledger kind \"\(anchor.ledger.prefix(32))\" cannot be verified by this verifier (only \"local\", \"ethereum\")")
                continue
            }
            guard let ledgerKey else {
                report.fail("\(name).key", "a local-ledger anchor, and no trusted ledger key was given")
                continue
            }
            if anchor.ledgerKey == ledgerKey.encoded {
                report.pass("\(name).key", "ledger key \(ledgerKey.name)+\(hex8(ledgerKey.keyID))")
            } else {
                report.fail("\(name).key", "the bundle names ledger key \"\(anchor.ledgerKey.prefix(128))\", not the trusted one")
            }
            let signed: SignedLedgerRecord
            do {
                signed = try SignedLedgerRecord.open(Array(anchor.record.utf8), ledgerKey: ledgerKey)
                report.pass("\(name).signature", "record \(signed.record.sequence) signed by the ledger key")
            } catch {
                report.fail("\(name).signature", error.description)
                continue
            }
            let r = signed.record
            guard let checkpoint else {
                report.fail("\(name).commitment", "no checkpoint to compare with")
                continue
            }
            if r.origin != checkpoint.origin {
                report.fail("\(name).commitment", "anchors origin \"\(r.origin.prefix(64))\", the checkpoint is for \"\(checkpoint.origin.prefix(64))\"")
            } else if r.size != checkpoint.size {
                report.fail("\(name).commitment", "anchors size \(r.size), the checkpoint has size \(checkpoint.size)")
            } else if r.root != checkpoint.root {
                report.fail("\(name).commitment", "anchors root \(r.root.base64), the checkpoint's root is \(checkpoint.root.base64)")
            } else if r.checkpointNoteHash != noteHash {
                report.fail("\(name).commitment", "anchors a different signed note for this checkpoint (note hash mismatch)")
            } else {
                report.pass("\(name).commitment", "commits size \(r.size) and root \(r.root.base64) of \(r.origin)")
            }
        }
    }

    /// An Ethereum anchor offline: only that its fields are well formed and consistent with each
    /// other and with the checkpoint (the committed size and root are the checkpoint's, the id is
    /// the transaction hash). Whether that transaction is in that block of that chain, with that
    /// Committed event, can only be checked on a node: `anchor[j].chain` is reported skipped,
    /// naming what to look up (bundle-format.md §4.2).
    private func verifyEthereumAnchor(_ anchor: ProofBundle.AnchorEvidence, name: String, checkpoint: Checkpoint?,
                                      into report: inout VerificationReport) {
        guard let chain = anchor.ethereum else {
            report.fail("\(name).ethereum", "an \"ethereum\" anchor without its ethereum section")
            return
        }
        var problems: [String] = []
        if !chain.chainId.hasPrefix("0x") || UInt256(quantity: chain.chainId) == nil { problems.append("chainId is not a QUANTITY") }
        if (try? EthereumAddress(hex: chain.contract)) == nil { problems.append("contract is not an EIP-55 address") }
        for (field, value) in [("transactionHash", chain.transactionHash), ("blockHash", chain.blockHash)] {
            if value.utf8.count != 66 || (try? Hex.decode(value, what: field))?.count != 32 { problems.append("\(field) is not 32 bytes of 0x hex") }
        }
        if !chain.blockNumber.hasPrefix("0x") || UInt256(quantity: chain.blockNumber)?.uint64 == nil {
            problems.append("blockNumber is not a QUANTITY")
        }
        if anchor.id.lowercased() != chain.transactionHash.lowercased() { problems.append("id is not the transaction hash") }
        if anchor.confirmations < 0 { problems.append("negative confirmations") }
        if problems.isEmpty {
            report.pass("\(name).ethereum", "chain \(chain.chainId), contract \(chain.contract), block \(chain.blockNumber)")
        } else {
            report.fail("\(name).ethereum", problems.joined(separator: "; "))
        }
        guard let checkpoint else {
            report.fail("\(name).commitment", "no checkpoint to compare with")
            return
        }
        if chain.size != checkpoint.size {
            report.fail("\(name).commitment", "commits size \(chain.size), the checkpoint has size \(checkpoint.size)")
        } else if MerkleHash(base64: chain.root) != checkpoint.root {
            report.fail("\(name).commitment", "commits root \(chain.root.prefix(64)), the checkpoint's root is \(checkpoint.root.base64)")
        } else {
            report.pass("\(name).commitment", "names size \(chain.size) and root \(checkpoint.root.base64) of \(checkpoint.origin)")
        }
        report.skip("\(name).chain", "offline: look up \(chain.transactionHash) on chain \(chain.chainId) (block \(chain.blockHash)) "
            + "and call root_of(\(chain.size)) on \(chain.contract)")
    }

    // MARK: Consistency

    private func verifyConsistency(_ proofs: [ProofBundle.ConsistencyEvidence], checkpoint: Checkpoint?, origin: String,
                                   into report: inout VerificationReport) {
        guard proofs.count <= limits.maxConsistencyProofs else {
            report.fail("consistency", "\(proofs.count) consistency proofs; at most \(limits.maxConsistencyProofs)")
            return
        }
        for (k, evidence) in proofs.enumerated() {
            let name = "consistency[\(k)]"
            guard let checkpoint else {
                report.fail(name, "no checkpoint to prove consistency with")
                continue
            }
            let older: Checkpoint
            do {
                older = try Checkpoint.open(Array(evidence.fromCheckpoint.utf8), verifiers: NoteVerifiers([logKey.verifier()]), origin: origin)
            } catch {
                report.fail(name, "earlier checkpoint: \(error)")
                continue
            }
            guard evidence.proof.count <= limits.maxProofHashes else {
                report.fail(name, "\(evidence.proof.count) proof hashes; at most \(limits.maxProofHashes)")
                continue
            }
            let hashes = evidence.proof.compactMap { MerkleHash(base64: $0) }
            guard hashes.count == evidence.proof.count else {
                report.fail(name, "a proof hash is not the base64 of 32 bytes")
                continue
            }
            guard older.size <= checkpoint.size else {
                report.fail(name, "earlier checkpoint size \(older.size) exceeds \(checkpoint.size)")
                continue
            }
            do {
                try ConsistencyProof(size1: older.size, size2: checkpoint.size, hashes: hashes)
                    .verify(root1: older.root, root2: checkpoint.root)
                report.pass(name, "tree of size \(older.size) is a prefix of size \(checkpoint.size)")
            } catch {
                report.fail(name, "\(error)")
            }
        }
    }

    private func hex8(_ id: UInt32) -> String {
        let s = String(id, radix: 16)
        return String(repeating: "0", count: max(0, 8 - s.count)) + s
    }
}
