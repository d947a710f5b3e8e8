/// The byte-level route from an EPCIS document to its CBV 2.0 event hashes: no `JSONValue` or
/// `EPCISField` tree, one token array for the document and buffers reused from event to event.
///
/// It gives the hashes, pre-hashes and failures `EPCISEventHasher.hashes(_:)` gives, or nil
/// for a document it does not reproduce exactly (see `JSONLDFastDocument` and
/// `XMLFastDocument`); callers then take
/// the general path, which also reports refusals with their positions.
enum EPCISFastPath {
    static func hashes(_ bytes: [UInt8], syntax: EPCISDocumentReader.Syntax, includePreHashes: Bool) -> [EPCISEventHash]? {
        switch syntax {
        case .jsonLD:
            guard let doc = JSONLDFastDocument(bytes: bytes) else { return nil }
            return doc.hashes(0..<doc.events.count, includePreHashes: includePreHashes)
        case .xml:
            return XMLFastDocument.hashes(bytes, includePreHashes: includePreHashes)
        }
    }

    /// As `hashes`, with the events split into `parallelism` contiguous slices hashed by child
    /// tasks once the document has been tokenised. XML is hashed as it streams, on one task.
    static func hashes(_ bytes: [UInt8], syntax: EPCISDocumentReader.Syntax, includePreHashes: Bool,
                       parallelism: Int) async -> [EPCISEventHash]?
    {
        if syntax == .xml { return XMLFastDocument.hashes(bytes, includePreHashes: includePreHashes) }
        guard let doc = JSONLDFastDocument(bytes: bytes) else { return nil }
        let count = doc.events.count
        let tasks = max(1, min(parallelism, count / 256))
        guard tasks > 1 else { return doc.hashes(0..<count, includePreHashes: includePreHashes) }
        let chunk = (count + tasks - 1) / tasks
        return await withTaskGroup(of: (Int, [EPCISEventHash]?).self) { group in
            for t in 0..<tasks {
                let range = (t * chunk)..<min(count, (t + 1) * chunk)
                group.addTask { (t, doc.hashes(range, includePreHashes: includePreHashes)) }
            }
            var parts = [[EPCISEventHash]?](repeating: nil, count: tasks)
            for await (t, part) in group { parts[t] = part }
            var out: [EPCISEventHash] = []
            out.reserveCapacity(count)
            for part in parts {
                guard let part else { return nil }
                out += part
            }
            return out
        }
    }
}

extension EPCISEventHasher {
    /// `hashes(documentBytes:fileName:includePreHashes:)` with the hashing spread over
    /// `parallelism` tasks: the engine of `bollard bench epcis-hash --parallel`.
    public func hashes(documentBytes: [UInt8], fileName: String, includePreHashes: Bool = false,
                       parallelism: Int) async throws(EPCISError) -> [EPCISEventHash]
    {
        if let syntax = EPCISDocumentReader.syntax(of: documentBytes, fileName: fileName),
           let fast = await EPCISFastPath.hashes(documentBytes, syntax: syntax, includePreHashes: includePreHashes,
                                                 parallelism: parallelism)
        {
            return fast
        }
        let document = try EPCISDocumentReader().read(documentBytes, fileName: fileName)
        return await hashes(document, includePreHashes: includePreHashes, parallelism: parallelism)
    }
}
