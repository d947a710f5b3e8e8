import ArgumentParser
import BollardCore
import BollardIngest
import BollardLog
import BollardStore
import Foundation

/// `bollard bench worker`: the CPU one ingestion worker spends per custody record (issue #4),
/// on the real path — `Worker.drain()`: claim, sniff, parse, map, apply to the provenance
/// engine, encode the RFC 8785 leaves and state rows, commit, integrate the log. The documents
/// are submitted first (not measured); then one worker drains the queue in this process, and
/// the process's user + system CPU time over the drain (getrusage) is divided by the records.
/// With SQLite that includes the embedded database's own work; with PostgreSQL, the server's
/// CPU is not counted (it is another process).
///
/// CPU time rather than wall time, because the machine is shared: CPU per record barely moves
/// with the load, a wall-clock rate does.
struct WorkerBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "CPU per custody record of one ingestion worker (real Worker path) over a folder of documents.",
        discussion: """
            STORE is a postgres:// URL of an empty database or the path of a new SQLite file.
            Each document is submitted as the warehouse its receipt names
            (urn:epcglobal:cbv:bt:GLN:WR-…), else as --submitter.

            Example:
              python3 ops/bench/receipt_documents.py 2000 /tmp/receipts
              bollard bench worker --store /tmp/w.sqlite /tmp/receipts
            """
    )

    @Option(help: "postgres:// URL of an empty database, or a new SQLite file.") var store: String
    @Option(help: "Documents claimed and committed per transaction.") var batch = 64
    @Option(help: "Submitter of documents that name no warehouse receipt.") var submitter = "gln:8801234000048"
    @Argument(help: "Folder of documents.") var directory: String

    func validate() throws {
        guard batch > 0 else { throw ValidationError("--batch must be positive") }
    }

    func run() async throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        let store = try await StoreLocation(self.store).open()
        for name in names {
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
            _ = try await store.submit(bytes, metadata: SubmissionMetadata(
                submitter: Self.receiptWarehouse(in: bytes).map { "gln:" + $0 } ?? submitter, channel: .cli, filename: name,
                contentType: nil))
        }
        let report = try await measure(store)
        try await store.close()
        print(report)
    }

    private func measure<S: Store>(_ store: S) async throws -> String {
        let signer = try CheckpointSigner(origin: "bench.bollard.example/worker", seed: Array(repeating: 7, count: 32))
        let worker = Worker(store: store, signer: signer,
                            configuration: WorkerConfiguration(name: "bench-worker", lease: .seconds(600), batchSize: batch))
        let cpu0 = Self.cpuSeconds()
        let clock = ContinuousClock()
        let start = clock.now
        let results = try await worker.drain()
        let wall = (clock.now - start).seconds
        let cpu = Self.cpuSeconds() - cpu0
        let records = results.reduce(0) { $0 + $1.events }
        let refused = results.filter { $0.status == .refused }.count
        let perRecord = records > 0 ? cpu / Double(records) * 1e6 : 0
        let encoding = try Self.encodingCost(await worker.state)
        return #"{"documents":\#(results.count),"refused":\#(refused),"records":\#(records),"cpu_seconds":\#(cpu),"#
            + #""wall_seconds":\#(wall),"cpu_us_per_record":\#(Int(perRecord.rounded())),"#
            + #""records_per_cpu_second":\#(Int((cpu > 0 ? Double(records) / cpu : 0).rounded())),"#
            + #""encoding_us_per_record":{"jsonencoder":\#(encoding.legacy),"jcswriter":\#(encoding.writer)}}"#
    }

    /// CPU µs per record to encode what the worker encoded — each record's leaf and each lot's
    /// and receipt's row once — with the JSONEncoder path (`JCS.encode`, what the worker used
    /// before JCSWriter) and with `JCSWriter`, both on the same values in this process: the
    /// part of the per-record cost the writer took away.
    static func encodingCost(_ state: ProvenanceState) throws -> (legacy: Double, writer: Double) {
        guard !state.events.isEmpty else { return (0, 0) }
        let n = Double(state.events.count)
        var sink = 0
        let t0 = cpuSeconds()
        for r in state.events {
            guard case .object(var members) = try JCS.value(encoding: r.event) else { continue }
            members.append(JCSMember(CustodyRecord.submitterMember, .string(r.submitter.description)))
            sink &+= try JCS.canonicalize(.object(members)).count
        }
        for lot in state.lots.values { sink &+= try JCS.encode(lot).count }
        for receipt in state.receipts.values { sink &+= try JCS.encode(receipt).count }
        let t1 = cpuSeconds()
        for r in state.events { sink &-= try CustodyRecord.leaf(event: r.event, submitter: r.submitter).count }
        for lot in state.lots.values { sink &-= try JCSWriter.encode(lot).count }
        for receipt in state.receipts.values { sink &-= try JCSWriter.encode(receipt).count }
        let t2 = cpuSeconds()
        guard sink == 0 else { throw ValidationError("the two encoders wrote different lengths") }
        func us(_ s: Double) -> Double { (s / n * 1e7).rounded() / 10 }
        return (us(t1 - t0), us(t2 - t1))
    }

    /// User + system CPU time of this process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// The GLN in the first `urn:epcglobal:cbv:bt:GLN:WR-` of a document: the warehouse that
    /// issues the receipt, the only party allowed to (DESIGN.md rules).
    static func receiptWarehouse(in bytes: [UInt8]) -> String? {
        let prefix = Array("urn:epcglobal:cbv:bt:".utf8)
        var i = 0
        while i + prefix.count + 17 <= bytes.count {
            if bytes[i] == prefix[0], bytes[i..<i + prefix.count].elementsEqual(prefix) {
                let gln = bytes[(i + prefix.count)..<(i + prefix.count + 13)]
                let rest = bytes[(i + prefix.count + 13)..<(i + prefix.count + 17)]
                if gln.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), rest.elementsEqual(":WR-".utf8) {
                    return String(decoding: gln, as: UTF8.self)
                }
                i += prefix.count
            } else {
                i += 1
            }
        }
        return nil
    }
}
