/// A C2SP tlog-tiles Merkle tree tile (§Merkle Tree): tile `index` at `level` holds the hashes
/// MTH(D[(index·256 + i)·256^level : (index·256 + i + 1)·256^level]) for i < `width`. The height
/// is fixed at 8, so a full tile is 256 hashes (8,192 bytes); a right-edge tile with fewer is
/// partial and is served at `tile/<L>/<N>.p/<W>`.
public struct TileID: Hashable, Sendable, CustomStringConvertible {
    public static let height = 8
    public static let fullWidth = 256
    public static let maxLevel = 63

    public let level: Int
    public let index: UInt64
    public let width: Int

    public init(level: Int, index: UInt64, width: Int = TileID.fullWidth) throws(TilePathError) {
        guard (0...Self.maxLevel).contains(level) else {
            throw TilePathError(.invalidLevel, "tile level \(level) is outside 0...63")
        }
        guard (1...Self.fullWidth).contains(width) else {
            throw TilePathError(.invalidWidth, "tile width \(width) is outside 1...256")
        }
        self.level = level
        self.index = index
        self.width = width
    }

    /// For coordinates the caller has already bounded (level ≤ 63, 1 ≤ width ≤ 256).
    init(uncheckedLevel level: Int, index: UInt64, width: Int) {
        self.level = level
        self.index = index
        self.width = width
    }

    public var isPartial: Bool { width < Self.fullWidth }

    /// `tile/<L>/<N>[.p/<W>]`, relative to the log's prefix.
    public var path: String {
        "tile/\(level)/" + TilePath.encodeIndex(index) + TilePath.suffix(width: width, full: Self.fullWidth)
    }

    public var description: String { path }

    /// Parses a canonical C2SP tile path; entry-bundle paths (`tile/entries/...`) are refused.
    public init(path: String) throws(TilePathError) {
        let elements = path.split(separator: "/", omittingEmptySubsequences: false)
        guard elements.count >= 3, elements[0] == "tile" else {
            throw TilePathError(.malformedPath, "'\(path)' is not tile/<L>/<N>[.p/<W>]")
        }
        guard let level = TilePath.decimal(elements[1]), level <= UInt64(Self.maxLevel) else {
            throw TilePathError(.invalidLevel, "level '\(elements[1])' of \(path) is not a decimal in 0...63")
        }
        let (index, width) = try TilePath.decodeIndex(elements[2...], path: path)
        if let width, !(1..<Self.fullWidth).contains(width) {
            throw TilePathError(.invalidWidth, "partial width \(width) of \(path) is outside 1...255")
        }
        self.init(uncheckedLevel: Int(level), index: index, width: width ?? Self.fullWidth)
        guard self.path == path else {
            throw TilePathError(.notCanonical, "'\(path)' is not canonical; expected '\(self.path)'")
        }
    }
}

/// A C2SP tlog-tiles entry bundle (§Log entries): the entries of the level-0 tile with the same
/// index, at `tile/entries/<N>[.p/<W>]`.
public struct EntryBundleID: Hashable, Sendable, CustomStringConvertible {
    public let index: UInt64
    public let width: Int

    public init(index: UInt64, width: Int = TileID.fullWidth) throws(TilePathError) {
        guard (1...TileID.fullWidth).contains(width) else {
            throw TilePathError(.invalidWidth, "entry bundle width \(width) is outside 1...256")
        }
        self.index = index
        self.width = width
    }

    init(uncheckedIndex index: UInt64, width: Int) {
        self.index = index
        self.width = width
    }

    public var isPartial: Bool { width < TileID.fullWidth }

    public var path: String {
        "tile/entries/" + TilePath.encodeIndex(index) + TilePath.suffix(width: width, full: TileID.fullWidth)
    }

    public var description: String { path }

    public init(path: String) throws(TilePathError) {
        let elements = path.split(separator: "/", omittingEmptySubsequences: false)
        guard elements.count >= 3, elements[0] == "tile", elements[1] == "entries" else {
            throw TilePathError(.malformedPath, "'\(path)' is not tile/entries/<N>[.p/<W>]")
        }
        let (index, width) = try TilePath.decodeIndex(elements[2...], path: path)
        if let width, !(1..<TileID.fullWidth).contains(width) {
            throw TilePathError(.invalidWidth, "partial width \(width) of \(path) is outside 1...255")
        }
        self.init(uncheckedIndex: index, width: width ?? TileID.fullWidth)
        guard self.path == path else {
            throw TilePathError(.notCanonical, "'\(path)' is not canonical; expected '\(self.path)'")
        }
    }
}
