import BollardCore
import BollardIngest
import Foundation
import Testing

/// Custody records read back by `EPCISEvent(jcs:)` — what every worker replaying another's
/// commits, and every server's follower, runs per record — are the events `JSONDecoder` reads
/// from the same leaves, on every telling of the Busan story, generated receipts, and events
/// with every optional member and awkward text; a leaf the direct reader does not take goes to
/// `JSONDecoder`, so a malformed one is refused with its position as before.
struct CustodyRecordDecodingTests {
    static func leaves() throws -> [(name: String, leaf: [UInt8])] {
        var documents: [(name: String, submitter: String, bytes: [UInt8])] = []
        for ext in ["jsonld", "xml"] {
            documents += try Busan.story(extension: ext).map { ($0.stem + "." + ext, $0.submitter, $0.bytes) }
        }
        for format in ["edifact", "x12", "xml"] {
            documents += try StoryInEveryFormatTests.story(format).map { step in
                ((step.file as NSString).lastPathComponent, step.submitter, Array(try Data(contentsOf: URL(fileURLWithPath: step.file))))
            }
        }
        var generator = GeneratedReceiptDocuments(seed: 9)
        documents += (0..<60).map { generator.document($0) }
        var out: [(String, [UInt8])] = []
        let reader = DocumentReader()
        for d in documents {
            guard let read = try? reader.read(d.bytes, fileName: d.name, receivedAt: 1_772_409_600_000),
                  case .mapped(let mapped) = read.content else { continue }
            for (i, e) in mapped.events.enumerated() {
                out.append(("\(d.name) event \(i)", try CustodyRecord.leaf(event: e.event, submitter: try PartyID(d.submitter))))
            }
        }
        for (i, event) in try AwkwardValues.events().enumerated() {
            out.append(("awkward event \(i)", try CustodyRecord.leaf(event: event, submitter: try PartyID("lei:98450012SUYE00000057"))))
        }
        return out
    }

    @Test func everyLeafReadsBackAsJSONDecoderReadsIt() throws {
        let leaves = try Self.leaves()
        #expect(leaves.count > 500)
        var direct = 0
        for (name, leaf) in leaves {
            let decoded = try JSONDecoder().decode(EPCISEvent.self, from: Data(leaf))
            let fast = EPCISEvent(jcs: try JCS.parse(leaf))
            if let fast {
                #expect(fast == decoded, "\(name)")
                direct += 1
            } else {
                // Only integers past 2⁵³ (two awkward source positions) are left to JSONDecoder.
                #expect(name.hasPrefix("awkward"), "\(name) was not read directly")
            }
            let (submitter, event) = try CustodyRecord.decode(leaf, index: 7)
            #expect(event == decoded && submitter.description.contains(":"), "\(name)")
        }
        #expect(direct >= leaves.count - 2)
    }

    /// What `JSONDecoder` refuses, the direct reader does not accept either: the leaf is then
    /// refused with its log index, as before. What it ignores (an unknown member), both ignore;
    /// what it takes and the direct reader's stricter initialiser would not (a digest that is
    /// not hex), `JSONDecoder` reads.
    @Test(arguments: [
        (#""epcList":["#, #""epcList":"x","zz":["#, false),
        (#""epcList":["#, #""epcList":null,"zz":["#, false),
        (#""eventTime":""#, #""eventTime":"not a time","zz":""#, false),
        (#""certificationInfo":"#, #""aaUnknown":{"a":[1,2]},"certificationInfo":"#, true),
        (#""type":"ObjectEvent""#, #""type":"NoSuchEvent""#, false),
        (#""documentSHA256":""#, #""documentSHA256":"NOT-HEX","zz":""#, true),
        // Optional members with a value their type refuses: refused, not read as absent.
        (#""action":""#, #""action":"JUMP","zz":""#, false),
        (#""bizStep":""#, #""bizStep":"teleporting","zz":""#, false),
        (#""disposition":""#, #""disposition":"vanished","zz":""#, false),
        (#""quantity":""#, #""quantity":"a lot","zz":""#, false),
        (#""uom":""#, #""uom":"not a unit","zz":""#, false),
        (#""type":"https://ref.gs1.org/cbv/BTT-"#, #""type":"no type","zz":"https://ref.gs1.org/cbv/BTT-"#, false),
    ])
    func aLeafDecoderRefusesWhatJSONDecoderRefuses(find: String, replace: String, decodes: Bool) throws {
        let (_, leaf) = try #require(try Self.leaves().first { String(decoding: $0.leaf, as: UTF8.self).contains(find) })
        let text = String(decoding: leaf, as: UTF8.self)
        #expect(text.contains(find))
        let changed = Array(text.replacingOccurrences(of: find, with: replace).utf8)
        let byJSONDecoder = try? JSONDecoder().decode(EPCISEvent.self, from: Data(changed))
        #expect((byJSONDecoder != nil) == decodes)
        if decodes {
            #expect(try CustodyRecord.decode(changed, index: 3).event == byJSONDecoder)
        } else {
            #expect(EPCISEvent(jcs: (try? JCS.parse(changed)) ?? .null) == nil)
            #expect { try CustodyRecord.decode(changed, index: 41) } throws: { ($0 as? IngestError)?.position == "log entry 41" }
        }
    }
}
