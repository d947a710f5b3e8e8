import Foundation

/// EPCIS 2.0 JSON-LD documents of port traffic, generated from a seed: the shape of
/// ops/bench/epcis_document.py (the benchmark's document) plus the variations the fast path
/// must render exactly as the general path does — CURIEs, CBV URNs, escapes, non-ASCII text,
/// numbers in odd spellings, ILMD, nested extensions, persistent dispositions, times that round
/// into the next second.
struct GeneratedEPCISDocument {
    /// SplitMix64: deterministic across platforms, unlike the system generator.
    struct Seeded {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func int(_ r: ClosedRange<Int>) -> Int {
            r.lowerBound + Int(next() % UInt64(r.count))
        }

        mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
    }

    static let steps = ["shipping", "receiving", "loading", "unloading", "storing", "inspecting", "departing", "arriving",
                        "urn:epcglobal:cbv:bizstep:shipping", "cbv:BizStep-receiving", "https://ref.gs1.org/cbv/BizStep-loading"]
    static let dispositions = ["in_transit", "in_progress", "active", "container_closed", "sellable_accessible",
                               "urn:epcglobal:cbv:disp:in_transit", "cbv:Disp-active"]
    static let extensionValues = ["LOT-1", "999.9", "12", "26.0", "+5", "007", "1e3", "3.14e-7", "0.00001", " padded ",
                                  "Ünïcødé", "true", "inf", "1e999", "urn:epc:id:sgtin:4012345.011111.1", "in_transit",
                                  "https://example.com/253/x?y=1", "", "bollard:term", "po"]

    var rng: Seeded
    var extended: Bool

    init(seed: UInt64, extended: Bool) {
        rng = Seeded(state: seed)
        self.extended = extended
    }

    mutating func sgtin() -> String { "urn:epc:id:sgtin:\(rng.int(1_000_000...9_999_999)).0\(rng.int(10000...99999)).\(rng.int(1...1_000_000_000))" }
    mutating func sgln() -> String { "urn:epc:id:sgln:\(rng.int(1_000_000...9_999_999)).\(rng.int(10000...99999)).\(rng.int(0...999))" }
    mutating func sscc() -> String { "urn:epc:id:sscc:\(rng.int(1_000_000...9_999_999)).\(String(format: "%010d", rng.int(0...999_999_999)))" }
    mutating func lgtin() -> String { "urn:epc:class:lgtin:\(rng.int(1_000_000...9_999_999)).0\(rng.int(10000...99999)).LOT\(rng.int(1...99999))" }

    static func quoted(_ s: String, escape: Bool = false) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "/" where escape: out += "\\/"
            case "é" where escape: out += "\\u00e9"
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    mutating func eventTime(_ i: Int) -> String {
        let offset = rng.pick(["+00:00", "+09:00", "-05:00", "+01:00", "Z"])
        let fraction = extended ? rng.pick([".\(String(format: "%03d", rng.int(0...999)))", "", ".1425", ".9996", ".5"]) :
            ".\(String(format: "%03d", rng.int(0...999)))"
        return String(format: "2026-03-%02d", 1 + i % 28) +
            String(format: "T%02d:%02d:%02d", rng.int(0...23), rng.int(0...59), rng.int(0...59)) + fraction + offset
    }

    mutating func event(_ i: Int) -> String {
        let kind = ["ObjectEvent", "ObjectEvent", "AggregationEvent", "TransactionEvent", "TransformationEvent"][i % (extended ? 5 : 4)]
        var m: [String] = ["\"type\": \"\(kind)\""]
        m.append("\"eventTime\": \(Self.quoted(eventTime(i)))")
        m.append("\"eventTimeZoneOffset\": \"\(rng.pick(["+00:00", "+09:00", "-05:00"]))\"")
        m.append("\"recordTime\": \"2026-04-01T00:00:00.000Z\"")
        m.append("\"eventID\": \"urn:uuid:00000000-0000-4000-8000-\(String(format: "%012d", i))\"")
        let epcs = (0..<rng.int(1...4)).map { _ in Self.quoted(sgtin(), escape: extended && i % 3 == 0) }.joined(separator: ", ")
        switch kind {
        case "AggregationEvent":
            m.append("\"parentID\": \"\(sscc())\"")
            m.append("\"childEPCs\": [\(epcs)]")
            if extended { m.append("\"childQuantityList\": [{\"epcClass\": \"\(lgtin())\", \"quantity\": 5, \"uom\": \"KGM\"}]") }
        case "TransactionEvent":
            m.append("\"bizTransactionList\": [{\"type\": \"po\", \"bizTransaction\": \"urn:epcglobal:cbv:bt:\(rng.int(1_000_000...9_999_999)).0:PO\(i)\"}]")
            m.append("\"epcList\": [\(epcs)]")
        case "TransformationEvent":
            m.append("\"inputEPCList\": [\(epcs)]")
            m.append("\"outputEPCList\": [\"\(sgtin())\"]")
            m.append("\"inputQuantityList\": [{\"epcClass\": \"\(lgtin())\", \"quantity\": 1.50}]")
            m.append("\"outputQuantityList\": [{\"uom\": \"TNE\", \"quantity\": 2E2, \"epcClass\": \"\(lgtin())\"}]")
            m.append("\"transformationID\": \"urn:epc:id:gdti:0614141.12345.\(i)\"")
            m.append("\"ilmd\": {\"bollard:refiner\": \"Onsan\", \"bollard:assay\": {\"bollard:fineness\": \(rng.pick(["999.9", "\"0999.90\"", "true", "null"])), \"rdfs:comment\": \"x\"}, \"bollard:bars\": [\"1\", \"2\"]}")
        default:
            m.append("\"epcList\": [\(epcs)]")
        }
        if kind != "TransformationEvent" { m.append("\"action\": \"\(rng.pick(["ADD", "OBSERVE", "DELETE"]))\"") }
        m.append("\"bizStep\": \(Self.quoted(extended ? rng.pick(Self.steps) : rng.pick(Array(Self.steps.prefix(8))), escape: extended))")
        m.append("\"disposition\": \"\(extended ? rng.pick(Self.dispositions) : rng.pick(Array(Self.dispositions.prefix(5))))\"")
        m.append("\"readPoint\": {\"id\": \"\(sgln())\"}")
        m.append("\"bizLocation\": {\"id\": \"\(sgln())\"}")
        if kind == "ObjectEvent" {
            m.append("\"bizTransactionList\": [{\"type\": \"bol\", \"bizTransaction\": \"urn:epcglobal:cbv:bt:\(rng.int(1_000_000...9_999_999)).0:BL\(i)\"}, {\"bizTransaction\": \"urn:epcglobal:cbv:bt:\(rng.int(1_000_000...9_999_999)).0:INV\(i)\", \"type\": \"inv\"}]")
            let quantities = (0..<rng.int(1...2)).map { _ in
                "{\"epcClass\": \"\(lgtin())\", \"quantity\": \(Double(rng.int(10...250_000)) / 10), \"uom\": \"\(rng.pick(["KGM", "TNE", "LTR", "MTQ"]))\"}"
            }
            m.append("\"quantityList\": [\(quantities.joined(separator: ", "))]")
            m.append("\"sourceList\": [{\"type\": \"owning_party\", \"source\": \"urn:epc:id:pgln:\(rng.int(1_000_000...9_999_999)).00000\"}]")
            m.append("\"destinationList\": [{\"type\": \"location\", \"destination\": \"\(sgln())\"}]")
            m.append("\"bollard:lot\": \"LOT-\(String(format: "%08d", i))\"")
            m.append("\"bollard:assay\": {\"bollard:fineness\": \"999.9\", \"bollard:grossKg\": \"\(rng.int(10...13))\"}")
            if extended {
                m.append("\"bollard:note\": \(Self.quoted(rng.pick(Self.extensionValues), escape: true))")
                m.append("\"persistentDisposition\": {\"set\": [\"completeness_verified\"], \"unset\": [\"needs_replacement\", \"cbv:Disp-active\"]}")
                m.append("\"comment\": \"not hashed\"")
                m.append("\"certificationInfo\": \"https://accreditation.example.org/cert/\(i)\"")
                m.append("\"other:thing\": {\"#value\": 1, \"@id\": \"x\", \"k\": [{\"a\": false}, 2.5e-3]}")
            }
        }
        return "{" + m.joined(separator: ", ") + "}"
    }

    mutating func document(events n: Int) -> [UInt8] {
        var events: [String] = []
        for i in 0..<n { events.append(event(i)) }
        let context = extended
            ? "[\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\", {\"bollard\": \"https://ns.bollard.example/epcis/\"}, {\"ex\": \"https://ex.example/\"}]"
            : "[\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\", {\"bollard\": \"https://ns.bollard.example/epcis/\"}]"
        let xmlns = extended ? ", \"@xmlns:other\": \"https://other.example/ns/\"" : ""
        let text = "{\"@context\": \(context)\(xmlns), \"type\": \"EPCISDocument\", \"schemaVersion\": \"2.0\", " +
            "\"creationDate\": \"2026-04-01T00:00:00.000Z\", \"epcisBody\": {\"eventList\": [\n" + events.joined(separator: ",\n") + "\n]}}"
        return Array(text.utf8)
    }
}
