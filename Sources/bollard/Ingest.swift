import ArgumentParser
import BollardIngest
import BollardLedger
import BollardLog
import BollardStore
import Foundation
import Synchronization

/// `bollard ingest`: submits documents (durably stored and queued before anything else
/// happens), then processes the queue with an in-process worker and prints what became of each.
struct Ingest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Submit documents (EPCIS 2.0 JSON-LD/XML, EDIFACT, X12) and apply them.",
        discussion: """
            Each FILE, or each file directly inside each DIR (sorted by name), is stored
            content-addressed and queued; then an in-process worker applies the queue (unless
            --no-wait, which leaves it to `bollard worker`). One line per document: ✓ applied,
            ✗ refused (with the position and the rule), · not mapped (EDI stored and
            acknowledged, no mapping for its message types). An EDI message, group or
            interchange refused by the envelope checks (UNT/SE counts, references) is refused
            alone and the document's sound messages are applied; --json reports every
            interchange, group and message with its outcome. Exit status 1 when any document,
            or any EDI message, group or interchange, was refused.

            The submitter — the authenticated party sending the documents — is --submitter, or,
            for a file named in a story.tsv beside it (stem TAB party), that party.

            Example:
              bollard ingest --data /var/tmp/b fixtures/busan/epcis/01-onsan-commissioning.jsonld \\
                  --submitter gln:8801234000017
              bollard ingest --postgres postgres://bollard@127.0.0.1:5432/bollard --data /var/tmp/b \\
                  --json fixtures/busan/epcis/*.jsonld
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var anchorOptions: AnchorOptions

    @Argument(help: "Files or folders to submit.")
    var paths: [String]

    @Option(help: "The submitting party (gln:…, lei:…, customs:…), when no story.tsv names it.")
    var submitter: String?

    @Flag(help: "Only submit; leave processing to `bollard worker`.")
    var noWait = false

    @Flag(help: "Print the results as JSON.")
    var json = false

    @Option(help: "Jobs per worker batch (one transaction, one state snapshot each).")
    var batch = 128

    @Option(help: "Anchor once this many new log entries are integrated (and at the end when due).")
    var anchorEvery = 256

    @Option(help: "Documents submitted at once. Above 1 the queue's order may differ from the files' order: only for independent documents.")
    var concurrency = 1

    func validate() throws {
        guard concurrency > 0 else { throw ValidationError("--concurrency must be positive") }
        guard batch > 0 else { throw ValidationError("--batch must be positive") }
    }

    func run() async throws {
        let files = try Self.files(paths)
        let anchoring = try anchorOptions.configuration()
        let dir = try await storeOptions.open()
        do {
            try await ingest(files, dir: dir, anchoring: anchoring)
        } catch {
            try? await dir.store.close()
            throw error
        }
        try await dir.store.close()
    }

    private func ingest(_ files: [String], dir: DataDirectory, anchoring: AnchorConfiguration) async throws {
        let started = ContinuousClock.now
        var stories: [String: [String: String]] = [:]
        let parties = try files.map { try submitter ?? Self.storySubmitter(for: URL(fileURLWithPath: $0), cache: &stories) }
        let submitted = try await Self.submit(files, parties: parties, to: dir.store, concurrency: concurrency)
        if noWait {
            for s in submitted {
                if json { continue }
                print("queued \(s.file): document \(s.submission.documentID), job \(s.submission.jobID)\(s.submission.isNew ? "" : " (already submitted)")")
            }
            if json { try printJSON(submitted.map { ["file": $0.file, "document": $0.submission.documentID.hex, "job": "\($0.submission.jobID)"] }) }
            return
        }
        let anchor = try anchoring.anchor(dir: dir)
        try await process(dir: dir, store: dir.store, count: submitted.count, anchor: anchor)
        if case .ethereum = anchoring { try await reportChainAnchor(anchor, since: started) }
        var results: [DocumentResult] = []
        for s in submitted {
            results.append(try await Self.waitForResult(dir.store, s.submission, file: s.file))
        }
        if json {
            try printJSON(results)
        } else {
            for r in results { print(Self.line(r)) }
            let refused = results.filter { $0.status == .refused }.count
            print("\(results.count) document(s): \(results.count - refused) accepted, \(refused) refused — store \(dir.location)")
        }
        if results.contains(where: \.hasRejections) { throw ExitCode.failure }
    }

    /// On a chain, waits for the latest anchor's confirmation and says how long the ingest
    /// took to get there (issue #7: time from ingest to confirmed anchor).
    private func reportChainAnchor(_ anchor: any Anchor, since started: ContinuousClock.Instant) async throws {
        guard let latest = try await anchor.anchors().last else {
            FileHandle.standardError.write(Data("no anchor on chain yet (fewer than --anchor-every entries)\n".utf8))
            return
        }
        let confirmed = try await anchor.awaitConfirmation(id: latest.id)
        let elapsed = (ContinuousClock.now - started).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        let block = EthereumAnchorEvidence(evidence: confirmed.evidence)?.block.map(String.init) ?? "?"
        let line = "anchored size \(confirmed.size) as \(confirmed.id) in block \(block): \(confirmed.state.rawValue) with "
            + "\(confirmed.confirmations) confirmation(s), \(String(format: "%.2f", seconds)) s after ingest began\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    private func process<S: Store>(dir: DataDirectory, store: S, count: Int, anchor: any Anchor) async throws {
        let worker = Worker(store: store, signer: dir.logSigner,
                            configuration: WorkerConfiguration(
                                name: DataDirectory.processName + "/ingest", batchSize: batch,
                                anchorPolicy: Anchorer.Policy(everyEntries: UInt64(max(1, anchorEvery)), interval: .seconds(10))),
                            anchor: anchor, logVerifiers: NoteVerifiers([dir.logKey.verifier()]), origin: dir.origin)
        let tty = isatty(STDERR_FILENO) == 1 && !json
        let progress = Progress(total: count)
        try await worker.drain { _ in
            if tty { progress.step() }
        }
        if tty { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        try await worker.integrateAndAnchor()
    }

    /// Stores and queues every file, up to `concurrency` at a time; results in the files' order.
    /// Each submission is durable when it returns, so the order of the queue is the order in
    /// which submissions completed (the same as `files` when `concurrency` is 1).
    static func submit(_ files: [String], parties: [String], to store: any Store,
                       concurrency: Int) async throws -> [(file: String, submission: Submission)] {
        var out = [Submission?](repeating: nil, count: files.count)
        try await withThrowingTaskGroup(of: (Int, Submission).self) { group in
            for (i, file) in files.enumerated() {
                if i >= concurrency, let done = try await group.next() { out[done.0] = done.1 }
                let party = parties[i]
                group.addTask {
                    let url = URL(fileURLWithPath: file)
                    let bytes = Array(try Data(contentsOf: url))
                    return (i, try await store.submit(bytes, metadata: SubmissionMetadata(submitter: party, channel: .cli,
                                                                                         filename: url.lastPathComponent)))
                }
            }
            for try await (j, s) in group { out[j] = s }
        }
        var submitted: [(file: String, submission: Submission)] = []
        for (file, s) in zip(files, out) {
            guard let s else { throw ValidationError("\(file) was not submitted") }
            submitted.append((file: file, submission: s))
        }
        return submitted
    }

    /// The job's outcome once terminal (another worker may hold it: wait for it).
    static func waitForResult(_ store: some Store, _ s: Submission, file: String) async throws -> DocumentResult {
        let deadline = ContinuousClock.now + .seconds(120)
        while true {
            guard let job = try await store.job(s.jobID) else { throw ValidationError("job \(s.jobID) vanished") }
            switch job.state {
            case .done:
                if let outcome = job.outcome, var r = DocumentResult(json: outcome) {
                    r.fileName = file
                    return r
                }
                return DocumentResult(documentID: s.documentID.hex, jobID: s.jobID.rawValue, fileName: file, format: nil, status: .applied)
            case .rejected:
                let raw = job.error ?? []
                let error = IngestError(json: raw) ?? IngestError(.malformed, file: file, String(decoding: raw, as: UTF8.self))
                return DocumentResult(documentID: s.documentID.hex, jobID: s.jobID.rawValue, fileName: file, format: nil, status: .refused,
                                      error: error)
            case .queued, .running:
                guard ContinuousClock.now < deadline else { throw ValidationError("job \(s.jobID) for \(file) is still \(job.state.rawValue)") }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    static func line(_ r: DocumentResult) -> String {
        let name = r.fileName ?? r.documentID
        switch r.status {
        case .applied:
            let at = r.firstLogIndex.map { " logged at \($0)…\($0 + UInt64(max(r.events, 1)) - 1)" } ?? ""
            let flags = r.flags.map { Demo.describe($0) }
            return "✓ \(name): \(r.events) event(s)\(at)" + (flags.isEmpty ? "" : "\n    ⚑ " + Set(flags).sorted().joined(separator: "\n    ⚑ "))
                + Self.rejectedParts(r)
        case .refused:
            return "✗ \(name): refused, nothing applied — \(r.error.map { "\($0)" } ?? "?")"
        case .notMapped:
            return "· \(name): stored and acknowledged, not mapped — \(r.note ?? "")" + Self.rejectedParts(r)
        }
    }

    /// The EDI messages, groups and interchanges refused by the envelope checks of a document
    /// whose other messages were applied.
    static func rejectedParts(_ r: DocumentResult) -> String {
        guard let edi = r.edi, edi.rejectedCount > 0 else { return "" }
        var out: [String] = []
        for i in edi.interchanges {
            if i.outcome == .rejected { out.append("interchange \(i.controlReference): \(i.errors.joined(separator: "; "))") }
            for g in i.groups where g.outcome == .rejected { out.append("group \(g.reference): \(g.errors.joined(separator: "; "))") }
            for m in i.messages where m.outcome == .rejected {
                out.append("message \(m.reference) (\(m.type)) refused: \(m.errors.joined(separator: "; "))")
            }
        }
        return out.map { "\n    ✗ " + $0 }.joined()
    }

    static func files(_ paths: [String]) throws -> [String] {
        var out: [String] = []
        for p in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir) else { throw ValidationError("no such file: \(p)") }
            if isDir.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: p).sorted()
                for n in names where !n.hasPrefix(".") && n != "story.tsv" && !n.hasSuffix(".md") && !n.hasSuffix(".py") {
                    let full = (p as NSString).appendingPathComponent(n)
                    var sub: ObjCBool = false
                    if FileManager.default.fileExists(atPath: full, isDirectory: &sub), !sub.boolValue { out.append(full) }
                }
            } else {
                out.append(p)
            }
        }
        return out
    }

    static func storySubmitter(for url: URL, cache: inout [String: [String: String]]) throws -> String {
        let dir = url.deletingLastPathComponent().path
        if cache[dir] == nil {
            var map: [String: String] = [:]
            if let text = try? String(contentsOfFile: (dir as NSString).appendingPathComponent("story.tsv"), encoding: .utf8) {
                for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                    let c = line.split(separator: "\t")
                    if c.count >= 2 { map[String(c[0])] = String(c[1]) }
                }
            }
            cache[dir] = map
        }
        let stem = url.deletingPathExtension().lastPathComponent
        guard let party = cache[dir]?[stem] else {
            throw ValidationError("who submits \(url.path)? Give --submitter (gln:…, lei:… or customs:…) or a story.tsv beside it")
        }
        return party
    }
}

/// A one-line progress bar on standard error.
final class Progress: Sendable {
    private let total: Int
    private let done = Atomic<Int>(0)

    init(total: Int) { self.total = total }

    func step() {
        let n = done.add(1, ordering: .relaxed).newValue
        let width = 30
        let filled = min(width, n * width / max(total, 1))
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(n)/\(total)".utf8))
    }
}
