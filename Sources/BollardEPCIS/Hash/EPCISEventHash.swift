import Crypto

/// The CBV 2.0 §8.9 event hash of one event, as `ni:///sha-256;<hex>?ver=CBV2.0` (RFC 6920).
public struct EPCISEventHash: Sendable, Equatable {
    /// Position of the event in its document, counting from 0.
    public var index: Int
    /// Where the event sits in the source (JSON path or XML line).
    public var position: String
    /// The hash, or nil when the event cannot be hashed (see `failure`).
    public var hash: String?
    /// The pre-hash string the hash is taken over, if asked for.
    public var preHash: String?
    /// Why the event has no hash: a timestamp that rounds into the next second or an infinite
    /// number. GS1's reference generator drops such events from its output.
    public var failure: String?
}

/// Computes CBV 2.0 event hashes, interoperable with GS1's reference generator
/// (epcis-event-hash-generator) on its published vectors.
public struct EPCISEventHasher: Sendable {
    public init() {}

    /// The pre-hash bytes of one event (CBV 2.0 §8.9.2).
    public func preHash(_ event: EPCISEvent, ignoring ignored: Set<String> = []) throws(EPCISError) -> [UInt8] {
        do {
            return try PreHashBuilder(ignored: ignored).preHash(event)
        } catch {
            throw EPCISError(.malformed, position: event.position, context: error.reason)
        }
    }

    /// `ni:///sha-256;<hex>?ver=CBV2.0` of one event.
    public func hash(_ event: EPCISEvent, ignoring ignored: Set<String> = []) throws(EPCISError) -> String {
        Self.niURI(sha256: try preHash(event, ignoring: ignored))
    }

    /// Hashes of every event of a document in document order.
    public func hashes(_ document: EPCISDocument, includePreHashes: Bool = false) -> [EPCISEventHash] {
        let builder = PreHashBuilder(ignored: Set(document.ignoredFields))
        var out: [EPCISEventHash] = []
        out.reserveCapacity(document.events.count)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(4096)
        for (i, event) in document.events.enumerated() {
            out.append(Self.hash(event, index: i, builder: builder, includePreHashes: includePreHashes, buffer: &buffer))
        }
        return out
    }

    /// Reads EPCIS bytes (JSON-LD by a `.json`/`.jsonld` name, XML by `.xml`, otherwise by the
    /// first non-blank byte) and hashes every event: the engine of `bollard hash FILE…`.
    /// Documents the byte-level fast path reproduces exactly are hashed through it; the others
    /// are decoded into `EPCISDocument` first. Both routes give the same hashes.
    public func hashes(documentBytes: [UInt8], fileName: String, includePreHashes: Bool = false) throws(EPCISError) -> [EPCISEventHash] {
        if let syntax = EPCISDocumentReader.syntax(of: documentBytes, fileName: fileName),
           let fast = EPCISFastPath.hashes(documentBytes, syntax: syntax, includePreHashes: includePreHashes)
        {
            return fast
        }
        return try generalHashes(documentBytes: documentBytes, fileName: fileName, includePreHashes: includePreHashes)
    }

    /// The general path alone: decode, then hash. The fast path's tests compare against it.
    func generalHashes(documentBytes: [UInt8], fileName: String, includePreHashes: Bool = false) throws(EPCISError) -> [EPCISEventHash] {
        let document = try EPCISDocumentReader().read(documentBytes, fileName: fileName)
        return hashes(document, includePreHashes: includePreHashes)
    }

    static let hexDigits = Array("0123456789abcdef".utf8)

    static let niPrefix: StaticString = "ni:///sha-256;"
    static let niSuffix: StaticString = "?ver=CBV2.0"

    /// Written straight into the string's storage: this runs once per event.
    static func niURI(sha256 bytes: [UInt8]) -> String {
        let digest = SHA256.hash(data: bytes)
        let count = niPrefix.utf8CodeUnitCount + 64 + niSuffix.utf8CodeUnitCount
        return String(unsafeUninitializedCapacity: count) { buf in
            var i = 0
            for k in 0..<niPrefix.utf8CodeUnitCount { buf[i] = niPrefix.utf8Start[k]; i += 1 }
            for b in digest {
                buf[i] = hexDigits[Int(b >> 4)]
                buf[i + 1] = hexDigits[Int(b & 0x0F)]
                i += 2
            }
            for k in 0..<niSuffix.utf8CodeUnitCount { buf[i] = niSuffix.utf8Start[k]; i += 1 }
            return i
        }
    }
}

extension EPCISEventHasher {
    /// The lines GS1's reference generator prints for one document, so `bollard hash` output can
    /// be compared with it line by line: one hash per event in document order, or the pre-hash
    /// strings when `preHashes` is set. Events without a hash are left out, as the reference
    /// leaves them out; callers report them from `EPCISEventHash.failure`.
    public static func referenceOutput(_ hashes: [EPCISEventHash], preHashes: Bool = false) -> [String] {
        hashes.compactMap { preHashes ? ($0.hash == nil ? nil : $0.preHash) : $0.hash }
    }
}

extension EPCISEventHasher {
    /// `hashes(_:includePreHashes:)` spread over `parallelism` child tasks, for large documents
    /// on machines with idle cores; each task hashes one contiguous slice of the events and the
    /// results come back in document order.
    public func hashes(_ document: EPCISDocument, includePreHashes: Bool = false, parallelism: Int) async -> [EPCISEventHash] {
        let count = document.events.count
        let tasks = max(1, min(parallelism, count / 256))
        guard tasks > 1 else { return hashes(document, includePreHashes: includePreHashes) }
        let chunk = (count + tasks - 1) / tasks
        let builder = PreHashBuilder(ignored: Set(document.ignoredFields))
        return await withTaskGroup(of: (Int, [EPCISEventHash]).self) { group in
            for t in 0..<tasks {
                let range = (t * chunk)..<min(count, (t + 1) * chunk)
                group.addTask {
                    var out: [EPCISEventHash] = []
                    out.reserveCapacity(range.count)
                    var buffer: [UInt8] = []
                    buffer.reserveCapacity(4096)
                    for i in range {
                        out.append(Self.hash(document.events[i], index: i, builder: builder, includePreHashes: includePreHashes, buffer: &buffer))
                    }
                    return (t, out)
                }
            }
            var parts = [[EPCISEventHash]](repeating: [], count: tasks)
            for await (t, part) in group { parts[t] = part }
            return parts.flatMap { $0 }
        }
    }

    static func hash(_ event: EPCISEvent, index: Int, builder: PreHashBuilder, includePreHashes: Bool,
                     buffer: inout [UInt8]) -> EPCISEventHash {
        var h = EPCISEventHash(index: index, position: event.position)
        do {
            try builder.preHash(event, into: &buffer)
            h.hash = niURI(sha256: buffer)
            if includePreHashes { h.preHash = String(decoding: buffer, as: UTF8.self) }
        } catch {
            h.failure = error.reason
        }
        return h
    }
}
