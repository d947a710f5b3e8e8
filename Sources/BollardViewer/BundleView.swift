import BollardCore
import BollardLog
import BollardVerify
import Foundation

/// A proof bundle read for display: each item's record decoded from its leaf bytes (never from
/// the informative `summary`), and each item's proof status taken from the verifier's report.
/// Nothing here verifies anything; the report is the only source of ✓ and ✗.
struct BundleView {
    struct Entry {
        /// The item's position in `bundle.items`: the verifier names its checks `item[position].…`.
        var position: Int
        var item: ProofBundle.Item
        var event: EPCISEvent?
        var submitter: PartyID?
        /// Why the leaf could not be read as a custody record.
        var readError: String?
        var proof: Proof
    }

    /// Whether an entry is proven: its own checks, plus what every entry rests on (the bundle's
    /// format, the checkpoint signature and at least one anchor that commits the checkpoint).
    struct Proof {
        enum Status { case verified, failed, unchecked }

        var status: Status
        /// Failed checks, `name: reason`.
        var failures: [String]
        /// Checks not performed (e.g. an event hash with no hasher), `name: reason`.
        var skipped: [String]
    }

    var bundle: ProofBundle
    var report: VerificationReport
    var entries: [Entry]
    /// The checkpoint as the note's text says (unverified when `checkpoint.signature` failed).
    var checkpoint: Checkpoint?

    init(_ bundle: ProofBundle, report: VerificationReport) {
        self.bundle = bundle
        self.report = report
        checkpoint = try? Checkpoint(text: Note.parse(Array(bundle.log.checkpoint.utf8)).text)
        let foundation = Self.foundationFailures(report)
        entries = bundle.items.enumerated().map { position, item in
            var entry = Entry(position: position, item: item, proof: Self.proof(position: position, report: report, foundation: foundation))
            Self.read(item, into: &entry)
            return entry
        }
    }

    var events: [EPCISEvent] { entries.compactMap(\.event) }

    /// The entry for a log index (receipt history names records by engine sequence = index + 1).
    func entry(logIndex: UInt64) -> Entry? { entries.first { $0.item.index == logIndex } }

    private static func read(_ item: ProofBundle.Item, into entry: inout Entry) {
        guard let leaf = Base64.decode(item.leaf) else {
            entry.readError = "the leaf is not base64"
            return
        }
        if case .string(let text)? = try? JCS.parse(leaf)["submitter"] { entry.submitter = try? PartyID(text) }
        do {
            entry.event = try JSONDecoder().decode(EPCISEvent.self, from: Data(leaf))
        } catch {
            entry.readError = "the leaf is not a custody event record (\(error))"
        }
    }

    private static func foundationFailures(_ report: VerificationReport) -> [String] {
        var out: [String] = []
        for name in ["bundle.format", "checkpoint.signature"] {
            switch report.check(name) {
            case nil: out.append("\(name): not checked")
            case let c? where c.outcome != .passed: out.append("\(name): \(c.reason)")
            default: break
            }
        }
        let anchored = report.checks.contains { $0.name.hasPrefix("anchor[") && $0.name.hasSuffix("].commitment") && $0.outcome == .passed }
        if !anchored { out.append("anchor: no anchor was verified to commit the checkpoint") }
        return out
    }

    private static func proof(position: Int, report: VerificationReport, foundation: [String]) -> Proof {
        let prefix = "item[\(position)]."
        let own = report.checks.filter { $0.name.hasPrefix(prefix) }
        var failures = own.filter { $0.outcome == .failed }.map { "\($0.name): \($0.reason)" }
        let skipped = own.filter { $0.outcome == .skipped }.map { "\($0.name): \($0.reason)" }
        if own.isEmpty { failures.append("\(prefix.dropLast()): the report has no checks for this entry") }
        if !own.contains(where: { $0.name == prefix + "inclusion" && $0.outcome == .passed }) && !own.isEmpty
            && !failures.contains(where: { $0.hasPrefix(prefix + "inclusion") }) {
            failures.append("\(prefix)inclusion: not checked")
        }
        failures += foundation
        let status: Proof.Status = !failures.isEmpty ? .failed : skipped.isEmpty ? .verified : .unchecked
        return Proof(status: status, failures: failures, skipped: skipped)
    }
}
