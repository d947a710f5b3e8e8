/// Warehouse-receipt documents in EPCIS 2.0 JSON-LD, the shape ops/bench/receipt_documents.py
/// writes for the ingest benchmark: 5–10 lots received by ObjectEvents (bill of lading,
/// container and HS code as bollard: extensions), then one TransactionEvent issuing a receipt
/// over them with a bollard:receiptLine per lot. Each is submitted as the warehouse it names.
struct GeneratedReceiptDocuments {
    /// SplitMix64, deterministic on every platform.
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func int(_ r: ClosedRange<Int>) -> Int { r.lowerBound + Int(next() % UInt64(r.count)) }

    private static let warehouses = ["8801234000048", "8801234000055", "8801234000062", "8801234000079"]
    private static let depositors = ["gln:8801234000017", "gln:8801234000024", "gln:8801234000086"]
    /// (commodity, HS code, GTIN company.item, unit, quantity range in thousandths)
    private static let commodities: [(String, String, String, String, ClosedRange<Int>)] = [
        ("copper", "740311", "8801234.000002", "TNE", 23000...26000), ("aluminium", "760110", "8801234.000003", "TNE", 24000...26500),
        ("nickel", "750210", "8801234.000004", "TNE", 5500...6500), ("zinc", "790111", "8801234.000005", "TNE", 24500...25500),
    ]

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    private mutating func hex(_ digits: Int) -> String {
        (0..<digits).map { _ in String(next() % 16, radix: 16) }.joined()
    }

    private mutating func container() -> String {
        let owner = ["HSTU", "BDXU", "MSKU", "TGHU"][int(0...3)]
        let serial = Self.pad(int(0...999_999), 6)
        let letters: [Character: Int] = Dictionary(uniqueKeysWithValues: zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", [
            10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 34, 35, 36, 37, 38]))
        var total = 0
        for (i, c) in (owner + serial).enumerated() { total += (letters[c] ?? Int(String(c)) ?? 0) << i }
        return owner + serial + String(total % 11 % 10)
    }

    /// Document `n`: its file name, its submitter (the receipt's warehouse) and its bytes.
    mutating func document(_ n: Int) -> (name: String, submitter: String, bytes: [UInt8]) {
        let warehouse = Self.warehouses[n % Self.warehouses.count]
        let (commodity, hs, gtin, uom, range) = Self.commodities[n % Self.commodities.count]
        let depositor = Self.depositors[n % Self.depositors.count]
        let lots = int(5...10)
        let day = Self.pad(1 + n % 28, 2)
        let bol = "HDLN26BUS" + Self.pad(n, 6)
        let box = container()
        let bay = "https://id.gs1.org/414/\(warehouse)/254/BAY-\(["A", "B", "C", "D"][int(0...3)])\(int(1...9))"
        var events: [String] = []
        var lines: [String] = []
        var quantities: [String] = []
        for k in 0..<lots {
            let epcClass = "urn:epc:class:lgtin:\(gtin).\(commodity.prefix(2).uppercased())26-\(Self.pad(n, 6))-\(Self.pad(k, 2))"
            let q = int(range)
            let quantity = "\(q / 1000).\(Self.pad(q % 1000, 3))"
            events.append("""
                {"type":"ObjectEvent","eventTime":"2026-03-\(day)T\(Self.pad(8 + k, 2)):\(Self.pad(int(0...59), 2)):\(Self.pad(int(0...59), 2)).000+09:00",
                 "eventTimeZoneOffset":"+09:00","eventID":"urn:uuid:\(hex(8))-\(hex(4))-4\(hex(3))-8\(hex(3))-\(hex(12))",
                 "quantityList":[{"epcClass":"\(epcClass)","quantity":\(quantity),"uom":"\(uom)"}],"action":"OBSERVE",
                 "bizStep":"receiving","disposition":"in_progress","readPoint":{"id":"https://id.gs1.org/414/\(warehouse)/254/DOCK-\(1 + k % 4)"},
                 "bizLocation":{"id":"\(bay)"},"bizTransactionList":[{"type":"bol","bizTransaction":"urn:epcglobal:cbv:bt:\(warehouse):\(bol)"}],
                 "sourceList":[{"type":"owning_party","source":"https://id.gs1.org/417/\(depositor.dropFirst(4))"}],
                 "destinationList":[{"type":"location","destination":"https://id.gs1.org/414/\(warehouse)"}],
                 "bollard:hsCode":"\(hs)","bollard:container":"urn:epc:id:bic:\(box)"}
                """)
            lines.append(#"{"bollard:lot":"\#(epcClass)","bollard:quantity":"\#(quantity)","bollard:uom":"\#(uom)"}"#)
            quantities.append(#"{"epcClass":"\#(epcClass)","quantity":\#(quantity),"uom":"\#(uom)"}"#)
        }
        events.append("""
            {"type":"TransactionEvent","eventTime":"2026-03-\(day)T\(Self.pad(8 + lots, 2)):30:00.000+09:00","eventTimeZoneOffset":"+09:00",
             "quantityList":[\(quantities.joined(separator: ","))],"action":"ADD","bizStep":"https://ns.bollard.dev/epcis/bizstep/receipt_issuing",
             "bizLocation":{"id":"\(bay)"},"bizTransactionList":[{"type":"https://ns.bollard.dev/epcis/btt/warehouse_receipt",
             "bizTransaction":"urn:epcglobal:cbv:bt:\(warehouse):WR-\(Self.pad(n, 7))"}],"bollard:depositor":"\(depositor)",
             "bollard:receiptLine":[\(lines.joined(separator: ","))]}
            """)
        let document = """
            {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",{"bollard":"https://ns.bollard.dev/epcis/"}],
             "type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-03-\(day)T\(Self.pad(9 + lots, 2)):00:00.000+09:00",
             "epcisBody":{"eventList":[\(events.joined(separator: ","))]}}
            """
        return ("receipt-\(Self.pad(n, 7)).jsonld", "gln:" + warehouse, Array(document.utf8))
    }
}
