/// `discrepancies` rows (`discrepancy/…`, `custody-gap/…`).
extension Discrepancy: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        try writer.member("deviationPercent", deviationPercent)
        try writer.member("expected", expected)
        try writer.member("lot", lot)
        try writer.member("receipt", receipt)
        try writer.member("received", received)
        try writer.member("sequence", sequence)
        try writer.member("source", source)
        try writer.member("time", time)
        try writer.member("tolerancePercent", tolerancePercent)
        writer.endObject()
    }
}

extension CustodyGap: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        try writer.member("lot", lot)
        try writer.member("receipt", receipt)
        writer.member("receivedAt", receivedAt)
        try writer.member("sequence", sequence)
        try writer.member("source", source)
        try writer.member("time", time)
        writer.endObject()
    }
}

/// `{"discrepancy":{…}}` / `{"custodyGap":{…}}`, as `Flag+Codable`.
extension Flag: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        switch self {
        case .discrepancy(let d): try writer.member("discrepancy", d)
        case .custodyGap(let g): try writer.member("custodyGap", g)
        }
        writer.endObject()
    }
}
