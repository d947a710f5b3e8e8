/// Why a tile or entry-bundle path was refused. Paths arrive from HTTP requests, so every
/// malformed element is named rather than trapped on.
public struct TilePathError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable {
        /// Not of the form `tile/...` with the expected number of elements.
        case malformedPath
        /// Level outside 0...63 (C2SP) or an invalid Go sumdb level or height.
        case invalidLevel
        /// An index element that is not three digits, or lacks/misplaces the `x` prefix.
        case invalidIndex
        /// A partial width outside 1...255 (or 1..<2^H for Go sumdb tiles).
        case invalidWidth
        /// Decodes to a tile whose canonical path differs (e.g. leading zeros).
        case notCanonical
    }

    public var code: Code
    public var context: String

    public init(_ code: Code, _ context: String) {
        self.code = code
        self.context = context
    }

    public var description: String { "\(code.rawValue): \(context)" }
}
