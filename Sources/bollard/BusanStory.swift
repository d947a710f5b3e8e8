/// The steps of ../shared/SCENARIO.md as the custody records the log demo appends, one batch a
/// step. These are log entries (RFC 8785-style JSON text); the provenance engine will derive
/// them from the parties' documents once ingestion lands.
enum BusanStory {
    static let steps: [(step: String, records: [String])] = [
        ("1 Onsan certifies 40 gold and 30 silver bars",
         (1...40).map { #"{"bizStep":"commissioning","epc":"OPM26-\#(pad($0))","refiner":"GLN 8801234000017"}"# }
            + (1...30).map { #"{"bizStep":"commissioning","epc":"OPM26-S\#(pad($0, 3))","refiner":"GLN 8801234000017"}"# }),
        ("2 bars and copper stuffed into containers",
         [#"{"bizStep":"packing","parent":"BDXU2001011","children":"OPM26-0001…0040","bol":"HDLN26BUS00871"}"#,
          #"{"bizStep":"packing","parent":"BDXU2001027","children":"OPM26-S001…S030","bol":"HDLN26BUS00871"}"#,
          #"{"bizStep":"packing","parent":"HSTU5123405","children":"CU26-A","bol":"HDLN26BUS00872"}"#,
          #"{"bizStep":"packing","parent":"HSTU5123410","children":"CU26-B","bol":"HDLN26BUS00872"}"#]),
        ("3 MV HAEUNDAE STAR (IMO 9314014) arrives KRPUS, containers discharged",
         ["BDXU2001011", "BDXU2001027", "HSTU5123405", "HSTU5123410"].map {
             #"{"bizStep":"unloading","epc":"\#($0)","readPoint":"KRPUS","vessel":"IMO 9314014"}"#
         }),
        ("4 Busan Main Customs releases into bonded storage",
         [#"{"bizStep":"inspecting","disposition":"released","party":"KR-BMC","bol":"HDLN26BUS00871"}"#,
          #"{"bizStep":"inspecting","disposition":"released","party":"KR-BMC","bol":"HDLN26BUS00872"}"#]),
        ("5 warehouses receive the goods and issue receipts",
         (1...8).map { #"{"bizStep":"receiving","warehouse":"GLN 8801234000048","receipt":"WR-W1-\#(pad($0))"}"# }
            + (101...103).map { #"{"bizStep":"receiving","warehouse":"GLN 8801234000048","receipt":"WR-W1-0\#($0)"}"# }
            + [#"{"bizStep":"receiving","warehouse":"GLN 8801234000055","receipt":"WR-W2-0001","lot":"CU26-A"}"#,
               #"{"bizStep":"receiving","warehouse":"GLN 8801234000055","receipt":"WR-W2-0002","lot":"CU26-B"}"#,
               #"{"bizStep":"receiving","warehouse":"GLN 8801234000062","receipt":"WR-T07-0001","lot":"P-2026-114"}"#]),
        ("6 BDAX binds receipts to tokens",
         (1...8).map { #"{"bind":"WR-W1-\#(pad($0))","token":"BGLD"}"# }
            + [#"{"bind":"WR-W2-0001","token":"BCU"}"#, #"{"bind":"WR-T07-0001","token":"BOIL"}"#]),
    ]

    private static func pad(_ n: Int, _ width: Int = 4) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
