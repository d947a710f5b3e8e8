import ArgumentParser
import BollardEDI
import Foundation

/// `bollard bench edifact FILE` / `bollard bench x12 FILE`: tokenizer and envelope-reader
/// throughput, the figures ops/bench/edi.sh sets against pydifact and pyx12.
///
/// Three measures, each the best of --rounds:
/// - tokenize: the scanner alone delimits every segment of the file held in memory, handing
///   each out as a borrowed view (`scan(_:)`, the path the readers use);
/// - envelopes: scanner and interchange reader (counts, references, report), in memory;
/// - stream: the same as envelopes, read from the file in 1 MiB chunks through the public
///   streaming API, so the file is never held whole, keeping only the message reports with
///   findings (`EDIMessageRetention.withFindings`); with --stream-only this is the only pass,
///   and the process's peak RSS then shows whether memory stays flat in the input size.
struct EDIBenchOptions: ParsableArguments {
    @Argument(help: "An interchange (e.g. from ops/bench/edi_input.py).")
    var file: String

    @Option(help: "Timed rounds; the fastest is reported.")
    var rounds: Int = 3

    @Flag(help: "Only stream from the file (no in-memory copy), to read the peak RSS.")
    var streamOnly = false

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func validate() throws {
        guard rounds > 0 else { throw ValidationError("--rounds must be positive") }
    }
}

struct EDIFACTBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edifact",
        abstract: "UN/EDIFACT MB/s and segments/s: tokenize only, with envelope checks, streamed.",
        discussion: """
            Example:
              python3 ops/bench/edi_input.py edifact /tmp/edifact.edi
              swift run -c release bollard bench edifact /tmp/edifact.edi
              ops/bench/edi.sh   # against pydifact, with ratios
            """
    )

    @OptionGroup var options: EDIBenchOptions

    func run() async throws {
        try await EDIBenchRun(options: options, standard: "edifact").run(
            tokenize: { bytes in
                var scanner = EdifactScanner()
                scanner.append(contentsOf: bytes)
                scanner.finish()
                var n = 0
                scanner.scan { _ in n += 1 }
                return n
            },
            envelopes: { EDIParser.readEdifact($0) },
            stream: { try await EDIParser.readEdifact(chunks: $0, retention: .withFindings) })
    }
}

struct X12Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "x12",
        abstract: "ANSI X12 MB/s and segments/s: tokenize only, with envelope checks, streamed.",
        discussion: """
            Example:
              python3 ops/bench/edi_input.py x12 /tmp/x12.edi
              swift run -c release bollard bench x12 /tmp/x12.edi
              ops/bench/edi.sh   # against pyx12, with ratios
            """
    )

    @OptionGroup var options: EDIBenchOptions

    func run() async throws {
        try await EDIBenchRun(options: options, standard: "x12").run(
            tokenize: { bytes in
                var scanner = X12Scanner()
                scanner.append(contentsOf: bytes)
                scanner.finish()
                var n = 0
                scanner.scan { _ in n += 1 }
                return n
            },
            envelopes: { EDIParser.readX12($0) },
            stream: { try await EDIParser.readX12(chunks: $0, retention: .withFindings) })
    }
}

/// The timing loop both syntaxes share.
struct EDIBenchRun {
    let options: EDIBenchOptions
    let standard: String

    struct Measure {
        var name: String
        var seconds: Double
        var segments: Int
        /// CPU seconds of the fastest round: on a shared machine they move less than wall time.
        var cpuSeconds: Double
    }

    /// Runs `body` `rounds` times; the fastest wall-clock round, with its CPU time.
    func best<R>(_ body: () async throws -> R) async rethrows -> (seconds: Double, cpu: Double, result: R) {
        let clock = ContinuousClock()
        var out: (seconds: Double, cpu: Double, result: R)?
        for _ in 0..<options.rounds {
            let start = clock.now
            let startCPU = EPCISHashBench.cpuSeconds()
            let r = try await body()
            let wall = (clock.now - start).seconds
            if out == nil || wall < out?.seconds ?? .infinity {
                out = (wall, EPCISHashBench.cpuSeconds() - startCPU, r)
            }
        }
        if let out { return out }
        // Not reached (rounds > 0 is validated); returns one untimed run rather than crash.
        return (0, 0, try await body())
    }

    func run(
        tokenize: ([UInt8]) -> Int,
        envelopes: ([UInt8]) -> EDIDocumentReport,
        stream: (FileChunks) async throws -> EDIDocumentReport
    ) async throws {
        let size = try FileChunks.size(of: options.file)
        var measures: [Measure] = []
        var report: EDIDocumentReport?
        if !options.streamOnly {
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: options.file)))
            let t = await best { tokenize(bytes) }
            measures.append(Measure(name: "tokenize", seconds: t.seconds, segments: t.result, cpuSeconds: t.cpu))
            let e = await best { envelopes(bytes) }
            report = e.result
            measures.append(Measure(name: "envelopes", seconds: e.seconds, segments: e.result.segmentCount, cpuSeconds: e.cpu))
        }
        let s = try await best { try await stream(try FileChunks(path: options.file)) }
        report = s.result
        measures.append(Measure(name: "stream", seconds: s.seconds, segments: s.result.segmentCount, cpuSeconds: s.cpu))
        let rss = Self.peakResidentBytes()
        let messages = report?.interchanges.reduce(0) { $0 + $1.messageCount } ?? 0
        let rejected = report?.rejectedMessages.count ?? 0
        let outcome = report.map { "\($0.outcome)" } ?? "none"

        if options.json {
            var fields = [
                "\"standard\": \"\(standard)\"", "\"bytes\": \(size)", "\"messages\": \(messages)",
                "\"rejected_messages\": \(rejected)", "\"outcome\": \"\(outcome)\"", "\"max_rss_bytes\": \(rss)",
            ]
            for m in measures {
                fields.append("\"\(m.name)_seconds\": \(m.seconds)")
                fields.append("\"\(m.name)_mb_per_second\": \(Double(size) / 1e6 / m.seconds)")
                fields.append("\"\(m.name)_segments_per_second\": \(Double(m.segments) / m.seconds)")
                fields.append("\"\(m.name)_segments\": \(m.segments)")
                fields.append("\"\(m.name)_cpu_seconds\": \(m.cpuSeconds)")
                fields.append("\"\(m.name)_mb_per_cpu_second\": \(Double(size) / 1e6 / m.cpuSeconds)")
            }
            print("{" + fields.joined(separator: ", ") + "}")
        } else {
            print("file:        \(options.file) (\(size) bytes, \(messages) messages, \(rejected) rejected, \(outcome))")
            for m in measures {
                let mbs = Double(size) / 1e6 / m.seconds
                let label = m.name.padding(toLength: 11, withPad: " ", startingAt: 0)
                print("\(label) \(String(format: "%8.1f", mbs)) MB/s  \(String(format: "%12.0f", Double(m.segments) / m.seconds)) segments/s  (\(String(format: "%.3f", m.seconds)) s, best of \(options.rounds); \(String(format: "%.1f", Double(size) / 1e6 / m.cpuSeconds)) MB per CPU s)")
            }
            print("peak RSS:    \(rss / 1_048_576) MiB")
        }
    }

    /// Peak resident set size of this process (getrusage: kilobytes on Linux).
    static func peakResidentBytes() -> Int {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Int(usage.ru_maxrss) * 1024
        #else
        getrusage(RUSAGE_SELF, &usage)
        return Int(usage.ru_maxrss)
        #endif
    }
}

/// A file read in fixed-size chunks with read(2): the bytes a drop folder or an HTTP body
/// would hand the streaming parser, without Foundation buffering the whole file.
struct FileChunks: AsyncSequence {
    typealias Element = [UInt8]
    let path: String
    let chunkSize: Int

    init(path: String, chunkSize: Int = 1 << 20) throws {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ValidationError("cannot read \(path)")
        }
        self.path = path
        self.chunkSize = chunkSize
    }

    static func size(of path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.size] as? NSNumber)?.intValue ?? 0
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        let descriptor: Int32
        let chunkSize: Int

        mutating func next() async throws -> [UInt8]? {
            guard descriptor >= 0 else { throw ValidationError("cannot open the file: errno \(errno)") }
            var failed = false
            let chunk = [UInt8](unsafeUninitializedCapacity: chunkSize) { buffer, count in
                let n = read(descriptor, buffer.baseAddress, chunkSize)
                failed = n < 0
                count = Swift.max(0, n)
            }
            if failed { throw ValidationError("read failed: errno \(errno)") }
            if chunk.isEmpty {
                close(descriptor)
                return nil
            }
            return chunk
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(descriptor: open(path, O_RDONLY), chunkSize: chunkSize)
    }
}
