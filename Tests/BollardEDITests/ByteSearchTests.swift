import Foundation
import Testing
@testable import BollardEDI

/// The word-at-a-time byte search the scanners use, and the borrowed views built on it.
@Suite("SWAR byte search and segment views")
struct ByteSearchTests {
    /// Deterministic pseudo-random bytes drawn from a small alphabet, so matches are frequent and
    /// fall in every lane of a word.
    static func bytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        let alphabet: [UInt8] = Array("AB'?+:\n".utf8) + [0x00, 0x80, 0xFF]
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return alphabet[Int(state >> 33) % alphabet.count]
        }
    }

    @Test("the first match of one byte, and of either of two, agrees with a byte loop for every start and end")
    func agreesWithByteLoop() {
        for seed: UInt64 in 1...6 {
            let data = Self.bytes(53, seed: seed)
            data.withUnsafeBufferPointer { p in
                guard let base = p.baseAddress else { return }
                for from in 0...data.count {
                    for to in from...data.count {
                        for (a, b) in [(UInt8(ascii: "'"), UInt8(ascii: "?")), (0x00, 0x80), (0xFF, 0x0A)] {
                            let one = ByteSearch.firstIndex(of: a, in: base, from: from, to: to)
                            #expect(one == data[from..<to].firstIndex(of: a), "\(a) in \(from)..<\(to)")
                            let two = ByteSearch.firstIndex(of: a, or: b, in: base, from: from, to: to)
                            #expect(two == data[from..<to].firstIndex { $0 == a || $0 == b }, "\(a)|\(b) in \(from)..<\(to)")
                        }
                    }
                }
            }
        }
    }

    @Test("borrowed views and owned segments agree on every corpus file, whole and in 7-byte chunks",
          arguments: [Int.max, 7])
    func viewsAgreeWithOwnedSegments(_ chunk: Int) throws {
        for path in try Corpus.dataFiles() {
            let data = try Corpus.bytes(path)
            guard let standard = EDIParser.sniff(data) else { continue }
            var owned: [String] = []
            var viewed: [String] = []
            func describe(_ tag: SegmentTag, _ bytes: some Sequence<UInt8>, _ number: Int, _ offset: Int, _ faults: UInt8) -> String {
                "\(tag) \(number)@\(offset) \(faults) \(Array(bytes))"
            }
            func feed<S>(_ scanner: inout S, _ body: (inout S, ArraySlice<UInt8>) -> Void, finish: (inout S) -> Void) {
                var i = 0
                while i < data.count {
                    let end = min(data.count, i + min(chunk, data.count))
                    body(&scanner, data[i..<end])
                    i = end
                }
                finish(&scanner)
            }
            switch standard {
            case .edifact:
                var a = EdifactScanner(maximumSegmentLength: 4096)
                feed(&a, { s, c in s.append(contentsOf: Array(c)); while let x = s.next() { owned.append(describe(x.tag, x.bytes, x.number, x.offset, x.faults.rawValue)) } },
                     finish: { s in s.finish(); while let x = s.next() { owned.append(describe(x.tag, x.bytes, x.number, x.offset, x.faults.rawValue)) } })
                var b = EdifactScanner(maximumSegmentLength: 4096)
                feed(&b, { s, c in s.append(contentsOf: Array(c)); s.scan { viewed.append(describe($0.tag, $0.bytes, $0.number, $0.offset, $0.faults.rawValue)) } },
                     finish: { s in s.finish(); s.scan { viewed.append(describe($0.tag, $0.bytes, $0.number, $0.offset, $0.faults.rawValue)) } })
            case .x12:
                var a = X12Scanner(maximumSegmentLength: 4096)
                feed(&a, { s, c in s.append(contentsOf: Array(c)); while let x = s.next() { owned.append(describe(x.tag, x.bytes, x.number, x.offset, x.faults.rawValue)) } },
                     finish: { s in s.finish(); while let x = s.next() { owned.append(describe(x.tag, x.bytes, x.number, x.offset, x.faults.rawValue)) } })
                var b = X12Scanner(maximumSegmentLength: 4096)
                feed(&b, { s, c in s.append(contentsOf: Array(c)); s.scan { viewed.append(describe($0.tag, $0.bytes, $0.number, $0.offset, $0.faults.rawValue)) } },
                     finish: { s in s.finish(); s.scan { viewed.append(describe($0.tag, $0.bytes, $0.number, $0.offset, $0.faults.rawValue)) } })
            }
            #expect(!owned.isEmpty, "\(path)")
            #expect(owned == viewed, "\(path)")
        }
    }
}
