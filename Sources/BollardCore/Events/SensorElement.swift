/// EPCIS 2.0 sensorElement: sensor metadata and its reports, e.g. a tank gauge's
/// temperature and level, or an assay's measured fineness. Numeric values are exact decimals
/// so an assay figure survives unchanged.
public struct SensorElement: Hashable, Sendable, Codable {
    public var sensorMetadata: SensorMetadata?
    public var sensorReport: [SensorReport]
    public var extensions: [ExtensionElement]

    public init(sensorMetadata: SensorMetadata? = nil, sensorReport: [SensorReport], extensions: [ExtensionElement] = []) {
        self.sensorMetadata = sensorMetadata
        self.sensorReport = sensorReport
        self.extensions = extensions
    }
}

public struct SensorMetadata: Hashable, Sendable, Codable {
    public var time: EventTime?
    public var startTime: EventTime?
    public var endTime: EventTime?
    public var deviceID: String?
    public var deviceMetadata: String?
    public var rawData: String?
    public var dataProcessingMethod: String?
    public var bizRules: String?
    public var extensions: [ExtensionElement]

    public init(time: EventTime? = nil, startTime: EventTime? = nil, endTime: EventTime? = nil, deviceID: String? = nil,
                deviceMetadata: String? = nil, rawData: String? = nil, dataProcessingMethod: String? = nil,
                bizRules: String? = nil, extensions: [ExtensionElement] = []) {
        self.time = time
        self.startTime = startTime
        self.endTime = endTime
        self.deviceID = deviceID
        self.deviceMetadata = deviceMetadata
        self.rawData = rawData
        self.dataProcessingMethod = dataProcessingMethod
        self.bizRules = bizRules
        self.extensions = extensions
    }
}

/// One sensorReport. `type` is a GS1 measurement type URI (`gs1:Temperature` expands to
/// `https://gs1.org/voc/Temperature`) or a private URI; kept verbatim.
public struct SensorReport: Hashable, Sendable, Codable {
    public var type: String?
    public var exception: String?
    public var deviceID: String?
    public var deviceMetadata: String?
    public var rawData: String?
    public var dataProcessingMethod: String?
    public var time: EventTime?
    public var microorganism: String?
    public var chemicalSubstance: String?
    public var value: ExactDecimal?
    public var component: String?
    public var stringValue: String?
    public var booleanValue: Bool?
    public var hexBinaryValue: String?
    public var uriValue: String?
    public var minValue: ExactDecimal?
    public var maxValue: ExactDecimal?
    public var meanValue: ExactDecimal?
    public var sDev: ExactDecimal?
    public var percRank: ExactDecimal?
    public var percValue: ExactDecimal?
    public var uom: UnitCode?
    public var coordinateReferenceSystem: String?
    public var extensions: [ExtensionElement]

    public init(type: String? = nil, value: ExactDecimal? = nil, uom: UnitCode? = nil) {
        self.type = type
        self.value = value
        self.uom = uom
        self.extensions = []
    }
}
