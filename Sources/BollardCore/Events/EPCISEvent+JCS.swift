/// The RFC 8785 form of a custody event and its parts: the members their synthesized `Codable`
/// conformances write, in §3.2.3 order (see `JCSEncodable`).
extension EPCISEvent: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        try writeJCS(to: &writer, submitter: nil)
    }

    /// The event with one more member, `submitter`, in its sorted place: a custody record's
    /// leaf (`CustodyRecord`), written in one pass.
    public func writeJCS(to writer: inout JCSWriter, submitter: String?) throws(JCSError) {
        writer.beginObject()
        try writer.member("action", action)
        try writer.member("bizLocation", bizLocation)
        try writer.member("bizStep", bizStep)
        try writer.member("bizTransactionList", bizTransactionList)
        writer.member("certificationInfo", certificationInfo)
        try writer.member("childEPCs", childEPCs)
        try writer.member("childQuantityList", childQuantityList)
        try writer.member("destinationList", destinationList)
        try writer.member("disposition", disposition)
        try writer.member("epcList", epcList)
        try writer.member("errorDeclaration", errorDeclaration)
        writer.member("eventID", eventID)
        try writer.member("eventTime", eventTime)
        writer.member("eventTimeZoneOffset", eventTimeZoneOffset)
        try writer.member("extensions", extensions)
        try writer.member("ilmd", ilmd)
        try writer.member("inputEPCList", inputEPCList)
        try writer.member("inputQuantityList", inputQuantityList)
        try writer.member("outputEPCList", outputEPCList)
        try writer.member("outputQuantityList", outputQuantityList)
        try writer.member("parentID", parentID)
        try writer.member("persistentDisposition", persistentDisposition)
        try writer.member("quantityList", quantityList)
        try writer.member("readPoint", readPoint)
        try writer.member("recordTime", recordTime)
        try writer.member("sensorElementList", sensorElementList)
        try writer.member("sourceList", sourceList)
        try writer.member("sourcePointer", sourcePointer)
        writer.member("submitter", submitter)
        writer.member("transformationID", transformationID)
        try writer.member("type", type)
        writer.endObject()
    }
}

extension EventType: JCSEncodable {}
extension Action: JCSEncodable {}

extension BizTransaction: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        writer.member("bizTransaction", bizTransaction)
        try writer.member("type", type)
        writer.endObject()
    }
}

extension SourceDestination: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        try writer.member("type", type)
        writer.member("value", value)
        writer.endObject()
    }
}

extension ExtensionElement: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        try writer.member("children", children)
        writer.member("name", name)
        writer.member("namespace", namespace)
        writer.member("value", value)
        writer.endObject()
    }
}

extension EPCISLocation: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        try writer.member("extensions", extensions)
        writer.member("id", id)
        writer.endObject()
    }
}

extension QuantityElement: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        try writer.member("epcClass", epcClass)
        try writer.member("quantity", quantity)
        try writer.member("uom", uom)
        writer.endObject()
    }
}

extension ErrorDeclaration: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        writer.member("correctiveEventIDs", correctiveEventIDs)
        try writer.member("declarationTime", declarationTime)
        try writer.member("extensions", extensions)
        try writer.member("reason", reason)
        writer.endObject()
    }
}

extension PersistentDisposition: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        try writer.member("set", set)
        try writer.member("unset", unset)
        writer.endObject()
    }
}

extension SensorElement: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        try writer.member("extensions", extensions)
        try writer.member("sensorMetadata", sensorMetadata)
        try writer.member("sensorReport", sensorReport)
        writer.endObject()
    }
}

extension SensorMetadata: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        writer.member("bizRules", bizRules)
        writer.member("dataProcessingMethod", dataProcessingMethod)
        writer.member("deviceID", deviceID)
        writer.member("deviceMetadata", deviceMetadata)
        try writer.member("endTime", endTime)
        try writer.member("extensions", extensions)
        writer.member("rawData", rawData)
        try writer.member("startTime", startTime)
        try writer.member("time", time)
        writer.endObject()
    }
}

extension SensorReport: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        writer.member("booleanValue", booleanValue)
        writer.member("chemicalSubstance", chemicalSubstance)
        writer.member("component", component)
        writer.member("coordinateReferenceSystem", coordinateReferenceSystem)
        writer.member("dataProcessingMethod", dataProcessingMethod)
        writer.member("deviceID", deviceID)
        writer.member("deviceMetadata", deviceMetadata)
        writer.member("exception", exception)
        try writer.member("extensions", extensions)
        writer.member("hexBinaryValue", hexBinaryValue)
        try writer.member("maxValue", maxValue)
        try writer.member("meanValue", meanValue)
        writer.member("microorganism", microorganism)
        try writer.member("minValue", minValue)
        try writer.member("percRank", percRank)
        try writer.member("percValue", percValue)
        writer.member("rawData", rawData)
        try writer.member("sDev", sDev)
        writer.member("stringValue", stringValue)
        try writer.member("time", time)
        writer.member("type", type)
        try writer.member("uom", uom)
        writer.member("uriValue", uriValue)
        try writer.member("value", value)
        writer.endObject()
    }
}

extension ILMD: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        try writer.member("commodity", commodity)
        try writer.member("extensions", extensions)
        try writer.member("hsCode", hsCode)
        writer.endObject()
    }
}

extension SourcePointer: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        writer.member("documentSHA256", documentSHA256)
        try writer.member("position", position)
        writer.endObject()
    }
}

/// As synthesized `Codable` writes an enum with associated values: `{"case":{labels…}}`.
extension SourcePosition: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        switch self {
        case .ediSegments(let messageReference, let firstSegment, let lastSegment):
            writer.name("ediSegments")
            writer.beginObject()
            try writer.member("firstSegment", firstSegment)
            try writer.member("lastSegment", lastSegment)
            writer.member("messageReference", messageReference)
            writer.endObject()
        case .jsonPath(let path):
            writer.name("jsonPath")
            writer.beginObject()
            writer.member("path", path)
            writer.endObject()
        case .wholeDocument:
            writer.name("wholeDocument")
            writer.beginObject()
            writer.endObject()
        case .xml(let line, let column):
            writer.name("xml")
            writer.beginObject()
            try writer.member("column", column)
            try writer.member("line", line)
            writer.endObject()
        }
        writer.endObject()
    }
}
