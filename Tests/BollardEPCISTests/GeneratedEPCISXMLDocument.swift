/// EPCIS 2.0 XML documents (§9) of port traffic, generated from a seed: the shape of
/// ops/bench/epcis_document.py's XML plus, when `extended`, what the XML fast path must read
/// exactly as `EPCISXMLDecoder` does — indentation, CDATA, character and predefined entity
/// references, comments, padded and non-ASCII text, `gs1:`/`cbv:` values, attributes on
/// extensions, nested extensions, ILMD, persistent dispositions, entries without a type,
/// text after child elements, empty elements and times that round into the next second.
struct GeneratedEPCISXMLDocument {
    var rng: GeneratedEPCISDocument.Seeded
    var extended: Bool

    init(seed: UInt64, extended: Bool) {
        rng = GeneratedEPCISDocument.Seeded(state: seed)
        self.extended = extended
    }

    static let steps = ["urn:epcglobal:cbv:bizstep:shipping", "urn:epcglobal:cbv:bizstep:receiving",
                        "https://ref.gs1.org/cbv/BizStep-loading", "urn:epcglobal:cbv:bizstep:departing"]
    static let dispositions = ["urn:epcglobal:cbv:disp:in_transit", "https://ref.gs1.org/cbv/Disp-active",
                               "urn:epcglobal:cbv:disp:sellable_accessible"]
    static let texts = ["LOT-1", "999.9", "12", "26.0", "+5", "007", "1e3", "3.14e-7", " padded ", "Ünïcødé", "true",
                        "inf", "1e999", "urn:epc:id:sgtin:4012345.011111.1", "https://example.com/253/x?y=1", "",
                        "gs1:Temperature", "cbv:Disp-active", "a &amp; b", "&#x41;&#66;", "<![CDATA[<raw> & ]]>",
                        "\u{00A0}nbsp\u{00A0}", "\n  multi\n  line\n", "urn:epcglobal:cbv:bizstep:shipping"]

    mutating func sgtin() -> String { "urn:epc:id:sgtin:\(rng.int(1_000_000...9_999_999)).0\(rng.int(10000...99999)).\(rng.int(1...1_000_000_000))" }
    mutating func sgln() -> String { "urn:epc:id:sgln:\(rng.int(1_000_000...9_999_999)).\(rng.int(10000...99999)).\(rng.int(0...999))" }
    mutating func lgtin() -> String { "urn:epc:class:lgtin:\(rng.int(1_000_000...9_999_999)).0\(rng.int(10000...99999)).LOT\(rng.int(1...99999))" }

    mutating func time(_ i: Int) -> String {
        let day = 1 + i % 28
        let base = "2026-03-\(day < 10 ? "0" : "")\(day)T\(10 + i % 13):\(10 + i % 49):\(10 + i % 49)"
        guard extended else { return base + ".\(100 + i % 900)+00:00" }
        return rng.pick([base + ".\(100 + i % 900)+00:00", base + "Z", base + ".9996Z", base + "-05:30", base + ".5+02:00",
                         " " + base + "Z ", "2026-13-40T00:00:00Z"])
    }

    /// Text between tags, sometimes indented or commented when `extended`.
    mutating func gap(_ depth: Int) -> String {
        guard extended else { return "" }
        switch rng.int(0...5) {
        case 0: return "\n" + String(repeating: "  ", count: depth)
        case 1: return "<!-- note -->"
        case 2: return "\n\t"
        default: return ""
        }
    }

    mutating func element(_ name: String, _ value: String, depth: Int) -> String {
        gap(depth) + "<\(name)>\(value)</\(name)>"
    }

    mutating func event(_ i: Int) -> String {
        let types = ["ObjectEvent", "AggregationEvent", "TransformationEvent", "AssociationEvent", "TransactionEvent"]
        let type = extended ? rng.pick(types) : (i % 3 == 2 ? "AggregationEvent" : "ObjectEvent")
        var x = "<\(type)>"
        x += element("eventTime", time(i), depth: 2)
        x += element("eventTimeZoneOffset", "+00:00", depth: 2)
        x += element("recordTime", "2026-04-01T00:00:00.000Z", depth: 2)
        x += element("eventID", "urn:uuid:00000000-0000-4000-8000-\(i)", depth: 2)
        if type == "AggregationEvent" || type == "AssociationEvent" { x += element("parentID", "urn:epc:id:sscc:5938778.78677\(i)", depth: 2) }
        if type == "TransformationEvent" {
            x += element("inputEPCList", element("epc", sgtin(), depth: 3) + gap(2), depth: 2)
            x += element("outputQuantityList", element("quantityElement", element("epcClass", lgtin(), depth: 4)
                + element("quantity", "\(rng.int(1...9000)).5", depth: 4), depth: 3), depth: 2)
            x += element("transformationID", "urn:epc:id:gdti:0614141.12345.\(i)", depth: 2)
        } else {
            let list = type == "AggregationEvent" || type == "AssociationEvent" ? "childEPCs" : "epcList"
            var epcs = ""
            for _ in 0..<rng.int(1...4) { epcs += element("epc", sgtin(), depth: 3) }
            x += element(list, epcs + gap(2), depth: 2)
            x += element("action", rng.pick(["ADD", "OBSERVE", "DELETE"]), depth: 2)
        }
        x += element("bizStep", rng.pick(Self.steps), depth: 2)
        x += element("disposition", rng.pick(Self.dispositions), depth: 2)
        if extended, rng.int(0...3) == 0 {
            x += element("persistentDisposition", element("set", rng.pick(Self.dispositions), depth: 3)
                + element("unset", rng.pick(Self.dispositions), depth: 3) + element("set", "urn:epcglobal:cbv:disp:active", depth: 3), depth: 2)
        }
        x += element("readPoint", element("id", sgln(), depth: 3), depth: 2)
        x += element("bizLocation", element("id", sgln(), depth: 3), depth: 2)
        if type != "TransformationEvent" {
            let typeAttribute = extended && rng.int(0...3) == 0 ? "" : " type=\"urn:epcglobal:cbv:btt:bol\""
            x += gap(2) + "<bizTransactionList><bizTransaction\(typeAttribute)>urn:epcglobal:cbv:bt:2354318.0:BL\(i)</bizTransaction>"
                + "<bizTransaction type=\"\(extended ? "cbv:BTT-inv" : "urn:epcglobal:cbv:btt:inv")\"> urn:epcglobal:cbv:bt:2857850.0:INV\(i) </bizTransaction></bizTransactionList>"
            var quantities = ""
            for _ in 0..<rng.int(1...2) {
                var q = element("epcClass", lgtin(), depth: 4) + element("quantity", "\(rng.int(1...30000)).\(rng.int(0...9))", depth: 4)
                if !extended || rng.int(0...2) > 0 { q += element("uom", rng.pick(["MTQ", "LTR", "KGM", "TNE"]), depth: 4) }
                quantities += element("quantityElement", q, depth: 3)
            }
            x += element("quantityList", quantities, depth: 2)
            x += "<sourceList><source type=\"urn:epcglobal:cbv:sdt:owning_party\">urn:epc:id:pgln:7314012.00000</source></sourceList>"
            x += "<destinationList><destination type=\"urn:epcglobal:cbv:sdt:location\">\(sgln())</destination></destinationList>"
        }
        x += element("bollard:lot", "LOT-\(i)", depth: 2)
        x += element("bollard:assay", element("bollard:fineness", "999.9", depth: 3) + element("bollard:grossKg", "\(rng.int(1...20))", depth: 3), depth: 2)
        if extended {
            let attribute = rng.int(0...1) == 0 ? " unit=\"gs1:KGM\" bollard:grade=\"A\"" : ""
            x += gap(2) + "<bollard:note\(attribute)>\(rng.pick(Self.texts))<bollard:inner>\(rng.pick(Self.texts))</bollard:inner>"
                + "\(rng.pick(Self.texts))<other:tag xmlns:other=\"urn:other\">\(rng.pick(Self.texts))</other:tag></bollard:note>"
            x += element("bollard:note", rng.pick(Self.texts), depth: 2)
            x += "<bollard:empty/>"
            if rng.int(0...2) == 0 {
                x += element("ilmd", element("bollard:bestBefore", "2027-01-01", depth: 3) + element("bollard:origin", rng.pick(Self.texts), depth: 3), depth: 2)
            }
        }
        return x + gap(1) + "</\(type)>"
    }

    mutating func document(events n: Int) -> [UInt8] {
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        x += "<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:2\" xmlns:bollard=\"https://ns.bollard.example/epcis/\""
        x += " schemaVersion=\"2.0\" creationDate=\"2026-04-01T00:00:00.000Z\">"
        if extended { x += "<EPCISHeader><sender>Busan</sender></EPCISHeader>" }
        x += "<EPCISBody><EventList>\n"
        for i in 0..<n { x += event(i) + "\n" }
        return Array((x + "</EventList></EPCISBody></epcis:EPCISDocument>\n").utf8)
    }
}
