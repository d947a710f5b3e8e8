/// The engine's whole state in RFC 8785 form: the synthesized `Codable` members in §3.2.3
/// order (see `JCSEncodable`). This is the state snapshot's encoding (`StateProjection.snapshot`):
/// `JSONEncoder` spent ≈ 145 µs per record of state on it — as much as ingesting the record —
/// and the snapshot is written as the log doubles, so that cost was paid again and again.
extension ProvenanceState: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        try writer.member("custodyGaps", custodyGaps)
        try writer.member("discrepancies", discrepancies)
        try writer.member("events", events)
        try writer.member("lots", lots)
        try writer.member("policy", policy)
        try writer.member("receipts", receipts)
        try writer.member("sequence", sequence)
        try writer.member("tokens", tokens)
        writer.endObject()
    }
}

extension RecordedEvent: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        try writer.member("declaredErroneousBy", declaredErroneousBy)
        try writer.member("event", event)
        try writer.member("sequence", sequence)
        try writer.member("submitter", submitter)
        writer.endObject()
    }
}

extension ProvenancePolicy: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        try writer.member("arrivalBizSteps", arrivalBizSteps)
        try writer.member("confirmationBizSteps", confirmationBizSteps)
        try writer.member("reconciliationTolerancePercent", reconciliationTolerancePercent)
        writer.endObject()
    }
}

extension TokenDefinition: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        try writer.member("basis", basis)
        try writer.member("issuer", issuer)
        try writer.member("symbol", symbol)
        try writer.member("unitPerToken", unitPerToken)
        writer.endObject()
    }
}

extension TokenDefinition.CollateralBasis: JCSEncodable {}
