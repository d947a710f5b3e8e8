import BollardCore

/// A job's outcome and error are written as RFC 8785 JSON by `JCSWriter`: the same members
/// and values as their `Codable` form, which is how they are read back. Through `JSONEncoder`
/// the outcome of a receipt with ten custody gaps cost about as much CPU as applying it
/// (issue #4); `DocumentResultJCSTests` hold the two to the same bytes.
extension DocumentResult: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        writer.member("acknowledgment", acknowledgment)
        writer.member("documentID", documentID)
        try writer.member("edi", edi)
        try writer.member("error", error)
        try writer.member("events", events)
        writer.member("fileName", fileName)
        if let firstLogIndex {
            writer.name("firstLogIndex")
            guard let index = Int(exactly: firstLogIndex) else { throw JCSError(.numberNotExact, "log index \(firstLogIndex) is out of range") }
            try writer.write(index)
        }
        try writer.member("flags", flags)
        writer.member("format", format?.rawValue)
        writer.name("jobID")
        guard let job = Int(exactly: jobID) else { throw JCSError(.numberNotExact, "job id \(jobID) is out of range") }
        try writer.write(job)
        writer.member("note", note)
        writer.member("status", status.rawValue)
        writer.endObject()
    }
}

extension IngestError: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        writer.member("acknowledgment", acknowledgment)
        writer.member("code", code.rawValue)
        writer.member("context", context)
        writer.member("file", file)
        writer.member("position", position)
        writer.member("rule", rule)
        writer.endObject()
    }
}

extension EDIIngestReport: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        writer.member("errors", errors)
        try writer.member("interchanges", interchanges)
        writer.member("standard", standard.rawValue)
        writer.endObject()
    }
}

extension EDIIngestReport.Interchange: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        writer.member("controlReference", controlReference)
        writer.member("errors", errors)
        try writer.member("groups", groups)
        try writer.member("index", index)
        try writer.member("messages", messages)
        writer.member("outcome", outcome.rawValue)
        writer.endObject()
    }
}

extension EDIIngestReport.Group: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        writer.member("errors", errors)
        try writer.member("index", index)
        writer.member("outcome", outcome.rawValue)
        writer.member("reference", reference)
        writer.endObject()
    }
}

extension EDIIngestReport.Message: JCSEncodable {
    public func writeJCS(to writer: inout JCSWriter) throws(JCSError) {
        writer.beginObject()
        writer.member("errors", errors)
        try writer.member("group", group)
        try writer.member("index", index)
        writer.member("mapping", mapping)
        writer.member("outcome", outcome.rawValue)
        writer.member("reference", reference)
        writer.member("type", type)
        writer.endObject()
    }
}
