import BollardTestSupport
import Foundation
import Testing
@testable import BollardEPCIS

/// Damaged documents must be refused with a typed error or read, never crash the reader or the
/// hash. Mutations are deterministic (a fixed linear congruential sequence) so failures repeat.
@Suite("Damaged EPCIS documents")
struct MalformedInputTests {
    struct Sequence {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(max(bound, 1)))
        }
    }

    @Test("truncated and byte-flipped GS1 examples are refused or read, never crash")
    func mutations() throws {
        let files = try SharedData.files(under: SharedData.conformance("epcis-hash/examples"), extensions: ConformanceData.documentExtensions)
        var rng = Sequence(state: 42)
        var refused = 0
        var read = 0
        for file in files {
            let original = try ConformanceData.bytes(file)
            for round in 0..<40 {
                var bytes = original
                if round % 2 == 0 {
                    bytes.removeSubrange(rng.next(bytes.count)...)
                } else {
                    for _ in 0..<3 { bytes[rng.next(bytes.count)] = UInt8(truncatingIfNeeded: rng.next(256)) }
                }
                do {
                    let doc = try EPCISDocumentReader().read(bytes, fileName: file.lastPathComponent)
                    _ = EPCISEventHasher().hashes(doc, includePreHashes: true)
                    read += 1
                } catch {
                    #expect(!error.position.isEmpty)
                    refused += 1
                }
            }
        }
        #expect(refused > 0)
        #expect(refused + read == files.count * 40)
    }
}
