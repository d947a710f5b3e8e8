import BollardLog
import BollardStore
import HTTPTypes
import Hummingbird

/// The transparency log, read-only, as C2SP tlog-tiles serves it: the signed checkpoint, tiles
/// and entry bundles at their canonical paths, and RFC 9162 proofs computed from the stored
/// tiles (never by rebuilding the tree). Proofs are bounded by the published checkpoint, so
/// every root they lead to is one a verifier can check a signature on.
struct LogRoutes<S: Store>: Sendable {
    let store: S

    /// Full tiles and bundles never change (tlog-tiles §Full tiles): cache them for a year.
    static var immutable: String { "public, max-age=31536000, immutable" }
    /// Partial ones are replaced by wider ones as the log grows.
    static var partial: String { "public, max-age=60" }

    func checkpoint() async throws -> Response {
        guard let note = try await store.tiles.readCheckpoint() else { throw ProblemDetails.notFound("the log has no checkpoint yet") }
        return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-cache"],
                        body: .init(byteBuffer: ByteBuffer(bytes: note)))
    }

    func tile(_ context: BollardRequestContext) async throws -> Response {
        let path = "tile/" + context.parameters.getCatchAll().joined(separator: "/")
        let bytes: [UInt8]?
        let partial: Bool
        do {
            if path.hasPrefix("tile/entries/") {
                let id = try EntryBundleID(path: path)
                partial = id.isPartial
                bytes = try await store.tiles.readEntryBundle(id)
            } else {
                let id = try TileID(path: path)
                partial = id.isPartial
                bytes = try await store.tiles.readTile(id)
            }
        } catch let e as TilePathError {
            throw ProblemDetails.badRequest("\(e)", code: "bad-tile-path")
        }
        guard let bytes else { throw ProblemDetails.notFound("no \(path) in this log") }
        return Response(status: .ok, headers: [.contentType: "application/octet-stream",
                                               .cacheControl: partial ? Self.partial : Self.immutable],
                        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    struct InclusionAnswer: Encodable {
        var index: UInt64
        var treeSize: UInt64
        /// Base64 (RFC 4648 §4) SHA-256 hashes, leaf to root (RFC 9162 §2.1.3).
        var hashes: [String]
    }

    struct ConsistencyAnswer: Encodable {
        var from: UInt64
        var to: UInt64
        var hashes: [String]
    }

    func inclusion(_ request: Request) async throws -> Response {
        let published = try await publishedSize()
        let index = try Self.number(request, "index", default: nil)
        let size = try Self.number(request, "size", default: published)
        guard size <= published else { throw ProblemDetails.badRequest("size \(size) is beyond the published checkpoint's \(published)") }
        guard index < size else { throw ProblemDetails.badRequest("index \(index) is not below size \(size)") }
        let hashes = try await StoredHashes.inclusionProof(index: index, treeSize: size, reader: reader(published))
        return try JSONBody.response(.ok, InclusionAnswer(index: index, treeSize: size, hashes: hashes.map(\.base64)))
    }

    func consistency(_ request: Request) async throws -> Response {
        let published = try await publishedSize()
        let from = try Self.number(request, "from", default: nil)
        let to = try Self.number(request, "to", default: published)
        guard to <= published else { throw ProblemDetails.badRequest("to \(to) is beyond the published checkpoint's \(published)") }
        guard from > 0, from <= to else { throw ProblemDetails.badRequest("need 0 < from ≤ to (RFC 9162 §2.1.4); got \(from), \(to)") }
        let hashes = try await StoredHashes.consistencyProof(size1: from, size2: to, reader: reader(published))
        return try JSONBody.response(.ok, ConsistencyAnswer(from: from, to: to, hashes: hashes.map(\.base64)))
    }

    private func reader(_ size: UInt64) -> TileHashReader<S.Tiles> { TileHashReader(store: store.tiles, treeSize: size) }

    private func publishedSize() async throws -> UInt64 {
        guard let note = try await store.tiles.readCheckpoint(), let size = TransparencyLog<S.Tiles>.checkpointTreeSize(note) else {
            throw ProblemDetails.notFound("the log has no checkpoint yet")
        }
        return size
    }

    static func number(_ request: Request, _ name: String, default fallback: UInt64?) throws -> UInt64 {
        guard let text = request.uri.queryParameters.get(name) else {
            if let fallback { return fallback }
            throw ProblemDetails.badRequest("query parameter \(name) is required")
        }
        guard let v = UInt64(text) else { throw ProblemDetails.badRequest("\(name)=\(text) is not a non-negative integer") }
        return v
    }
}
