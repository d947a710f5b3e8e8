/// A `lots` state row in RFC 8785 form: the synthesized `Codable` members in §3.2.3 order
/// (see `JCSEncodable`; `StateProjection` writes it).
extension Lot: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        try writer.member("arrivalEventIndex", arrivalEventIndex)
        try writer.member("children", children)
        try writer.member("commodity", commodity)
        try writer.member("confirmations", confirmations)
        try writer.member("custodyGapIndexes", custodyGapIndexes)
        try writer.member("declaredQuantity", declaredQuantity)
        try writer.member("derivedFrom", derivedFrom)
        try writer.member("discrepancyIndexes", discrepancyIndexes)
        try writer.member("epc", epc)
        try writer.member("eventIndexes", eventIndexes)
        try writer.member("hsCode", hsCode)
        writer.member("lastBizLocation", lastBizLocation)
        try writer.member("lastDisposition", lastDisposition)
        try writer.member("manifestQuantity", manifestQuantity)
        writer.member("manifests", manifests)
        try writer.member("memberships", memberships)
        try writer.member("receipts", receipts)
        try writer.member("transformedInto", transformedInto)
        writer.endObject()
    }
}

extension Membership: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        try writer.member("addedAt", addedAt)
        try writer.member("parent", parent)
        try writer.member("removedAt", removedAt)
        writer.endObject()
    }
}

extension Derivation: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        try writer.member("eventIndex", eventIndex)
        try writer.member("lot", lot)
        writer.endObject()
    }
}

extension InventoryConfirmation: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        writer.member("location", location)
        try writer.member("quantity", quantity)
        try writer.member("sequence", sequence)
        try writer.member("source", source)
        try writer.member("submitter", submitter)
        try writer.member("time", time)
        writer.endObject()
    }
}
