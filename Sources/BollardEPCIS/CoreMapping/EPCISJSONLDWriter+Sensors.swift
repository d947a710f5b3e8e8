import BollardCore

/// EPCIS 2.0 §7.3.8 sensor data in the JSON-LD binding: numeric members as JSON numbers (their
/// exact decimal text), `booleanValue` as a JSON boolean, everything else as strings.
extension EPCISJSONLDWriter {
    static func sensorElement(_ s: SensorElement, prefixes: inout NamespacePrefixes) -> String {
        var o = JSONObjectText()
        if let m = s.sensorMetadata {
            var x = JSONObjectText()
            let times: [(String, EventTime?)] = [("time", m.time), ("startTime", m.startTime), ("endTime", m.endTime)]
            for (name, t) in times { if let t { x.add(name, JSONText.string(t.text)) } }
            let texts: [(String, String?)] = [("deviceID", m.deviceID), ("deviceMetadata", m.deviceMetadata), ("rawData", m.rawData),
                                              ("dataProcessingMethod", m.dataProcessingMethod), ("bizRules", m.bizRules)]
            for (name, v) in texts { if let v { x.add(name, JSONText.string(v)) } }
            addExtensions(m.extensions, to: &x, prefixes: &prefixes)
            o.add("sensorMetadata", x.text)
        }
        if !s.sensorReport.isEmpty {
            o.add("sensorReport", JSONText.array(s.sensorReport.map { sensorReport($0, prefixes: &prefixes) }))
        }
        addExtensions(s.extensions, to: &o, prefixes: &prefixes)
        return o.text
    }

    static func sensorReport(_ r: SensorReport, prefixes: inout NamespacePrefixes) -> String {
        var x = JSONObjectText()
        func text(_ name: String, _ v: String?) { if let v { x.add(name, JSONText.string(v)) } }
        func number(_ name: String, _ v: ExactDecimal?) { if let v { x.add(name, v.description) } }
        text("type", r.type)
        text("exception", r.exception)
        text("deviceID", r.deviceID)
        text("deviceMetadata", r.deviceMetadata)
        text("rawData", r.rawData)
        text("dataProcessingMethod", r.dataProcessingMethod)
        text("time", r.time?.text)
        text("microorganism", r.microorganism)
        text("chemicalSubstance", r.chemicalSubstance)
        number("value", r.value)
        text("component", r.component)
        text("stringValue", r.stringValue)
        if let b = r.booleanValue { x.add("booleanValue", b ? "true" : "false") }
        text("hexBinaryValue", r.hexBinaryValue)
        text("uriValue", r.uriValue)
        number("minValue", r.minValue)
        number("maxValue", r.maxValue)
        number("meanValue", r.meanValue)
        number("sDev", r.sDev)
        number("percRank", r.percRank)
        number("percValue", r.percValue)
        text("uom", r.uom?.code)
        text("coordinateReferenceSystem", r.coordinateReferenceSystem)
        addExtensions(r.extensions, to: &x, prefixes: &prefixes)
        return x.text
    }
}
