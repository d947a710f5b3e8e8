// The scanner and envelope reader alone, timed in CPU seconds (ops/bench/edi_scan.sh compiles it
// with Sources/BollardEDI/*.swift into one optimised module, with no package build).
//   edi_scan MODE FILE [ROUNDS]
//   MODE: edifact-tokenize | edifact-envelopes | x12-tokenize | x12-envelopes  (file in memory)
//         edifact-stream | x12-stream  (read in 1 MiB chunks through the streaming API, keeping
//         only messages with findings; the file is never held whole, so max_rss_bytes shows
//         whether memory stays flat in the input size)
// Prints one JSON object per round: bytes, segments, CPU seconds, MB and segments per CPU second,
// and the process's peak RSS so far.
import Foundation

/// A file read with read(2) in fixed-size chunks, as a drop folder or an HTTP body arrives.
struct FileChunks: AsyncSequence {
    typealias Element = [UInt8]
    let descriptor: Int32

    struct AsyncIterator: AsyncIteratorProtocol {
        let descriptor: Int32
        mutating func next() async -> [UInt8]? {
            let chunk = [UInt8](unsafeUninitializedCapacity: 1 << 20) { buffer, count in
                count = Swift.max(0, read(descriptor, buffer.baseAddress, 1 << 20))
            }
            return chunk.isEmpty ? nil : chunk
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(descriptor: descriptor) }
}

@main
struct EDIScanBench {
    static func cpuSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

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

    static func main() async throws {
        let args = CommandLine.arguments
        guard args.count >= 3, let attributes = try? FileManager.default.attributesOfItem(atPath: args[2]),
              let size = (attributes[.size] as? NSNumber)?.intValue else {
            FileHandle.standardError.write(Data("usage: edi_scan MODE FILE [ROUNDS]\n".utf8))
            exit(2)
        }
        let mode = args[1]
        let path = args[2]
        let rounds = args.count > 3 ? max(1, Int(args[3]) ?? 1) : 3
        let streaming = mode.hasSuffix("-stream")
        let bytes = streaming ? [] : Array(FileManager.default.contents(atPath: path) ?? Data())
        for _ in 0..<rounds {
            let start = cpuSeconds()
            var segments = 0
            var outcome = ""
            switch mode {
            case "edifact-tokenize":
                var scanner = EdifactScanner()
                scanner.append(contentsOf: bytes)
                scanner.finish()
                scanner.scan { _ in segments += 1 }
            case "edifact-envelopes", "x12-envelopes":
                let report = mode == "x12-envelopes" ? EDIParser.readX12(bytes) : EDIParser.readEdifact(bytes)
                segments = report.segmentCount
                outcome = "\(report.outcome)"
            case "x12-tokenize":
                var scanner = X12Scanner()
                scanner.append(contentsOf: bytes)
                scanner.finish()
                scanner.scan { _ in segments += 1 }
            case "edifact-stream", "x12-stream":
                let descriptor = open(path, O_RDONLY)
                defer { close(descriptor) }
                let chunks = FileChunks(descriptor: descriptor)
                let report = mode == "x12-stream"
                    ? try await EDIParser.readX12(chunks: chunks, retention: .withFindings)
                    : try await EDIParser.readEdifact(chunks: chunks, retention: .withFindings)
                segments = report.segmentCount
                outcome = "\(report.outcome)"
            default:
                FileHandle.standardError.write(Data("unknown mode \(mode)\n".utf8))
                exit(2)
            }
            let cpu = cpuSeconds() - start
            print("{\"mode\": \"\(mode)\", \"bytes\": \(size), \"segments\": \(segments), \"outcome\": \"\(outcome)\", "
                + "\"cpu_seconds\": \(cpu), \"mb_per_cpu_second\": \(Double(size) / 1e6 / cpu), "
                + "\"segments_per_cpu_second\": \(Double(segments) / cpu), \"max_rss_bytes\": \(peakResidentBytes())}")
        }
    }
}
