import Testing
@testable import BollardEPCIS

/// Properties of the CBV 2.0 §8.9 hash on randomly generated events, run through both bindings:
/// the same facts written as JSON-LD (members in any order, bare CBV words) and as XML (CBV
/// URNs) give one hash, whatever the order of members and list entries (§8.9.2 sorts them).
/// This guards the hot-path changes to the decoders and the pre-hash builder beyond the fixed
/// GS1 vectors.
@Suite("CBV 2.0 event hash properties on random events")
struct RandomEventPropertyTests {
    static let steps = ["shipping", "receiving", "loading", "storing", "inspecting", "departing", "arriving"]
    static let dispositions = ["in_transit", "in_progress", "active", "container_closed"]
    static let offsets = ["+00:00", "+09:00", "-05:00", "+05:30"]
    static let extNS = "https://ns.bollard.example/epcis/"

    /// One event as (JSON members, XML children), each member a self-contained fragment.
    struct Fragments {
        var type: String
        var json: [String]
        var xml: [String]
    }

    static func event(_ rng: inout SplitMix64, _ i: Int) -> Fragments {
        let kinds = ["ObjectEvent", "AggregationEvent", "TransactionEvent"]
        var f = Fragments(type: kinds[Int(rng.next() % 3)], json: [], xml: [])
        let offset = offsets[Int(rng.next() % 4)]
        let ms = String(rng.next() % 1000).leftPadded(3)
        let time = "2026-0\(1 + rng.next() % 9)-1\(rng.next() % 10)T1\(rng.next() % 10):2\(rng.next() % 10):3\(rng.next() % 10).\(ms)\(offset)"
        f.add(json: "\"eventTime\": \"\(time)\"", xml: "<eventTime>\(time)</eventTime>")
        f.add(json: "\"eventTimeZoneOffset\": \"\(offset)\"", xml: "<eventTimeZoneOffset>\(offset)</eventTimeZoneOffset>")
        f.add(json: "\"eventID\": \"urn:uuid:00000000-0000-4000-8000-\(String(i).leftPadded(12))\"",
              xml: "<eventID>urn:uuid:00000000-0000-4000-8000-\(String(i).leftPadded(12))</eventID>")
        var epcs: [String] = []
        for _ in 0..<(1 + rng.next() % 4) {
            epcs.append("urn:epc:id:sgtin:\(4_000_000 + rng.next() % 999_999).0\(10_000 + rng.next() % 89_999).\(rng.next() % 1_000_000)")
        }
        let listName = f.type == "AggregationEvent" ? "childEPCs" : "epcList"
        if f.type == "AggregationEvent" {
            let parent = "urn:epc:id:sscc:\(4_000_000 + rng.next() % 999_999).\(String(rng.next() % 10_000_000_000).leftPadded(10))"
            f.add(json: "\"parentID\": \"\(parent)\"", xml: "<parentID>\(parent)</parentID>")
        }
        f.add(json: "\"\(listName)\": [" + rng.shuffled(epcs).map { "\"\($0)\"" }.joined(separator: ", ") + "]",
              xml: "<\(listName)>" + rng.shuffled(epcs).map { "<epc>\($0)</epc>" }.joined() + "</\(listName)>")
        let action = ["ADD", "OBSERVE", "DELETE"][Int(rng.next() % 3)]
        f.add(json: "\"action\": \"\(action)\"", xml: "<action>\(action)</action>")
        let step = steps[Int(rng.next() % UInt64(steps.count))]
        f.add(json: "\"bizStep\": \"\(step)\"", xml: "<bizStep>urn:epcglobal:cbv:bizstep:\(step)</bizStep>")
        if rng.next() % 2 == 0 {
            let d = dispositions[Int(rng.next() % UInt64(dispositions.count))]
            f.add(json: "\"disposition\": \"\(d)\"", xml: "<disposition>urn:epcglobal:cbv:disp:\(d)</disposition>")
        }
        let gln = "urn:epc:id:sgln:\(4_000_000 + rng.next() % 999_999).\(10_000 + rng.next() % 89_999).\(rng.next() % 100)"
        f.add(json: "\"readPoint\": {\"id\": \"\(gln)\"}", xml: "<readPoint><id>\(gln)</id></readPoint>")
        if f.type == "TransactionEvent" || rng.next() % 2 == 0 {
            var entries: [(String, String)] = []
            for k in 0..<(1 + rng.next() % 3) {
                entries.append((["po", "bol", "inv"][Int(k)], "urn:epcglobal:cbv:bt:\(4_000_000 + rng.next() % 999_999).0:T\(i)-\(k)"))
            }
            f.add(json: "\"bizTransactionList\": [" + rng.shuffled(entries).map { "{\"type\": \"\($0.0)\", \"bizTransaction\": \"\($0.1)\"}" }.joined(separator: ", ") + "]",
                  xml: "<bizTransactionList>" + rng.shuffled(entries).map { "<bizTransaction type=\"urn:epcglobal:cbv:btt:\($0.0)\">\($0.1)</bizTransaction>" }.joined() + "</bizTransactionList>")
        }
        if f.type == "ObjectEvent" {
            var quantities: [(String, String, String)] = []
            for _ in 0..<(1 + rng.next() % 2) {
                let whole = rng.next() % 30_000
                let frac = ["", ".5", ".25", ".10", ".0"][Int(rng.next() % 5)]
                quantities.append(("urn:epc:class:lgtin:\(4_000_000 + rng.next() % 999_999).0\(10_000 + rng.next() % 89_999).L\(rng.next() % 1000)",
                                   "\(whole)\(frac)", ["KGM", "TNE", "LTR"][Int(rng.next() % 3)]))
            }
            f.add(json: "\"quantityList\": [" + rng.shuffled(quantities).map { "{\"epcClass\": \"\($0.0)\", \"quantity\": \($0.1), \"uom\": \"\($0.2)\"}" }.joined(separator: ", ") + "]",
                  xml: "<quantityList>" + rng.shuffled(quantities).map { "<quantityElement><epcClass>\($0.0)</epcClass><quantity>\($0.1)</quantity><uom>\($0.2)</uom></quantityElement>" }.joined() + "</quantityList>")
            let owner = "urn:epc:id:pgln:\(4_000_000 + rng.next() % 999_999).00000"
            f.add(json: "\"sourceList\": [{\"type\": \"owning_party\", \"source\": \"\(owner)\"}]",
                  xml: "<sourceList><source type=\"urn:epcglobal:cbv:sdt:owning_party\">\(owner)</source></sourceList>")
            let lot = "LOT-\(rng.next() % 100_000)"
            let kg = "\(10 + rng.next() % 5)"
            f.add(json: "\"bollard:lot\": \"\(lot)\"", xml: "<bollard:lot>\(lot)</bollard:lot>")
            f.add(json: "\"bollard:assay\": {\"bollard:grossKg\": \"\(kg)\", \"bollard:fineness\": \"999.9\"}",
                  xml: "<bollard:assay><bollard:fineness>999.9</bollard:fineness><bollard:grossKg>\(kg)</bollard:grossKg></bollard:assay>")
        }
        return f
    }

    static func jsonDocument(_ events: [Fragments], _ rng: inout SplitMix64) -> [UInt8] {
        let body = events.map { e in
            "{\"type\": \"\(e.type)\", " + rng.shuffled(e.json).joined(separator: ", ") + "}"
        }.joined(separator: ",\n")
        return Array("""
            {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"bollard": "\(extNS)"}],
             "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-04-01T00:00:00Z",
             "epcisBody": {"eventList": [\(body)]}}
            """.utf8)
    }

    static func xmlDocument(_ events: [Fragments], _ rng: inout SplitMix64) -> [UInt8] {
        let body = events.map { e in "<\(e.type)>" + rng.shuffled(e.xml).joined() + "</\(e.type)>" }.joined(separator: "\n")
        return Array("""
            <?xml version="1.0" encoding="UTF-8"?>
            <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:bollard="\(extNS)" schemaVersion="2.0" creationDate="2026-04-01T00:00:00Z">
            <EPCISBody><EventList>
            \(body)
            </EventList></EPCISBody></epcis:EPCISDocument>
            """.utf8)
    }

    @Test("random events: JSON-LD in two member orders and XML give the same hash, one per event", arguments: [1, 2, 3, 4])
    func bindingsAgree(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let events = (0..<150).map { Self.event(&rng, $0) }
        let hasher = EPCISEventHasher()
        let a = try hasher.hashes(documentBytes: Self.jsonDocument(events, &rng), fileName: "a.jsonld")
        let b = try hasher.hashes(documentBytes: Self.jsonDocument(events, &rng), fileName: "b.jsonld")
        let x = try hasher.hashes(documentBytes: Self.xmlDocument(events, &rng), fileName: "x.xml")
        #expect(a.count == events.count)
        #expect(a.allSatisfy { $0.hash != nil })
        #expect(a.map(\.hash) == b.map(\.hash))
        #expect(a.map(\.hash) == x.map(\.hash))
        #expect(Set(a.compactMap(\.hash)).count == events.count)
    }
}

extension RandomEventPropertyTests.Fragments {
    mutating func add(json: String, xml: String) {
        self.json.append(json)
        self.xml.append(xml)
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): a seeded generator so a failing case can be replayed.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func shuffled<T>(_ items: [T]) -> [T] {
        var out = items
        guard out.count > 1 else { return out }
        for i in stride(from: out.count - 1, to: 0, by: -1) {
            out.swapAt(i, Int(next() % UInt64(i + 1)))
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
