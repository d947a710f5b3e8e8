import BollardLog
import BollardStore
import Foundation

/// A worker process's loop over a store (Store.swift's "A worker's loop"), for the ingest
/// benchmark: claim up to `batch` jobs, read their documents in one query, build each one's
/// `StateChange` (`BenchChangeSet`), commit them in one transaction, and integrate.
///
/// Integration runs as a second task beside the claim/commit loop rather than after each
/// commit: one integration covers every batch journaled before it, by any process, so it
/// overlaps the next batch's mapping instead of adding its commits to the critical path. Both
/// loops end once nothing is queued or running and the log is integrated up to the sequence.
struct BenchWorker {
    var store: any Store
    var name: String
    var batch: Int
    var signer: any CheckpointSigning

    struct Report {
        var worker: String
        var documents = 0
        var records = 0
        var commits = 0
        var rejected = 0
        var conflicts = 0
        var integrations = 0
        var seconds = 0.0
        /// Where the apply loop's time went: claim, reading documents, mapping, commit.
        var phases: [(String, Duration)] = [("claim", .zero), ("read", .zero), ("map", .zero), ("commit", .zero)]
        var integrateTime = Duration.zero

        var json: String {
            let times = (phases + [("integrate", integrateTime)]).map { #""\#($0.0)":\#($0.1.seconds)"# }.joined(separator: ",")
            return #"{"worker":"\#(worker)","documents":\#(documents),"records":\#(records),"commits":\#(commits),"#
                + #""rejected":\#(rejected),"conflicts":\#(conflicts),"integrations":\#(integrations),"seconds":\#(seconds),"#
                + #""phase_seconds":{\#(times)}}"#
        }
    }

    func run() async throws -> Report {
        let clock = ContinuousClock()
        let start = clock.now
        let done = DoneFlag()
        let (integrated, report) = try await withThrowingTaskGroup(of: ((Int, Duration), Report?).self) { group in
            group.addTask {
                let r = try await applyLoop()
                await done.set()
                return ((0, .zero), r)
            }
            group.addTask { (try await integrateLoop(until: done), nil) }
            var integrated = (0, Duration.zero)
            var report: Report?
            for try await (n, r) in group {
                integrated.0 += n.0
                integrated.1 += n.1
                if let r { report = r }
            }
            return (integrated, report)
        }
        var out = report ?? Report(worker: name)
        out.integrations = integrated.0
        out.integrateTime = integrated.1
        out.seconds = (clock.now - start).seconds
        return out
    }

    private func applyLoop() async throws -> Report {
        var report = Report(worker: name)
        let clock = ContinuousClock()
        var mark = clock.now
        func lap(_ phase: Int) {
            let now = clock.now
            report.phases[phase].1 += now - mark
            mark = now
        }
        while true {
            mark = clock.now
            let jobs = try await store.claim(worker: name, lease: .seconds(120), limit: batch)
            lap(0)
            if jobs.isEmpty {
                let counts = try await store.jobCounts()
                if counts[.queued, default: 0] == 0 && counts[.running, default: 0] == 0 { return report }
                try await Task.sleep(for: .milliseconds(20))
                continue
            }
            let documents = try await store.documents(jobs.map(\.documentID))
            lap(1)
            var changes = [StateChange]()
            changes.reserveCapacity(jobs.count)
            for job in jobs {
                guard let document = documents[job.documentID] else {
                    try await store.reject(job, error: Array(#"{"code":"missingDocument"}"#.utf8))
                    report.rejected += 1
                    continue
                }
                do {
                    changes.append(try BenchChangeSet.change(for: job, document: document))
                } catch {
                    try await store.reject(job, error: Array(#"{"code":"refused","context":\#(BenchChangeSet.jsonString("\(error)"))}"#.utf8))
                    report.rejected += 1
                }
            }
            lap(2)
            if changes.isEmpty { continue }
            do {
                _ = try await store.commit(changes)
                lap(3)
                report.commits += 1
                report.documents += changes.count
                report.records += changes.reduce(0) { $0 + $1.logEntries.count }
            } catch let error as StoreError where error.code == .conflict {
                // Another worker changed what a change read: one at a time, refusing the losers
                // (the engine would re-apply against the new state and refuse them).
                report.conflicts += 1
                for change in changes {
                    do {
                        _ = try await store.commit(change)
                        report.commits += 1
                        report.documents += 1
                        report.records += change.logEntries.count
                    } catch let e as StoreError where e.code == .conflict {
                        if let job = change.job {
                            try await store.reject(job, error: Array(#"{"code":"conflict"}"#.utf8))
                            report.rejected += 1
                        }
                    }
                }
            }
        }
    }

    /// Integrates while the apply loop runs and until the log is integrated up to the
    /// sequence; returns how many integrations this process wrote, and the time they took.
    private func integrateLoop(until done: DoneFlag) async throws -> (Int, Duration) {
        var count = 0
        var spent = Duration.zero
        let clock = ContinuousClock()
        while true {
            let finished = await done.value
            let sequenced = try await store.sequencedLogSize()
            let integrated = try await store.tiles.readTreeHead()?.size ?? 0
            if sequenced > integrated {
                // nil: another process holds the writer lease and integrates these too.
                let start = clock.now
                let head = try await LogIntegration.integrate(store, signer: signer, holder: name)
                if let head, head.size > integrated {
                    spent += clock.now - start
                    count += 1
                    continue
                }
                try await Task.sleep(for: .milliseconds(10))
                continue
            }
            if finished { return (count, spent) }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}

private actor DoneFlag {
    private(set) var value = false
    func set() { value = true }
}
