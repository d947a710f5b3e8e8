import ArgumentParser
import BollardEPCIS
import Crypto
import Foundation

/// `bollard bench epcis-hash FILE`: CBV 2.0 event hashes per second, parsing included, the
/// figure ops/bench/epcis-hash.sh sets against GS1's reference generator.
struct EPCISHashBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "epcis-hash",
        abstract: "EPCIS events hashed per second (bytes in, ni:///sha-256 URIs out).",
        discussion: """
            Each round turns the document's bytes (JSON-LD or XML) into every event's
            CBV 2.0 hash: the work of `bollard hash` apart from printing. The file is
            read once, before timing. The best of --rounds rounds is reported in
            wall-clock and CPU time, single-threaded, and with --parallel N also
            spread over N tasks. `digest` is the SHA-256 of the hashes joined by
            newlines, to compare runs and implementations.

            Example:
              python3 ops/bench/epcis_document.py 20000 /tmp/e.jsonld /tmp/e.xml
              swift run -c release bollard bench epcis-hash /tmp/e.jsonld --parallel 2
              ops/bench/epcis-hash.sh 20000   # against GS1's generator, with ratios
            """
    )

    @Argument(help: "An EPCIS 2.0 document (.jsonld/.json or .xml).")
    var file: String

    @Option(help: "Timed rounds; the fastest is reported.")
    var rounds: Int = 5

    @Option(help: "Also hash with this many concurrent tasks (0: single-threaded only).")
    var parallel: Int = 0

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func validate() throws {
        guard rounds > 0 else { throw ValidationError("--rounds must be positive") }
        guard parallel >= 0 else { throw ValidationError("--parallel must not be negative") }
    }

    func run() async throws {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: file)))
        let hasher = EPCISEventHasher()
        let clock = ContinuousClock()

        var best = Double.infinity
        var bestCPU = Double.infinity
        var hashes: [EPCISEventHash] = []
        for _ in 0..<rounds {
            let start = clock.now
            let startCPU = Self.cpuSeconds()
            hashes = try hasher.hashes(documentBytes: bytes, fileName: file)
            bestCPU = min(bestCPU, Self.cpuSeconds() - startCPU)
            best = min(best, (clock.now - start).seconds)
        }
        let events = hashes.count
        let lines = EPCISEventHasher.referenceOutput(hashes)
        let digest = SHA256.hash(data: Array(lines.joined(separator: "\n").utf8)).map { String(format: "%02x", $0) }.joined()

        var parallelRate: Double?
        if parallel > 1 {
            var bestParallel = Double.infinity
            for _ in 0..<rounds {
                let start = clock.now
                let out = try await hasher.hashes(documentBytes: bytes, fileName: file, parallelism: parallel)
                bestParallel = min(bestParallel, (clock.now - start).seconds)
                guard EPCISEventHasher.referenceOutput(out) == lines else {
                    throw ValidationError("parallel hashes differ from single-threaded ones")
                }
            }
            parallelRate = Double(events) / bestParallel
        }

        let rate = Double(events) / best
        if json {
            var fields = [
                "\"file\": \"\(file.jsonEscaped)\"",
                "\"events\": \(events)",
                "\"hashed\": \(lines.count)",
                "\"bytes\": \(bytes.count)",
                "\"seconds\": \(best)",
                "\"events_per_second\": \(rate)",
                "\"cpu_seconds\": \(bestCPU)",
                "\"events_per_cpu_second\": \(Double(events) / bestCPU)",
                "\"digest\": \"\(digest)\"",
            ]
            if let parallelRate {
                fields.append("\"parallel\": \(parallel)")
                fields.append("\"parallel_events_per_second\": \(parallelRate)")
            }
            print("{" + fields.joined(separator: ", ") + "}")
        } else {
            print("file:                 \(file) (\(bytes.count) bytes, \(events) events, \(lines.count) hashed)")
            print("single-threaded:      \(Int(rate)) events/s (\(String(format: "%.3f", best)) s, best of \(rounds))")
            print("per CPU second:       \(Int(Double(events) / bestCPU)) events (\(String(format: "%.3f", bestCPU)) s of CPU)")
            if let parallelRate {
                print("parallel (\(parallel) tasks):   \(Int(parallelRate)) events/s (parse single-threaded, hashing spread)")
            }
            print("digest of hashes:     \(digest)")
        }
    }
}

extension EPCISHashBench {
    /// CPU time of this process: on a machine shared with other jobs it moves less than
    /// wall-clock time, and the reference script reports the same measure.
    static func cpuSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}

extension String {
    fileprivate var jsonEscaped: String {
        var out = ""
        for u in unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
