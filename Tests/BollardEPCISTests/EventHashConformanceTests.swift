import BollardTestSupport
import Foundation
import Testing
@testable import BollardEPCIS

/// GS1's reference vectors (RalphTro/epcis-event-hash-generator tests/): every document in
/// examples/ must reproduce its `.hashes` file line by line.
@Suite("CBV 2.0 event hash conformance")
struct EventHashConformanceTests {
    static func examples() throws -> [URL] {
        try SharedData.files(under: SharedData.conformance("epcis-hash/examples"), extensions: ConformanceData.documentExtensions)
    }

    @Test("every examples/ document reproduces its .hashes file (89 hashes in 39 documents)")
    func examplesReproduceHashes() throws {
        var documents = 0
        var checked = 0
        var matched = 0
        for doc in try Self.examples() {
            let hashesURL = doc.deletingPathExtension().appendingPathExtension("hashes")
            guard FileManager.default.fileExists(atPath: hashesURL.path) else { continue }
            documents += 1
            let expected = try ConformanceData.lines(hashesURL)
            let got: [EPCISEventHash]
            do {
                got = try EPCISEventHasher().hashes(documentBytes: ConformanceData.bytes(doc), fileName: doc.lastPathComponent,
                                                    includePreHashes: true)
            } catch {
                Issue.record("\(doc.lastPathComponent): \(error)")
                checked += expected.count
                continue
            }
            let produced = got.compactMap(\.hash)
            if produced.count != expected.count {
                Issue.record("\(doc.lastPathComponent): \(produced.count) hashes, expected \(expected.count)")
            }
            for (i, want) in expected.enumerated() {
                checked += 1
                guard i < produced.count else { continue }
                if produced[i] == want {
                    matched += 1
                } else {
                    Issue.record("\(doc.lastPathComponent) event \(i + 1): got \(produced[i]), expected \(want)\npre-hash: \(got[i].preHash ?? "")")
                }
            }
        }
        #expect(documents == 39)
        #expect(checked == 89)
        #expect(matched == 89)
    }

    @Test("every expected_equal/ document gives one hash for all its events")
    func expectedEqual() throws {
        let files = try SharedData.files(under: SharedData.conformance("epcis-hash/expected_equal"),
                                         extensions: ConformanceData.documentExtensions)
        #expect(files.count == 11)
        for file in files {
            do {
                let got = try EPCISEventHasher().hashes(documentBytes: ConformanceData.bytes(file), fileName: file.lastPathComponent,
                                                        includePreHashes: true)
                let hashes = Set(got.compactMap(\.hash))
                if got.count < 2 || hashes.count != 1 {
                    let pre = got.compactMap(\.preHash).joined(separator: "\n")
                    Issue.record("\(file.lastPathComponent): \(got.count) events, \(hashes.count) distinct hashes\n\(pre)")
                }
            } catch {
                Issue.record("\(file.lastPathComponent): \(error)")
            }
        }
    }

    @Test("each .prehashes line the SOURCE.md does not list as stale equals our pre-hash")
    func preHashesMatch() throws {
        let stale: Set<String> = [
            "epcisDocWithAllGS1Keys", "epcisDocWithCustomSchemaInContext", "epcisDocWithDefaultSchemaInContext",
            "epcisXmlQueryDocHavingEventWithIgnoreFields",
        ]
        for doc in try Self.examples() {
            let base = doc.deletingPathExtension()
            let preURL = base.appendingPathExtension("prehashes")
            guard !stale.contains(base.lastPathComponent), FileManager.default.fileExists(atPath: preURL.path) else { continue }
            let expected = try ConformanceData.lines(preURL)
            guard let got = try? EPCISEventHasher().hashes(documentBytes: ConformanceData.bytes(doc), fileName: doc.lastPathComponent,
                                                           includePreHashes: true) else {
                Issue.record("\(doc.lastPathComponent): not readable")
                continue
            }
            for (i, want) in expected.enumerated() where i < got.count && got[i].preHash != want {
                Issue.record("\(doc.lastPathComponent) event \(i + 1):\n got  \(got[i].preHash ?? "nil")\n want \(want)")
            }
        }
    }
}
