import BollardTestSupport
import Foundation
import Testing

@testable import BollardLog

/// ../shared/conformance/merkle/c2sp/tile-path-vectors.json: C2SP index encoding and tile
/// counts, and Go sumdb paths with an explicit height.
struct TilePathTests {
    struct Vectors: Decodable {
        struct Encoding: Decodable { let index: UInt64; let path: String }
        struct Counts: Decodable {
            struct Level: Decodable { let level: Int; let fullTiles: UInt64; let partialWidth: Int }
            let treeSize: UInt64
            let tiles: [Level]
        }
        struct Rules: Decodable {
            let fullTileHashes: Int
            let fullTileBytes: Int
            let partialWidthRange: [Int]
            let levelRange: [Int]
        }
        struct Sumdb: Decodable {
            let path: String
            let H: Int?
            let L: Int?
            let N: UInt64?
            let W: Int?
            let invalid: Bool?
        }
        struct TreeNote: Decodable { let n: UInt64; let recordHashOf: String; let hashB64: String; let text: String }
        let goSumdbTreeNote: TreeNote
        let c2spIndexEncoding: [Encoding]
        let c2spTileCounts: [Counts]
        let c2spRules: Rules
        let goSumdbTilePaths: [Sumdb]
    }

    static func load() throws -> Vectors {
        let url = try SharedData.conformance("merkle/c2sp/tile-path-vectors.json")
        return try JSONDecoder().decode(Vectors.self, from: Data(contentsOf: url))
    }

    @Test func indexEncoding() throws {
        let v = try Self.load()
        #expect(v.c2spIndexEncoding.count == 5)
        for e in v.c2spIndexEncoding {
            let tile = try TileID(level: 0, index: e.index)
            #expect(tile.path == "tile/0/\(e.path)")
            #expect(try TileID(path: "tile/0/\(e.path)") == tile)
            let bundle = try EntryBundleID(index: e.index)
            #expect(bundle.path == "tile/entries/\(e.path)")
            #expect(try EntryBundleID(path: bundle.path) == bundle)
        }
    }

    @Test func tileCountsForTreeSizes() throws {
        let v = try Self.load()
        #expect(v.c2spTileCounts.count == 2)
        for c in v.c2spTileCounts {
            let tiles = TileLayout.tiles(treeSize: c.treeSize)
            let levels = Set(tiles.map(\.level))
            #expect(levels == Set(c.tiles.map(\.level)), "levels for size \(c.treeSize)")
            for want in c.tiles {
                let atLevel = tiles.filter { $0.level == want.level }
                #expect(UInt64(atLevel.filter { !$0.isPartial }.count) == want.fullTiles, "full at level \(want.level) of \(c.treeSize)")
                let partial = atLevel.filter(\.isPartial)
                if want.partialWidth == 0 {
                    #expect(partial.isEmpty)
                } else {
                    #expect(partial.map(\.width) == [want.partialWidth], "partial at level \(want.level) of \(c.treeSize)")
                    #expect(partial.first?.index == want.fullTiles)
                }
            }
        }
    }

    @Test func rules() throws {
        let v = try Self.load()
        #expect(TileID.fullWidth == v.c2spRules.fullTileHashes)
        #expect(TileID.fullWidth * MerkleHash.byteCount == v.c2spRules.fullTileBytes)
        #expect(TileID.maxLevel == v.c2spRules.levelRange[1])
        let lo = v.c2spRules.partialWidthRange[0], hi = v.c2spRules.partialWidthRange[1]
        #expect(throws: TilePathError.self) { try TileID(path: "tile/0/000.p/\(lo - 1)") }
        #expect(throws: TilePathError.self) { try TileID(path: "tile/0/000.p/\(hi + 1)") }
        #expect(try TileID(path: "tile/0/000.p/\(hi)").width == hi)
        #expect(throws: TilePathError.self) { try TileID(path: "tile/\(v.c2spRules.levelRange[1] + 1)/000") }
        #expect(try TileID(path: "tile/\(v.c2spRules.levelRange[1])/000").level == 63)
    }

    @Test func goSumdbPaths() throws {
        let v = try Self.load()
        #expect(v.goSumdbTilePaths.count == 8)
        for p in v.goSumdbTilePaths {
            if p.invalid == true {
                #expect(throws: TilePathError.self, "\(p.path)") { try SumdbTile(path: p.path) }
                continue
            }
            let tile = try SumdbTile(path: p.path)
            #expect(tile.height == p.H && tile.level == p.L && tile.index == p.N && tile.width == p.W, "\(p.path)")
            let built = try SumdbTile(height: try #require(p.H), level: try #require(p.L),
                                      index: try #require(p.N), width: try #require(p.W))
            #expect(built.path == p.path)
        }
    }

    @Test func malformedC2SPPathsAreRefused() throws {
        for bad in ["tile/0/1", "tile/0/x001", "tile/0/001/002", "tile/00/000", "tile/-1/000", "tile/0/000.p/0",
                    "tile/0/000.p/256", "tile/0/000.p/05", "tile/0", "tiles/0/000", "tile/0/x000/001",
                    "tile/entries/000", "tile/0/000.p", "tile/0/abc"] {
            #expect(throws: TilePathError.self, "\(bad)") { try TileID(path: bad) }
        }
        for bad in ["tile/entries/1", "tile/entries/000.p/256", "tile/0/000", "tile/entries/x000/000"] {
            #expect(throws: TilePathError.self, "\(bad)") { try EntryBundleID(path: bad) }
        }
        #expect(throws: TilePathError.self) { try TileID(level: 64, index: 0) }
        #expect(throws: TilePathError.self) { try TileID(level: 0, index: 0, width: 0) }
        #expect(try TileID(path: "tile/5/x123/x456/078.p/2") == (try TileID(level: 5, index: 123_456_078, width: 2)))
    }

    @Test func goSumdbTreeText() throws {
        let v = try Self.load().goSumdbTreeNote
        let hash = RFC9162.leafHash(Array(v.recordHashOf.utf8))
        #expect(hash.base64 == v.hashB64)
        let tree = SumdbTree(size: v.n, rootHash: hash)
        #expect(tree.text == v.text)
        #expect(try SumdbTree(text: v.text) == tree)
        #expect(try SumdbTree(text: v.text + "extra line\n") == tree)
        for bad in [v.text.replacingOccurrences(of: "\(v.n)", with: "0\(v.n)"), "go.sum database tree\n1\n", String(v.text.dropFirst())] {
            #expect(throws: LogError.self) { try SumdbTree(text: bad) }
        }
    }

    @Test func storedHashLocation() {
        // The level-8 hash n is entry n of a level-1 tile; level 3 hashes span 8 level-0 positions.
        let a = TileLayout.location(ofStoredHash: StoredHashes.index(level: 8, n: 300))
        #expect(a.level == 1 && a.index == 1 && a.positions == 44..<45)
        let b = TileLayout.location(ofStoredHash: StoredHashes.index(level: 3, n: 33))
        #expect(b.level == 0 && b.index == 1 && b.positions == 8..<16)
        let c = TileLayout.location(ofStoredHash: StoredHashes.index(level: 0, n: 70_000))
        #expect(c.level == 0 && c.index == 273 && c.positions == 112..<113)
    }
}
