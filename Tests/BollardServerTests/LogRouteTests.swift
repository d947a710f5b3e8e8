import BollardLog
import BollardServer
import BollardStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Tile serving as tlog-tiles asks: full tiles immutable for a year, partial ones briefly,
/// non-canonical paths refused, the stored bytes served unchanged.
@Suite struct LogRouteTests {
    @Test(arguments: Backend.selected)
    func fullTilesAreImmutableAndPartialOnesAreNot(_ backend: Backend) async throws {
        try await withServer(backend) { client, h in
            let full = (0..<(256 * 32)).map { UInt8(truncatingIfNeeded: $0 &* 7) }
            let partial = Array(full.prefix(5 * 32))
            try await h.store.tiles.writeTile(try TileID(level: 0, index: 1), full)
            try await h.store.tiles.writeTile(try TileID(level: 0, index: 2, width: 5), partial)
            try await client.execute(uri: "/v1/log/tile/0/001", method: .get) { (r) throws in
                #expect(r.status == .ok)
                #expect(r.headers[.cacheControl] == "public, max-age=31536000, immutable")
                #expect(Array(r.body.readableBytesView) == full)
            }
            try await client.execute(uri: "/v1/log/tile/0/002.p/5", method: .get) { (r) throws in
                #expect(r.status == .ok)
                #expect(r.headers[.cacheControl] == "public, max-age=60")
                #expect(Array(r.body.readableBytesView) == partial)
            }
            for bad in ["/v1/log/tile/0/1", "/v1/log/tile/0/002.p/256", "/v1/log/tile/x/000", "/v1/log/tile/entries/000.p/0"] {
                try await client.execute(uri: bad, method: .get) { #expect($0.status == .badRequest, "\(bad)") }
            }
            try await client.execute(uri: "/v1/log/checkpoint", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/v1/log/proof/inclusion?index=0", method: .get) { #expect($0.status == .notFound) }
        }
    }
}
