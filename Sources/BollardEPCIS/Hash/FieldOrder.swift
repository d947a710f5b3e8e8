/// The canonical property order of the CBV 2.0 event hash (§8.9.2 step 2), as GS1's reference
/// generator applies it: certificationInfo and parentID come straight after the time fields,
/// and sensorElementList closes the fixed part (the bizTransaction, source and destination
/// lists fall through to the sorted remainder).
struct FieldOrder: Sendable {
    let entries: [(name: String, children: FieldOrder?, isTime: Bool)]
    let index: [String: Int]

    init(_ entries: [(String, FieldOrder?)]) {
        self.entries = entries.map { (name: $0.0, children: $0.1, isTime: PreHashBuilder.isTimeField($0.0)) }
        var index: [String: Int] = [:]
        for (i, e) in entries.enumerated() { index[e.0] = i }
        self.index = index
    }

    static let epc = FieldOrder([("epc", nil)])
    static let quantityElement = FieldOrder([
        ("quantityElement", FieldOrder([("epcClass", nil), ("quantity", nil), ("uom", nil)])),
    ])
    static let sensorMetadata = FieldOrder([
        ("time", nil), ("startTime", nil), ("endTime", nil), ("deviceID", nil), ("deviceMetadata", nil),
        ("rawData", nil), ("dataProcessingMethod", nil), ("bizRules", nil),
    ])
    static let sensorReport = FieldOrder([
        ("type", nil), ("exception", nil), ("deviceID", nil), ("deviceMetadata", nil), ("rawData", nil),
        ("dataProcessingMethod", nil), ("time", nil), ("microorganism", nil), ("chemicalSubstance", nil),
        ("value", nil), ("component", nil), ("stringValue", nil), ("booleanValue", nil), ("hexBinaryValue", nil),
        ("uriValue", nil), ("minValue", nil), ("maxValue", nil), ("meanValue", nil), ("sDev", nil),
        ("percRank", nil), ("percValue", nil), ("uom", nil), ("coordinateReferenceSystem", nil),
    ])

    static let event = FieldOrder([
        ("eventTime", nil),
        ("eventTimeZoneOffset", nil),
        ("certificationInfo", nil),
        ("parentID", nil),
        ("epcList", epc),
        ("inputEPCList", epc),
        ("childEPCs", epc),
        ("quantityList", quantityElement),
        ("childQuantityList", quantityElement),
        ("inputQuantityList", quantityElement),
        ("outputEPCList", epc),
        ("outputQuantityList", quantityElement),
        ("action", nil),
        ("transformationID", nil),
        ("bizStep", nil),
        ("disposition", nil),
        ("persistentDisposition", FieldOrder([("set", nil), ("unset", nil)])),
        ("readPoint", FieldOrder([("id", nil)])),
        ("bizLocation", FieldOrder([("id", nil)])),
        ("sensorElementList", FieldOrder([
            ("sensorElement", FieldOrder([("sensorMetadata", sensorMetadata), ("sensorReport", sensorReport)])),
        ])),
    ])
}
