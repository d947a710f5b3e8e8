import BollardCore

/// EPCIS 2.0 §7.3.8 sensor data: `sensorElementList` → `SensorElement`s. Both bindings reach
/// here alike (XML attributes are fields of the same names). Any other field is kept as an
/// extension element — with an empty namespace when it has none (a standard field written at the
/// wrong level, such as GS1's own example with `bizRules` on a sensorReport): it takes part in the
/// event hash, so dropping it would change the hash.
extension FieldReader {
    func sensorElements(_ list: EPCISField) throws(CoreMappingError) -> [SensorElement] {
        try list.children.map { (element) throws(CoreMappingError) in
            var out = SensorElement(sensorReport: [])
            for f in element.children {
                switch f.name {
                case "sensorMetadata": out.sensorMetadata = try sensorMetadata(f)
                case "sensorReport": out.sensorReport.append(try sensorReport(f))
                default: out.extensions.append(try extensionElement(f))
                }
            }
            return out
        }
    }

    func sensorMetadata(_ m: EPCISField) throws(CoreMappingError) -> SensorMetadata {
        var out = SensorMetadata()
        for f in m.children {
            switch f.name {
            case "time": out.time = try time(f.value, "sensorMetadata.time")
            case "startTime": out.startTime = try time(f.value, "sensorMetadata.startTime")
            case "endTime": out.endTime = try time(f.value, "sensorMetadata.endTime")
            case "deviceID": out.deviceID = f.value
            case "deviceMetadata": out.deviceMetadata = f.value
            case "rawData": out.rawData = f.value
            case "dataProcessingMethod": out.dataProcessingMethod = f.value
            case "bizRules": out.bizRules = f.value
            default: out.extensions.append(try extensionElement(f))
            }
        }
        return out
    }

    func sensorReport(_ r: EPCISField) throws(CoreMappingError) -> SensorReport {
        var out = SensorReport()
        for f in r.children {
            let v = f.value
            switch f.name {
            case "type": out.type = v
            case "exception": out.exception = v
            case "deviceID": out.deviceID = v
            case "deviceMetadata": out.deviceMetadata = v
            case "rawData": out.rawData = v
            case "dataProcessingMethod": out.dataProcessingMethod = v
            case "time": out.time = try time(v, "sensorReport.time")
            case "microorganism": out.microorganism = v
            case "chemicalSubstance": out.chemicalSubstance = v
            case "value": out.value = try decimal(v, "sensorReport.value")
            case "component": out.component = v
            case "stringValue": out.stringValue = v
            case "booleanValue":
                // JSON true/false reach here as Python's True/False (the hash's rendering).
                switch v {
                case "true", "True": out.booleanValue = true
                case "false", "False": out.booleanValue = false
                default: throw error(.invalidValue, "sensorReport.booleanValue", "'\(v)' is not a boolean")
                }
            case "hexBinaryValue": out.hexBinaryValue = v
            case "uriValue": out.uriValue = v
            case "minValue": out.minValue = try decimal(v, "sensorReport.minValue")
            case "maxValue": out.maxValue = try decimal(v, "sensorReport.maxValue")
            case "meanValue": out.meanValue = try decimal(v, "sensorReport.meanValue")
            case "sDev": out.sDev = try decimal(v, "sensorReport.sDev")
            case "percRank": out.percRank = try decimal(v, "sensorReport.percRank")
            case "percValue": out.percValue = try decimal(v, "sensorReport.percValue")
            case "uom":
                do { out.uom = try UnitCode(v) } catch { throw self.error(.invalidValue, "sensorReport.uom", error.description) }
            case "coordinateReferenceSystem": out.coordinateReferenceSystem = v
            default: out.extensions.append(try extensionElement(f))
            }
        }
        return out
    }

    func decimal(_ text: String, _ name: String) throws(CoreMappingError) -> ExactDecimal {
        do { return try ExactDecimal(text) } catch { throw self.error(.invalidValue, name, "'\(text)': \(error)") }
    }
}
