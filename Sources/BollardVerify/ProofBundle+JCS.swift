import BollardCore

/// A bundle as RFC 8785 canonical JSON, written straight into bytes: the JSON of `Codable`'s
/// synthesized conformance (integrations/bundle-format.md's member names; nil members left out),
/// members in §3.2.3 order. The HTTP service answers every lookup with it, where JSONEncoder's
/// boxing cost more than building the bundle.
extension ProofBundle: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        try writer.member("anchors", anchors)
        try writer.member("consistencyProofs", consistencyProofs)
        writer.member("format", format)
        try writer.member("items", items)
        try writer.member("log", log)
        try writer.member("subject", subject)
        try writer.member("version", version)
        writer.endObject()
    }
}

extension ProofBundle.Subject: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        writer.member("id", id)
        writer.member("kind", kind)
        writer.endObject()
    }
}

extension ProofBundle.LogSection: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        writer.member("checkpoint", checkpoint)
        writer.member("key", key)
        writer.member("origin", origin)
        writer.endObject()
    }
}

extension ProofBundle.Item: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        writer.member("eventHash", eventHash)
        writer.member("inclusionProof", inclusionProof)
        try writer.member("index", Self.jsonInteger(index))
        writer.member("kind", kind)
        writer.member("leaf", leaf)
        writer.name("summary")
        try writer.write(summary)
        writer.endObject()
    }

    /// A log index as JSON's integer; RFC 8785 numbers are IEEE 754 doubles, exact to 2⁵³.
    static func jsonInteger(_ n: UInt64) throws(JCSError) -> Int {
        guard n <= 1 << 53 else { throw JCSError(.numberNotExact, "\(n) is above 2^53") }
        return Int(n)
    }
}

extension ProofBundle.AnchorEvidence: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        try writer.member("confirmations", confirmations)
        try writer.member("ethereum", ethereum)
        writer.member("id", id)
        writer.member("ledger", ledger)
        writer.member("ledgerKey", ledgerKey)
        writer.member("record", record)
        writer.endObject()
    }
}

extension ProofBundle.EthereumSection: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        writer.member("blockHash", blockHash)
        writer.member("blockNumber", blockNumber)
        writer.member("chainId", chainId)
        writer.member("contract", contract)
        writer.member("root", root)
        try writer.member("size", ProofBundle.Item.jsonInteger(size))
        writer.member("transactionHash", transactionHash)
        writer.endObject()
    }
}

extension ProofBundle.ConsistencyEvidence: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        writer.member("fromCheckpoint", fromCheckpoint)
        writer.member("proof", proof)
        writer.endObject()
    }
}
