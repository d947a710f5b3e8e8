/// A tile in the original Go checksum-database layout (golang.org/x/mod/sumdb/tlog), which
/// carries its height explicitly: `tile/<H>/<L>/<N>[.p/<W>]`, with `data` in place of the level
/// for record tiles. C2SP tlog-tiles is this layout with H fixed at 8 and the element dropped;
/// supported so Bollard can read and name tiles of logs that still use it.
public struct SumdbTile: Hashable, Sendable, CustomStringConvertible {
    /// Go's limit: 1 ≤ H ≤ 30.
    public static let heightRange = 1...30

    public let height: Int
    /// The tile level, or −1 for a data tile (`data` in the path).
    public let level: Int
    public let index: UInt64
    /// 1 ≤ W ≤ 2^H; 2^H for a full tile.
    public let width: Int

    public init(height: Int, level: Int, index: UInt64, width: Int) throws(TilePathError) {
        guard Self.heightRange.contains(height) else {
            throw TilePathError(.invalidLevel, "tile height \(height) is outside 1...30")
        }
        guard level >= -1 else {
            throw TilePathError(.invalidLevel, "tile level \(level) is below -1 (data)")
        }
        guard (1...(1 << height)).contains(width) else {
            throw TilePathError(.invalidWidth, "width \(width) is outside 1...\(1 << height)")
        }
        self.height = height
        self.level = level
        self.index = index
        self.width = width
    }

    public var isData: Bool { level == -1 }

    public var path: String {
        let levelText = isData ? "data" : String(level)
        return "tile/\(height)/\(levelText)/" + TilePath.encodeIndex(index)
            + TilePath.suffix(width: width, full: 1 << height)
    }

    public var description: String { path }

    public init(path: String) throws(TilePathError) {
        let elements = path.split(separator: "/", omittingEmptySubsequences: false)
        guard elements.count >= 4, elements[0] == "tile" else {
            throw TilePathError(.malformedPath, "'\(path)' is not tile/<H>/<L>/<N>[.p/<W>]")
        }
        guard let h = TilePath.decimal(elements[1]), Self.heightRange.contains(Int(h)) else {
            throw TilePathError(.invalidLevel, "height '\(elements[1])' of \(path) is not a decimal in 1...30")
        }
        let level: Int
        if elements[2] == "data" {
            level = -1
        } else if let l = TilePath.decimal(elements[2]), l <= 63 {
            level = Int(l)
        } else {
            throw TilePathError(.invalidLevel, "level '\(elements[2])' of \(path) is neither 'data' nor a decimal in 0...63")
        }
        let (index, width) = try TilePath.decodeIndex(elements[3...], path: path)
        let full = 1 << Int(h)
        if let width, !(1..<full).contains(width) {
            throw TilePathError(.invalidWidth, "partial width \(width) of \(path) is outside 1..<\(full)")
        }
        try self.init(height: Int(h), level: level, index: index, width: width ?? full)
        guard self.path == path else {
            throw TilePathError(.notCanonical, "'\(path)' is not canonical; expected '\(self.path)'")
        }
    }
}
