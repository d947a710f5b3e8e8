import BollardCore
import BollardLedger
import BollardLog
import Foundation

@testable import BollardVerify

let fixtureOrigin = "bollard.example/verify-test"

/// A stand-in for the GS1 hasher (wired by the command from BollardEPCIS): a digest of the
/// leaf in the `ni:` form, enough to exercise the verifier's recompute-and-compare path.
struct LeafDigestHasher: EventHashRecomputing {
    func eventHash(leaf: [UInt8]) throws -> String {
        "ni:///sha-256;" + LedgerRecord.sha256(leaf).map { String(format: "%02x", $0) }.joined() + "?ver=CBV2.0"
    }
}

/// A real log of canonical custody events, a separate-key local ledger anchoring its
/// checkpoint, and a genuine bundle for some of its entries.
struct BundleFixture {
    let logKey: SignerKey
    let ledgerKey: SignerKey
    let log: TransparencyLog<MemoryTileStore>
    let ledger: LocalLedger
    let leaves: [[UInt8]]
    let checkpointNote: [UInt8]
    let earlierNote: [UInt8]
    let bundle: ProofBundle
    static let eventIndices: [UInt64] = [0, 6, 12]
    static let recordIndex: UInt64 = 3

    var verifier: BundleVerifier {
        BundleVerifier(logKey: logKey.verifierKey, ledgerKey: ledgerKey.verifierKey, eventHasher: LeafDigestHasher())
    }

    static func event(_ n: Int) throws -> EPCISEvent {
        let hex = String(n, radix: 16)
        let source = try SourcePointer(documentSHA256: String(repeating: "0", count: 64 - hex.count) + hex,
                                       position: .jsonPath(path: "$['epcisBody']['eventList'][\(n)]"))
        let minute = n < 10 ? "0\(n)" : "\(n)"
        var e = EPCISEvent(type: .objectEvent, eventTime: try EventTime("2026-03-02T09:\(minute):00.000+09:00"),
                           eventTimeZoneOffset: "+09:00", action: .observe, sourcePointer: source)
        e.quantityList = [QuantityElement(epcClass: try EPC.lgtin(gtin: GTIN("08801234000024"), lot: "CU-\(n)"),
                                          quantity: try ExactDecimal("25.\(n)"), uom: try UnitCode("TNE"))]
        return e
    }

    static func make(anchorEarlierCheckpointInstead: Bool = false) async throws -> BundleFixture {
        let logKey = try SignerKey.generate(name: fixtureOrigin)
        let ledgerKey = try SignerKey.generate(name: "bollard.example/ledger")
        let log = try await TransparencyLog.inMemory(signer: try CheckpointSigner(origin: fixtureOrigin, signers: [logKey.signer]))
        var leaves: [[UInt8]] = []
        var earlierNote: [UInt8] = []
        for n in 0..<13 {
            let leaf = try JCS.encode(try event(n))
            leaves.append(leaf)
            _ = try await log.append(leaf)
            if n == 5 { earlierNote = try await log.checkpoint() ?? [] }
        }
        let note = try await log.checkpoint() ?? []
        let ledger = try await LocalLedger.open(store: MemoryLedgerStore(), key: ledgerKey)
        let earlierAnchor = try await ledger.submit(try AnchorSubmission(signedNote: earlierNote))
        let anchor = try await ledger.submit(try AnchorSubmission(signedNote: note))
        var entries = eventIndices.map { i in
            ProofBundleBuilder.Entry(index: i, summary: summary(leaves[Int(i)]), eventHash: try? LeafDigestHasher().eventHash(leaf: leaves[Int(i)]))
        }
        entries.append(ProofBundleBuilder.Entry(index: recordIndex, summary: summary(leaves[Int(recordIndex)]), eventHash: nil))
        let bundle = try await ProofBundleBuilder.build(
            subject: ProofBundle.Subject(kind: "lot", id: "urn:epc:id:lgtin:8801234.000024.CU-6"), log: log,
            logKey: logKey.verifierKey, checkpointNote: note, entries: entries,
            anchors: [anchorEarlierCheckpointInstead ? earlierAnchor : anchor], ledgerKey: ledgerKey.verifierKey,
            earlierCheckpoints: [earlierNote])
        return BundleFixture(logKey: logKey, ledgerKey: ledgerKey, log: log, ledger: ledger, leaves: leaves, checkpointNote: note,
                             earlierNote: earlierNote, bundle: bundle)
    }

    /// The record's type and time, as a viewer would show them.
    static func summary(_ leaf: [UInt8]) -> JCSValue {
        guard let record = try? JCS.parse(leaf), let type = record["type"], let time = record["eventTime"] else { return .null }
        return .object([JCSMember("type", type), JCSMember("eventTime", time)])
    }
}

/// Flips one bit of the bytes a base64 string encodes.
func flipBase64(_ text: String, byte: Int, bit: Int = 0) -> String {
    guard var bytes = Base64.decode(text), !bytes.isEmpty else { return text }
    bytes[byte % bytes.count] ^= UInt8(1 << (bit % 8))
    return Base64.encode(bytes)
}

/// Replaces line `line` (0-based) of a note's text.
func replacingLine(_ text: String, _ line: Int, with replacement: String) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    lines[line] = replacement
    return lines.joined(separator: "\n")
}

extension VerificationReport {
    func failed(_ name: String) -> Bool { check(name)?.outcome == .failed }
    func reason(_ name: String) -> String { check(name)?.reason ?? "(no such check)" }
}
