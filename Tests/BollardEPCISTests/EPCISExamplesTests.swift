import BollardTestSupport
import Foundation
import Testing
@testable import BollardEPCIS

/// The EPCIS 2.0 standard's own example documents (gs1/EPCIS) must all be read and hashed.
@Suite("GS1 EPCIS 2.0 example documents")
struct EPCISExamplesTests {
    @Test("every JSON-LD and XML example parses and every event hashes")
    func examplesParse() throws {
        let files = try SharedData.files(under: SharedData.conformance("epcis-examples"), extensions: ConformanceData.documentExtensions)
        #expect(files.count == 15)
        var events = 0
        for file in files {
            do {
                let document = try EPCISDocumentReader().read(ConformanceData.bytes(file), fileName: file.lastPathComponent)
                if document.events.isEmpty { Issue.record("\(file.lastPathComponent): no events") }
                for h in EPCISEventHasher().hashes(document) where h.hash == nil {
                    Issue.record("\(file.lastPathComponent) event \(h.index): \(h.failure ?? "no hash")")
                }
                events += document.events.count
            } catch {
                Issue.record("\(file.lastPathComponent): \(error)")
            }
        }
        #expect(events > 15)
    }

    /// `_1`, `_3`, `_4` and `_5` are the same event written differently; GS1's reference agrees
    /// on them (SOURCE.md explains why `_2`, `_6` and `_7` legitimately differ).
    @Test("the identical-hash-id set agrees where the reference agrees")
    func identicalHashSet() throws {
        let dir = try SharedData.conformance("epcis-examples/XML/WithEventHashID")
        var hashes: [String: String] = [:]
        for n in [1, 3, 4, 5] {
            let url = dir.appendingPathComponent("event_with_identical_hash_id_\(n).xml")
            let got = try EPCISEventHasher().hashes(documentBytes: ConformanceData.bytes(url), fileName: url.lastPathComponent)
            hashes[url.lastPathComponent] = got.first?.hash ?? "none"
        }
        #expect(Set(hashes.values).count == 1, "\(hashes)")
    }
}
