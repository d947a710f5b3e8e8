// The scanner and envelope reader alone, timed in CPU seconds (ops/bench/edi_scan.sh compiles it
// with Sources/BollardEDI/*.swift into one optimised module, with no package build).
//   edi_scan MODE FILE [ROUNDS]   MODE: edifact-tokenize | edifact-envelopes | x12-tokenize | x12-envelopes
// Prints one JSON object per round: bytes, segments, CPU seconds, MB per CPU second.
import Foundation

@main
struct EDIScanBench {
    static func cpuSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    static func main() {
        let args = CommandLine.arguments
        guard args.count >= 3, let data = FileManager.default.contents(atPath: args[2]) else {
            FileHandle.standardError.write(Data("usage: edi_scan MODE FILE [ROUNDS]\n".utf8))
            exit(2)
        }
        let mode = args[1]
        let rounds = args.count > 3 ? max(1, Int(args[3]) ?? 1) : 3
        let bytes = Array(data)
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
            case "edifact-envelopes":
                let report = EDIParser.readEdifact(bytes)
                segments = report.segmentCount
                outcome = "\(report.outcome)"
            case "x12-tokenize":
                var scanner = X12Scanner()
                scanner.append(contentsOf: bytes)
                scanner.finish()
                scanner.scan { _ in segments += 1 }
            case "x12-envelopes":
                let report = EDIParser.readX12(bytes)
                segments = report.segmentCount
                outcome = "\(report.outcome)"
            default:
                FileHandle.standardError.write(Data("unknown mode \(mode)\n".utf8))
                exit(2)
            }
            let cpu = cpuSeconds() - start
            print("{\"mode\": \"\(mode)\", \"bytes\": \(bytes.count), \"segments\": \(segments), \"outcome\": \"\(outcome)\", "
                + "\"cpu_seconds\": \(cpu), \"mb_per_cpu_second\": \(Double(bytes.count) / 1e6 / cpu), "
                + "\"segments_per_cpu_second\": \(Double(segments) / cpu)}")
        }
    }
}
