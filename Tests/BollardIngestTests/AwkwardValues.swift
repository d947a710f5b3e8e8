import BollardCore
import Foundation

/// Core values with every optional member present or absent, every `SourcePosition` case,
/// every commodity kind, and text that needs RFC 8785 escaping (quotes, backslashes, control
/// characters, non-ASCII, astral characters), decoded from their `Codable` JSON so that no
/// memberwise initialiser is needed.
enum AwkwardValues {
    static let sha = String(repeating: "0123456789abcdef", count: 4)
    static let awkward = #"q\"uo\\te / \u0000\u0008\u0009\u000a\u000c\u000d\u001f\u007f é € 😂 \ud83d\ude02"#

    static let positions = [
        #"{"ediSegments":{"messageReference":"M\"1","firstSegment":3,"lastSegment":1152921504606846976}}"#,
        #"{"xml":{"line":12,"column":0}}"#,
        #"{"jsonPath":{"path":"$['epcisBody']['eventList'][3]"}}"#,
        #"{"wholeDocument":{}}"#,
    ]

    static func source(_ i: Int) -> String {
        #"{"documentSHA256":"\#(sha)","position":\#(positions[i % positions.count])}"#
    }

    static let commodities = [
        #"{"preciousMetalBar":{"metal":"XAU","refiner":"Onsan \"PM\" Refinery","refinerID":"gln:8801234000017","serialNumber":"OPM26-0001","yearOfManufacture":2026,"grossWeight":{"value":"12.5","unit":"KGM"},"fineness":"999.9"}}"#,
        #"{"preciousMetalBar":{"metal":"XAG","refiner":"\#(awkward)","serialNumber":"S","yearOfManufacture":1999,"grossWeight":{"value":"31.1","unit":"KGM"},"fineness":"999"}}"#,
        #"{"baseMetalLot":{"metal":"copper","grade":"Grade A","brand":"GCS","lotNumber":"CU26-A","bundles":10,"netWeight":{"value":"25.125","unit":"TNE"}}}"#,
        #"{"petroleumParcel":{"parcelID":"P-2026-114","grade":"Arab Light","standardVolume":{"value":"250000","unit":"BLL"},"standardTemperatureFahrenheit":"60","apiGravity":"32.1","tank":{"site":"8801234000062","subLocation":{"kind":"TANK","name":"T-07"}}}}"#,
        #"{"petroleumParcel":{"parcelID":"P","grade":"","standardVolume":{"value":"1","unit":"MTQ"},"standardTemperatureFahrenheit":"15.6","apiGravity":"-3"}}"#,
    ]

    static let extensions = #"[{"namespace":"https://ns.example/ü/","name":"x","value":"\#(awkward)","children":[{"namespace":"n","name":"y","children":[]}]},{"namespace":"n","name":"z","children":[]}]"#

    static let fullSensor = #"""
        {"sensorMetadata":{"time":"2026-03-02T09:15:00Z","startTime":"2026-03-02T09:00:00+09:00","endTime":"2026-03-02T10:00:00.5-01:30",
         "deviceID":"urn:epc:id:giai:4000001.111","deviceMetadata":"https://dm","rawData":"https://raw","dataProcessingMethod":"https://dpm",
         "bizRules":"https://rules","extensions":\#(extensions)},
         "sensorReport":[{"type":"https://gs1.org/voc/Temperature","exception":"ALARM_CONDITION","deviceID":"d","deviceMetadata":"m",
          "rawData":"r","dataProcessingMethod":"p","time":"2026-03-02T09:15:00.000+09:00","microorganism":"https://micro","chemicalSubstance":"https://chem",
          "value":"-12.50","component":"x","stringValue":"\#(awkward)","booleanValue":false,"hexBinaryValue":"0AFF","uriValue":"urn:x",
          "minValue":"1","maxValue":"2","meanValue":"1.5","sDev":"0.1","percRank":"50","percValue":"1.4","uom":"CEL",
          "coordinateReferenceSystem":"EPSG:4326","extensions":\#(extensions)},{"booleanValue":true,"extensions":[]},{"extensions":[]}],
         "extensions":[]}
        """#

    static func events() throws -> [EPCISEvent] {
        var texts: [String] = []
        for (i, commodity) in commodities.enumerated() {
            texts.append(#"""
                {"type":"ObjectEvent","eventID":"urn:uuid:\#(i)","eventTime":"2026-03-02T09:15:00.123+09:00","eventTimeZoneOffset":"+09:00",
                 "recordTime":"2026-03-02T00:15:00Z","errorDeclaration":{"declarationTime":"2026-03-03T00:00:00Z","reason":"incorrect_data",
                 "correctiveEventIDs":["urn:uuid:a","\#(awkward)"],"extensions":\#(extensions)},"certificationInfo":["https://cert/\#(awkward)"],
                 "parentID":"urn:epc:id:sscc:4000001.0000000001","epcList":["https://id.gs1.org/8004/8801234OPM26-0001","urn:epc:id:bic:BDXU2001011"],
                 "childEPCs":["urn:x:1"],"inputEPCList":["urn:x:2"],"outputEPCList":["urn:x:3"],
                 "quantityList":[{"epcClass":"urn:epc:class:lgtin:8801234.000002.CU26-A","quantity":"25.125","uom":"TNE"},{"epcClass":"urn:x:c"}],
                 "childQuantityList":[{"epcClass":"urn:x:d","quantity":"0.001"}],"inputQuantityList":[{"epcClass":"urn:x:e","quantity":"-1","uom":"KGM"}],
                 "outputQuantityList":[],"transformationID":"t\t1","action":"ADD","bizStep":"receiving","disposition":"in_progress",
                 "persistentDisposition":{"set":["active"],"unset":["in_transit","https://ns.bollard.dev/epcis/disp/customs_released"]},
                 "readPoint":{"id":"https://id.gs1.org/414/8801234000048","extensions":[]},
                 "bizLocation":{"id":"https://id.gs1.org/414/8801234000048/254/BAY-A1","extensions":\#(extensions)},
                 "bizTransactionList":[{"type":"bol","bizTransaction":"urn:epcglobal:cbv:bt:8801234000048:HDLN26BUS00871"},{"bizTransaction":"\#(awkward)"}],
                 "sourceList":[{"type":"owning_party","value":"https://id.gs1.org/417/8801234000017"}],
                 "destinationList":[{"type":"location","value":"\#(awkward)"}],"sensorElementList":[\#(fullSensor)],
                 "ilmd":{"commodity":\#(commodity),"hsCode":"710812","extensions":\#(extensions)},"extensions":\#(extensions),
                 "sourcePointer":\#(source(i))}
                """#)
        }
        texts.append(#"""
            {"type":"TransformationEvent","eventTime":"2026-03-02T09:15:00Z","eventTimeZoneOffset":"-00:00","certificationInfo":[],"epcList":[],
             "childEPCs":[],"inputEPCList":[],"outputEPCList":[],"quantityList":[],"childQuantityList":[],"inputQuantityList":[],
             "outputQuantityList":[],"bizTransactionList":[],"sourceList":[],"destinationList":[],"sensorElementList":[],"extensions":[],
             "ilmd":{"extensions":[]},"sourcePointer":\#(source(3))}
            """#)
        return try texts.map { try JSONDecoder().decode(EPCISEvent.self, from: Data($0.utf8)) }
    }

    static let quantity = #"{"value":"25.000","unit":"TNE"}"#
    static let key = #"{"warehouse":"8801234000055","number":"WR-W2-0001"}"#

    static func lots() throws -> [Lot] {
        var texts = commodities.enumerated().map { i, commodity in
            #"""
            {"epc":"urn:epc:class:lgtin:8801234.000002.CU26-\#(i)","commodity":\#(commodity),"hsCode":"740311","declaredQuantity":\#(quantity),
             "manifestQuantity":{"value":"24.9","unit":"KGM"},"manifests":["HDLN26BUS00871","\#(awkward)"],"eventIndexes":[0,5,9007199254740992],
             "memberships":[{"parent":"urn:epc:id:bic:HSTU5123405","addedAt":1,"removedAt":4},{"parent":"urn:epc:id:bic:HSTU5123410","addedAt":6}],
             "children":["urn:x:child"],"derivedFrom":[{"lot":"urn:x:input","eventIndex":2}],"transformedInto":[{"lot":"urn:x:out","eventIndex":7}],
             "arrivalEventIndex":3,"lastBizLocation":"\#(awkward)","lastDisposition":"in_progress",
             "confirmations":[{"submitter":"gln:8801234000055","time":"2026-03-09T10:00:00+09:00","location":"https://id.gs1.org/414/8801234000055",
               "quantity":\#(quantity),"sequence":9,"source":\#(source(i))},{"submitter":"lei:98450012SUYE00000057",
               "time":"2026-03-09T10:00:00Z","sequence":10,"source":\#(source(i + 1))}],
             "receipts":[\#(key)],"discrepancyIndexes":[0],"custodyGapIndexes":[1,2]}
            """#
        }
        texts.append(#"""
            {"epc":"https://id.gs1.org/8004/8801234OPM26-0041","manifests":[],"eventIndexes":[],"memberships":[],"children":[],"derivedFrom":[],
             "transformedInto":[],"confirmations":[],"receipts":[],"discrepancyIndexes":[],"custodyGapIndexes":[]}
            """#)
        return try texts.map { try JSONDecoder().decode(Lot.self, from: Data($0.utf8)) }
    }

    static func receipts() throws -> [WarehouseReceipt] {
        let texts = [
            #"""
            {"key":\#(key),"depositor":"gln:8801234000017","storageLocation":{"site":"8801234000048","subLocation":{"kind":"VAULT","name":"V1"}},
             "lines":[{"lot":"urn:x:1","quantity":\#(quantity),"fineQuantity":{"value":"399.96","unit":"APZ"}},{"lot":"urn:x:2","quantity":\#(quantity)}],
             "state":"pledged","encumbrance":{"token":"BGLD"},"issuedAt":"2026-03-05T10:00:00+09:00","closedAt":"2026-03-06T10:00:00+09:00",
             "history":[{"change":"issued","sequence":3,"time":"2026-03-05T10:00:00+09:00","source":\#(source(0))},
               {"change":"encumbranceReleased","sequence":4,"time":"2026-03-05T11:00:00+09:00","source":\#(source(1))}]}
            """#,
            #"""
            {"key":{"warehouse":"8801234000048","number":"WR-W1-0003"},"depositor":"lei:98450012SUYE00000057","lines":[],"state":"released",
             "encumbrance":{"lender":"98450012SUYE00000057"},"issuedAt":"2026-03-05T10:00:00Z","history":[]}
            """#,
            #"""
            {"key":\#(key),"depositor":"customs:KR-BMC","storageLocation":{"site":"8801234000048"},"lines":[],"state":"issued",
             "issuedAt":"2026-03-05T10:00:00Z","history":[]}
            """#,
        ]
        return try texts.map { try JSONDecoder().decode(WarehouseReceipt.self, from: Data($0.utf8)) }
    }

    static func discrepancies() throws -> [Discrepancy] {
        try [
            #"{"lot":"urn:x:1","expected":\#(quantity),"received":{"value":"23.475","unit":"TNE"},"deviationPercent":"-6.100","tolerancePercent":"0.5","receipt":\#(key),"sequence":4,"time":"2026-03-05T10:00:00+09:00","source":\#(source(2))}"#,
            #"{"lot":"urn:x:2","expected":\#(quantity),"received":{"value":"3","unit":"BLL"},"tolerancePercent":"0","sequence":0,"time":"2026-03-05T10:00:00Z","source":\#(source(3))}"#,
        ].map { try JSONDecoder().decode(Discrepancy.self, from: Data($0.utf8)) }
    }

    static func custodyGaps() throws -> [CustodyGap] {
        try [
            #"{"lot":"urn:x:1","receivedAt":"\#(awkward)","receipt":\#(key),"sequence":4,"time":"2026-03-05T10:00:00+09:00","source":\#(source(0))}"#,
            #"{"lot":"urn:x:2","sequence":5,"time":"2026-03-05T10:00:00Z","source":\#(source(1))}"#,
        ].map { try JSONDecoder().decode(CustodyGap.self, from: Data($0.utf8)) }
    }
}
