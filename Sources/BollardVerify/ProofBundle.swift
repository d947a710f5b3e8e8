import BollardCore
import Foundation

/// A self-contained proof that a subject's records (a lot's custody events, a receipt, a
/// token's collateral) are in the log, under a signed checkpoint that a ledger anchored.
/// Specified field by field in integrations/bundle-format.md; verified by `BundleVerifier` with
/// no database.
public struct ProofBundle: Codable, Sendable, Hashable {
    public static let formatName = "bollard.proof-bundle"
    public static let currentVersion = 1

    public var format: String
    public var version: Int
    public var subject: Subject
    public var log: LogSection
    public var items: [Item]
    public var anchors: [AnchorEvidence]
    public var consistencyProofs: [ConsistencyEvidence]

    public init(subject: Subject, log: LogSection, items: [Item], anchors: [AnchorEvidence], consistencyProofs: [ConsistencyEvidence] = []) {
        self.format = Self.formatName
        self.version = Self.currentVersion
        self.subject = subject
        self.log = log
        self.items = items
        self.anchors = anchors
        self.consistencyProofs = consistencyProofs
    }

    /// What the bundle is about.
    public struct Subject: Codable, Sendable, Hashable {
        /// "lot", "receipt" or "collateral".
        public var kind: String
        public var id: String

        public init(kind: String, id: String) {
            self.kind = kind
            self.id = id
        }
    }

    public struct LogSection: Codable, Sendable, Hashable {
        /// The log's origin line (C2SP tlog-checkpoint).
        public var origin: String
        /// The signed checkpoint, the complete C2SP signed-note text.
        public var checkpoint: String
        /// The log's verifier key (C2SP vkey) as the producer states it; informative — the
        /// verifier trusts only the key it is given.
        public var key: String

        public init(origin: String, checkpoint: String, key: String) {
            self.origin = origin
            self.checkpoint = checkpoint
            self.key = key
        }
    }

    /// One log entry and its inclusion proof in the checkpoint's tree.
    public struct Item: Codable, Sendable, Hashable {
        /// "event" (a custody event, carrying its GS1 event hash) or "record" (any other entry).
        public var kind: String
        public var index: UInt64
        /// Base64 (RFC 4648 §4) of the entry's bytes: the record's RFC 8785 canonical JSON.
        public var leaf: String
        /// A few top-level members of the record, for people; each must equal the leaf's own.
        public var summary: JCSValue
        /// The GS1 CBV 2.0 event hash (`ni:///sha-256;…?ver=CBV2.0`), for events.
        public var eventHash: String?
        /// The RFC 9162 §2.1.3 inclusion proof at the checkpoint's size, each hash base64.
        public var inclusionProof: [String]

        public init(kind: String, index: UInt64, leaf: String, summary: JCSValue, eventHash: String?, inclusionProof: [String]) {
            self.kind = kind
            self.index = index
            self.leaf = leaf
            self.summary = summary
            self.eventHash = eventHash
            self.inclusionProof = inclusionProof
        }
    }

    /// A ledger's commitment to the checkpoint.
    public struct AnchorEvidence: Codable, Sendable, Hashable {
        /// "local" for the embedded ledger, "ethereum" for the Anchor.vy contract on an
        /// Ethereum-compatible chain.
        public var ledger: String
        public var id: String
        /// The signed ledger record, complete C2SP signed-note text ("" for "ethereum").
        public var record: String
        /// The ledger's verifier key (C2SP vkey), as the producer states it ("" for "ethereum").
        public var ledgerKey: String
        /// Confirmations when the bundle was made (informative).
        public var confirmations: Int
        /// Where the anchor is on chain, for "ethereum" anchors; absent for "local" ones, so the
        /// local format is unchanged.
        public var ethereum: EthereumSection?

        public init(ledger: String, id: String, record: String, ledgerKey: String, confirmations: Int,
                    ethereum: EthereumSection? = nil) {
            self.ledger = ledger
            self.id = id
            self.record = record
            self.ledgerKey = ledgerKey
            self.confirmations = confirmations
            self.ethereum = ethereum
        }
    }

    /// An Anchor.vy `commit(size, root)` on an Ethereum-compatible chain: enough to look the
    /// transaction up on any node (`eth_getTransactionReceipt`) and call `root_of(size)` or
    /// `verify_inclusion` there. Quantities and data as in Ethereum JSON-RPC (0x hex).
    public struct EthereumSection: Codable, Sendable, Hashable {
        /// EIP-155 chain id, a JSON-RPC QUANTITY.
        public var chainId: String
        /// The anchor contract, EIP-55 checksummed.
        public var contract: String
        public var transactionHash: String
        public var blockNumber: String
        public var blockHash: String
        /// The committed tree size and root (base64), as the contract's Committed event holds them.
        public var size: UInt64
        public var root: String

        public init(chainId: String, contract: String, transactionHash: String, blockNumber: String, blockHash: String,
                    size: UInt64, root: String) {
            self.chainId = chainId
            self.contract = contract
            self.transactionHash = transactionHash
            self.blockNumber = blockNumber
            self.blockHash = blockHash
            self.size = size
            self.root = root
        }
    }

    /// An earlier signed checkpoint and the RFC 9162 §2.1.4 consistency proof from it to the
    /// bundle's checkpoint.
    public struct ConsistencyEvidence: Codable, Sendable, Hashable {
        public var fromCheckpoint: String
        public var proof: [String]

        public init(fromCheckpoint: String, proof: [String]) {
            self.fromCheckpoint = fromCheckpoint
            self.proof = proof
        }
    }

    /// The bundle as JSON, members sorted, for files and HTTP answers.
    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(self))
    }

    /// Decodes a bundle, refusing input larger than `maxBytes`.
    public static func decode(_ bytes: [UInt8], maxBytes: Int = 64 << 20) throws(BundleError) -> ProofBundle {
        guard bytes.count <= maxBytes else {
            throw BundleError(.tooLarge, "bundle is \(bytes.count) bytes; at most \(maxBytes)")
        }
        do {
            return try JSONDecoder().decode(ProofBundle.self, from: Data(bytes))
        } catch {
            throw BundleError(.malformed, "not a proof bundle: \(error)")
        }
    }
}

public struct BundleError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable {
        case tooLarge
        case malformed
        case missingEntry
    }

    public var code: Code
    public var context: String

    public init(_ code: Code, _ context: String) {
        self.code = code
        self.context = context
    }

    public var description: String { "\(code.rawValue): \(context)" }
}
