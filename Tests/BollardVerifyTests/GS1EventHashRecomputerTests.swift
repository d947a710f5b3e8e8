import BollardCore
import BollardEPCIS
import BollardTestSupport
import Foundation
import Testing

@testable import BollardVerify

/// The verifier's GS1 hash, recomputed from nothing but the canonical log entry, must equal the
/// hash of the event as the party sent it — for every event of the Busan fixtures, both syntaxes.
struct GS1EventHashRecomputerTests {
    static let directory = SharedData.packageRoot().appendingPathComponent("fixtures/busan/epcis")

    @Test(arguments: ["jsonld", "xml"])
    func everyFixtureEventHashIsRecomputedFromItsCanonicalLeaf(ext: String) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            .filter { $0.hasSuffix("." + ext) }.sorted()
        #expect(files.count >= 20)
        var checked = 0
        for file in files {
            let bytes = Array(try Data(contentsOf: Self.directory.appendingPathComponent(file)))
            let mapped = try EPCISCoreMapper().map(bytes, fileName: file)
            let sent = try EPCISEventHasher().hashes(documentBytes: bytes, fileName: file)
            #expect(sent.count == mapped.events.count, "\(file)")
            for (original, event) in zip(sent, mapped.events.map(\.event)) {
                let leaf = try JCS.encode(event)
                let recomputed = try GS1EventHashRecomputer().eventHash(leaf: leaf)
                #expect(recomputed == original.hash, "\(file) event \(original.index)")
                checked += 1
            }
        }
        #expect(checked >= 100)
    }

    @Test func anAlteredLeafGivesAnotherHash() throws {
        let file = "09-w1-receipts.jsonld"
        let bytes = Array(try Data(contentsOf: Self.directory.appendingPathComponent(file)))
        let event = try #require(try EPCISCoreMapper().map(bytes, fileName: file).events.first?.event)
        let leaf = try JCS.encode(event)
        let text = String(decoding: leaf, as: UTF8.self)
        let altered = Array(text.replacingOccurrences(of: "WR-W1-0001", with: "WR-W1-0002").utf8)
        #expect(altered != leaf)
        #expect(try GS1EventHashRecomputer().eventHash(leaf: altered) != GS1EventHashRecomputer().eventHash(leaf: leaf))
    }
}
