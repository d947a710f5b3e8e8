/// `receipts`, `bindings` and `pledges` state rows in RFC 8785 form: the `Codable` members in
/// §3.2.3 order (see `JCSEncodable`; `StateProjection` writes them).
extension WarehouseReceipt: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        try writer.member("closedAt", closedAt)
        try writer.member("depositor", depositor)
        try writer.member("encumbrance", encumbrance)
        try writer.member("history", history)
        try writer.member("issuedAt", issuedAt)
        try writer.member("key", key)
        try writer.member("lines", lines)
        try writer.member("state", state)
        try writer.member("storageLocation", storageLocation)
        writer.endObject()
    }
}

extension ReceiptState: JCSEncodable {}
extension ReceiptHistoryEntry.Change: JCSEncodable {}

extension ReceiptKey: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        try writer.member("number", number)
        try writer.member("warehouse", warehouse)
        writer.endObject()
    }
}

extension ReceiptLine: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        try writer.member("fineQuantity", fineQuantity)
        try writer.member("lot", lot)
        try writer.member("quantity", quantity)
        writer.endObject()
    }
}

extension ReceiptHistoryEntry: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        try writer.member("change", change)
        try writer.member("sequence", sequence)
        try writer.member("source", source)
        try writer.member("time", time)
        writer.endObject()
    }
}

/// `{"token":"BGLD"}` / `{"lender":"…"}`, as `Encumbrance+Codable` writes it.
extension Encumbrance: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        switch self {
        case .lender(let l): try writer.member("lender", l)
        case .token(let s): try writer.member("token", s)
        }
        writer.endObject()
    }
}
